package io.realskin.texture.engine;

import org.opencv.core.Core;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.jar.JarEntry;

/**
 * Loads the openpnp OpenCV native library once per JVM. openpnp's own loader copies the 65 MB library out of its
 * jar into a new temporary directory in every process; this one copies it once into a cache directory named by
 * the library's content (the CRC-32 and size the jar records for it) and loads that copy from then on, so a
 * process start costs a {@code System.load} instead of a 65 MB copy.
 *
 * <p>The cache is {@code -Drealskin.opencv.cache=DIR}, else {@code $XDG_CACHE_HOME/realskin/opencv}, else
 * {@code ~/.cache/realskin/opencv}; {@code -Drealskin.opencv.cache=none} (or a cache that cannot be written, a
 * platform openpnp names differently, or OpenCV's classes in another class loader than this one) falls back to
 * openpnp's copy per process.
 */
final class OpenCvLoader {
    static final String CACHE_PROPERTY = "realskin.opencv.cache";
    private static volatile boolean loaded;

    private OpenCvLoader() {
    }

    static void load() {
        if (loaded) return;
        synchronized (OpenCvLoader.class) {
            if (!loaded) {
                // System.load binds the library to the calling class's loader, and OpenCV's classes find their native
                // methods only through their own loader: where the two differ (Quarkus' test and dev class loaders),
                // openpnp, inside OpenCV's jar, has to load it
                Path cached = OpenCvLoader.class.getClassLoader() == Core.class.getClassLoader() ? cachedLibrary() : null;
                if (cached != null) {
                    System.load(cached.toString());
                } else {
                    nu.pattern.OpenCV.loadLocally();
                }
                loaded = true;
            }
        }
    }

    /** The cached copy of the library, made if missing; null when there is no usable cache. */
    static Path cachedLibrary() {
        Path dir = cacheDirectory();
        String resource = resourcePath();
        if (dir == null || resource == null) return null;
        URL url = OpenCvLoader.class.getClassLoader().getResource(resource);
        if (url == null) return null;
        try {
            URLConnection connection = url.openConnection();
            if (!(connection instanceof JarURLConnection jar)) return null;
            JarEntry entry = jar.getJarEntry();
            if (entry.getSize() < 0 || entry.getCrc() < 0) return null;
            Path file = dir.resolve(cacheKey(entry.getCrc(), entry.getSize())).resolve(resource.substring(resource.lastIndexOf('/') + 1));
            if (Files.isRegularFile(file) && Files.size(file) == entry.getSize()) return file;
            Files.createDirectories(file.getParent());
            // copy beside it, then rename: a concurrent process sees the whole library or none
            Path partial = Files.createTempFile(file.getParent(), "partial-", ".tmp");
            try (InputStream in = connection.getInputStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            return file;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /**
     * The copy's directory name, {@code "%08x-%d"} of the CRC-32 and the size, written without java.util.Formatter:
     * its first use in a JVM sets up locale data (about 10 ms, before the face models can start loading).
     */
    static String cacheKey(long crc32, long size) {
        String hex = Long.toHexString(crc32);
        return "0".repeat(Math.max(0, 8 - hex.length())) + hex + "-" + size;
    }

    static Path cacheDirectory() {
        String configured = System.getProperty(CACHE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return configured.equals("none") ? null : Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) return Path.of(xdg, "realskin", "opencv");
        String home = System.getProperty("user.home");
        return home == null || home.isBlank() || home.equals("?") ? null : Path.of(home, ".cache", "realskin", "opencv");
    }

    /** Where openpnp's jar keeps the library for this platform, or null for a platform it names otherwise. */
    static String resourcePath() {
        String osName = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String os = osName.startsWith("linux") ? "linux" : osName.startsWith("mac") ? "osx"
                : osName.startsWith("windows") ? "windows" : null;
        String arch = switch (System.getProperty("os.arch", "").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "ARMv8";
            case "arm" -> "ARMv7";
            case "x86", "i386", "i686" -> "x86_32";
            default -> null;
        };
        if (os == null || arch == null) return null;
        return "nu/pattern/opencv/" + os + "/" + arch + "/" + System.mapLibraryName(Core.NATIVE_LIBRARY_NAME);
    }
}
