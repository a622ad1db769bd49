package io.realskin.system.studio;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (nothing downloaded), with a fresh profile, a
 * download folder and screenshots kept under the module's target folder.
 */
final class StudioBrowser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration POLL = Duration.ofMillis(100);

    final ChromeDriver driver;
    final Path downloads;
    private final Path screenshots;
    private int shot;

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    StudioBrowser(Path target) throws IOException {
        screenshots = Files.createDirectories(target.resolve("studio-screenshots"));
        // a folder of this run's own: a file left by an earlier run would pass for this run's download
        downloads = Files.createTempDirectory(target, "studio-downloads").toAbsolutePath();
        Path profile = Files.createTempDirectory(target, "chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // the closed network: no background traffic, no QUIC, no component or sync updates
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,800", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(target.resolve("chromedriver.log").toFile()).build();
        driver = new ChromeDriver(service, options);
        viewport(1280, 800, false);
    }

    /**
     * The page's viewport at exactly this size in CSS pixels, and screenshots of it (headless Chromium takes room for a
     * browser's bars from the window's size: a 1280x800 window shows a page of 1280x657). {@code mobile} as a phone
     * shows a page: its viewport meta tag applies.
     */
    void viewport(int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    /** A screenshot of the window, numbered in the order taken. */
    void screenshot(String name) throws IOException {
        File file = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), screenshots.resolve(String.format("%02d-%s.png", ++shot, name)),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Checks every 100 ms (WebDriverWait's own pause is 500 ms, half a second lost on each wait that is not met at once).
     * An element the page re-rendered between its finding and its reading is not met yet, and is asked for again.
     */
    <T> T await(Duration timeout, String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, POLL).withMessage(what).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Where the element is in the window (CSS pixels): {left, top, right, bottom}; WebElement.getRect() is in the page. */
    double[] onScreen(String css) {
        List<?> box = (List<?>) driver.executeScript("""
                const r = document.querySelector(arguments[0]).getBoundingClientRect();
                return [r.left, r.top, r.right, r.bottom];
                """, css);
        return box.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    /** The window's inner size in CSS pixels: {width, height}. */
    long[] window() {
        List<?> size = (List<?>) driver.executeScript("return [innerWidth, innerHeight]");
        return size.stream().mapToLong(v -> ((Number) v).longValue()).toArray();
    }

    /**
     * The pixels an image element shows, as a PNG drawn through a canvas inside the page (the page's CSP lets it fetch
     * nothing but its own origin, so not its blob: URLs either).
     */
    byte[] imageBytes(String css) {
        Object dataUrl = ((JavascriptExecutor) driver).executeScript("""
                const img = document.querySelector(arguments[0]);
                const canvas = document.createElement('canvas');
                canvas.width = img.naturalWidth;
                canvas.height = img.naturalHeight;
                canvas.getContext('2d').drawImage(img, 0, 0);
                return canvas.toDataURL('image/png');
                """, css);
        String url = String.valueOf(dataUrl);
        if (!url.startsWith("data:image/png;base64,")) {
            throw new AssertionError("cannot read " + css + ": " + url);
        }
        return Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1));
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mean absolute difference per channel (0..255) of two equally sized images inside the box {x, y, w, h}. */
    static double meanDifference(BufferedImage a, BufferedImage b, int[] box) {
        long sum = 0;
        long n = 0;
        for (int y = Math.max(0, box[1]); y < Math.min(a.getHeight(), box[1] + box[3]); y++) {
            for (int x = Math.max(0, box[0]); x < Math.min(a.getWidth(), box[0] + box[2]); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff));
                    n++;
                }
            }
        }
        return n == 0 ? 0 : (double) sum / n;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
