package io.realskin.texture.engine;

import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.ImageProbe;
import io.realskin.texture.jpeg.JpegCoefficients;
import io.realskin.texture.jpeg.JpegInputs;
import io.realskin.texture.jpeg.JpegReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * JPEG in, JPEG out on shared/portraits as their sources encoded them (other encoders than the test's own, other
 * layouts): one JPEG per source (MANIFEST.tsv's source repository; the smallest with a face, at most
 * {@link #MAX_PIXELS}), in local mode and restore mode, decoded by OpenCV and javax.imageio.
 */
class SharedPortraitsJpegTest {
    /** ../shared beside the checkout's root (surefire runs in the module's directory, one level below). */
    static final Path PORTRAITS = Path.of(System.getProperty("realskin.portraits", "../../shared/portraits"));
    /** Keeps the test's decodes small; the larger sources are 12-20 MP photographs of the same layouts. */
    static final long MAX_PIXELS = 4_000_000;

    record Portrait(String source, String file, byte[] bytes, String layout, FaceScore face, int width, int height) {
        String name() {
            return source + " " + file + " (" + layout + ")";
        }
    }

    static TextureEngine engine;
    static List<Portrait> portraits;

    @BeforeAll
    static void load() throws IOException {
        assumeTrue(Files.isRegularFile(PORTRAITS.resolve("MANIFEST.tsv")), "shared/portraits is not beside this checkout ("
                + PORTRAITS.toAbsolutePath().normalize() + "); JpegLocalityTest covers the layouts on the bundled fixture");
        engine = new TextureEngine();
        Map<String, List<Path>> bySource = new TreeMap<>();
        List<String> lines = Files.readAllLines(PORTRAITS.resolve("MANIFEST.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            if (f.length < 2) continue;
            bySource.computeIfAbsent(f[1], k -> new ArrayList<>()).add(PORTRAITS.resolve(f[0]));
        }
        portraits = new ArrayList<>();
        for (var e : bySource.entrySet()) {
            List<Portrait> candidates = new ArrayList<>();
            for (Path p : e.getValue()) {
                byte[] b = Files.readAllBytes(p);
                if (!JpegCoefficientRestore.isJpeg(b)) continue; // by content: some .jpg files are PNGs
                ImageInfo info = ImageProbe.probe(b);
                if (info.pixels() > MAX_PIXELS || info.orientation() > 1) continue;
                candidates.add(new Portrait(e.getKey(), PORTRAITS.relativize(p).toString(), b, JpegInputs.layout(b), null,
                        info.width(), info.height()));
            }
            candidates.sort(Comparator.comparingLong(c -> (long) c.width() * c.height()));
            for (Portrait c : candidates) {
                List<FaceScore> faces = engine.score(c.bytes()).faces();
                if (faces.isEmpty()) continue;
                portraits.add(new Portrait(c.source(), c.file(), c.bytes(), c.layout(), faces.get(0), c.width(), c.height()));
                break;
            }
        }
        portraits.forEach(p -> System.out.println("shared portrait under test: " + p.name()));
    }

    @Test
    void theSetSpansSourcesAndLayouts() {
        Set<String> words = new TreeSet<>();
        for (Portrait p : portraits) words.addAll(List.of(p.layout().split(" ")));
        assertTrue(portraits.size() >= 8, "portraits from at least 8 sources: " + portraits.size());
        for (String w : List.of("progressive", "baseline", "4:4:4", "4:2:0", "restart")) {
            assertTrue(words.contains(w), "a " + w + " JPEG among " + portraits.stream().map(Portrait::name).toList());
        }
    }

    /**
     * A reference of coarse skin: every portrait gets texture, even one whose skin already carries what its own frame
     * calls for (the engine leaves those alone), so the locality checks below are never vacuous.
     */
    static final TextureProfile COARSE = new TextureProfile(0.3, 1.3, 0.8, new double[0], new double[0], new double[0], 0, 1);

    @Test
    void localModeChangesNothingOutsideTheMaskDilatedToMcusPlusOneMcu() {
        for (Portrait p : portraits) {
            FaceScore face = p.face();
            // the face's left half, off the block grid
            Rect maskRect = clip(new Rect(face.x() + 3, face.y() + 5, face.width() / 2, face.height() - 9), p.width(), p.height());
            Mat mask = new Mat(p.height(), p.width(), CvType.CV_8U, new Scalar(0));
            mask.submat(maskRect).setTo(new Scalar(255));
            RestoreResult r = engine.restore(p.bytes(), RestoreOptions.defaults().withIntensity(100).withSeed(5).withProfile(COARSE)
                    .withMask(Fixtures.encode(mask, ".png")));
            mask.release();
            JpegLocality j = r.jpeg();
            assertEquals(JpegLocality.COEFFICIENT, j.path(), p.name());
            assertTrue(j.blocksRecomputed() > 0, p.name() + ": " + j);
            JpegCoefficients c = JpegReader.read(p.bytes());
            boolean[] mayDiffer = new boolean[p.width() * p.height()];
            JpegLocalityTest.markDilated(mayDiffer, p.width(), p.height(), maskRect, c.mcuWidth(), c.mcuHeight(), j.marginPixels());
            JpegLocalityTest.assertIdenticalOutside(p.bytes(), r.bytes(), mayDiffer, p.name());
            JpegLocalityTest.assertQuantTablesEqual(p.bytes(), r.bytes(), p.name());
        }
    }

    private static Rect clip(Rect r, int width, int height) {
        int x0 = Math.max(0, r.x), y0 = Math.max(0, r.y);
        return new Rect(x0, y0, Math.min(width, r.x + r.width) - x0, Math.min(height, r.y + r.height) - y0);
    }

    @Test
    void restoreModeChangesNothingBeyondOneMcuOfARecomputedBlock() {
        for (Portrait p : portraits) {
            RestoreResult r = engine.restore(p.bytes(), RestoreOptions.defaults().withIntensity(60).withProfile(COARSE));
            assertEquals(JpegLocality.COEFFICIENT, r.jpeg().path(), p.name());
            List<Rect> blocks = JpegLocalityTest.changedBlocks(p.bytes(), r.bytes());
            boolean[] mayDiffer = new boolean[p.width() * p.height()];
            for (Rect block : blocks) {
                JpegLocalityTest.markDilated(mayDiffer, p.width(), p.height(), block, block.width, block.height,
                        r.jpeg().marginPixels());
            }
            long changed = blocks.size();
            assertTrue(changed > 0 && changed <= r.jpeg().blocksRecomputed(), p.name() + ": " + changed + " vs " + r.jpeg());
            JpegLocalityTest.assertIdenticalOutside(p.bytes(), r.bytes(), mayDiffer, p.name());
            JpegLocalityTest.assertQuantTablesEqual(p.bytes(), r.bytes(), p.name());
            JpegPreviewsTest.assertExifKeptWithoutThumbnail(p.bytes(), r.bytes(), p.name());
        }
    }
}
