package io.realskin.texture.engine;

import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.TestImages;
import io.realskin.texture.jpeg.JpegCoefficients;
import io.realskin.texture.jpeg.JpegComponent;
import io.realskin.texture.jpeg.JpegInputs;
import io.realskin.texture.jpeg.JpegReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JPEG in, JPEG out: outside the stated area every pixel decodes identically to the input's, in OpenCV and in
 * javax.imageio, for every layout; the quantisation tables are the input's.
 */
class JpegLocalityTest {
    static TextureEngine engine;

    @BeforeAll
    static void load() {
        engine = new TextureEngine();
    }

    @Test
    void localModeChangesNothingOutsideTheMaskDilatedToMcusPlusOneMcu() {
        for (Map.Entry<String, byte[]> e : JpegInputs.portraitVariants().entrySet()) {
            byte[] in = e.getValue();
            String name = e.getKey();
            FaceScore face = engine.score(in).faces().get(0);
            // the face's left half: a mask that cuts through skin, off the MCU grid
            Rect maskRect = new Rect(face.x() + 3, face.y() + 5, face.width() / 2, face.height() - 9);
            Mat mask = new Mat(1000, 1000, CvType.CV_8U, new Scalar(0));
            mask.submat(maskRect).setTo(new Scalar(255));
            RestoreResult r = engine.restore(in, RestoreOptions.defaults().withIntensity(100).withSeed(3)
                    .withMask(Fixtures.encode(mask, ".png")));
            JpegLocality j = r.jpeg();
            assertEquals(JpegLocality.COEFFICIENT, j.path(), name);
            assertEquals(ImageFormat.JPEG, r.format());
            assertTrue(j.blocksRecomputed() > 0 && j.blocksCopied() > 10 * j.blocksRecomputed(), name + ": " + j);

            JpegCoefficients c = JpegReader.read(in);
            boolean[] mayDiffer = new boolean[1000 * 1000];
            markDilated(mayDiffer, 1000, 1000, maskRect, c.mcuWidth(), c.mcuHeight(), j.marginPixels());
            if (c.hmax() == 1 && c.vmax() == 1) assertEquals(0, j.marginPixels(), name);
            else assertEquals(Math.max(c.mcuWidth(), c.mcuHeight()), j.marginPixels(), name);
            assertIdenticalOutside(in, r.bytes(), mayDiffer, name);
            assertQuantTablesEqual(in, r.bytes(), name);
        }
    }

    @Test
    void restoreChangesOnlyBlocksInsideTheFacesAndNothingBeyondTheMargin() {
        Map<String, byte[]> variants = JpegInputs.portraitVariants();
        for (String name : List.of("4:4:4 baseline (OpenCV)", "4:2:0 progressive (ImageIO)",
                "4:2:0 progressive with restart markers (OpenCV)")) {
            byte[] in = variants.get(name);
            RestoreResult r = engine.restore(in, RestoreOptions.defaults().withIntensity(60));
            assertEquals(JpegLocality.COEFFICIENT, r.jpeg().path(), name);
            assertEquals(1, r.faces());
            Mat bgr = Fixtures.decode(in);
            Rect region = FaceRegion.regionFor(engine.findFaces(bgr).get(0), 1000, 1000);
            JpegCoefficients a = JpegReader.read(in);
            List<Rect> blocks = changedBlocks(in, r.bytes());
            boolean[] mayDiffer = new boolean[1000 * 1000];
            for (Rect block : blocks) {
                assertTrue(inside(block, region, a.mcuWidth(), a.mcuHeight()),
                        name + ": changed block " + block + " outside the face region " + region);
                markDilated(mayDiffer, 1000, 1000, block, block.width, block.height, r.jpeg().marginPixels());
            }
            long changed = blocks.size();
            assertTrue(changed > 0 && changed <= r.jpeg().blocksRecomputed(), name + ": " + changed + " vs " + r.jpeg());
            assertIdenticalOutside(in, r.bytes(), mayDiffer, name);
            assertQuantTablesEqual(in, r.bytes(), name);
        }
    }

    /**
     * The coefficient path works on the pixel path's decode of the whole frame, so the per-image target (which reads the
     * frame around the face), the levels and the locality receipt are the pixel path's; only the encoding differs.
     */
    @Test
    void theCoefficientPathRestoresAsThePixelPathDoes() {
        for (String name : List.of("4:2:0 baseline (ImageIO)", "4:4:4 baseline (OpenCV)")) {
            byte[] in = JpegInputs.portraitVariants().get(name);
            for (RestoreOptions o : List.of(RestoreOptions.defaults().withIntensity(60).withSeed(5),
                    RestoreOptions.defaults().withAutoIntensity().withSeed(5))) {
                RestoreResult coefficient = engine.restore(in, o);
                RestoreResult pixel = engine.restore(in, o.withOutputFormat(ImageFormat.PNG));
                assertEquals(JpegLocality.COEFFICIENT, coefficient.jpeg().path(), name);
                assertEquals(pixel.faceOutcomes(), coefficient.faceOutcomes(), name + " " + o.intensityLabel());
                assertEquals(pixel.receipt(), coefficient.receipt(), name + " " + o.intensityLabel());
                assertEquals(pixel.plasticScoreAfter(), coefficient.plasticScoreAfter(), name + " " + o.intensityLabel());
                assertEquals(o.intensityLabel(), coefficient.intensity());
            }
        }
    }

    @Test
    void whatTheCoefficientPathCannotServeIsReencodedAndSaysWhy() {
        byte[] jpeg = JpegInputs.portraitVariants().get("4:2:0 baseline (ImageIO)");
        RestoreResult rotated = engine.restore(TestImages.withExifOrientation6(jpeg), RestoreOptions.defaults());
        assertEquals(JpegLocality.REENCODED, rotated.jpeg().path());
        assertEquals("exif-orientation", rotated.jpeg().reason());
        assertEquals(1, rotated.faces());

        RestoreResult fromPng = engine.restore(Fixtures.realPng(), RestoreOptions.defaults().withOutputFormat(ImageFormat.JPEG));
        assertEquals("input-format", fromPng.jpeg().reason());

        RestoreResult toPng = engine.restore(jpeg, RestoreOptions.defaults().withOutputFormat(ImageFormat.PNG));
        assertNull(toPng.jpeg(), "no JPEG result, no JPEG receipt");
    }

    @Test
    void nothingToDoReturnsTheInputBytes() {
        byte[] jpeg = JpegInputs.portraitVariants().get("4:2:0 progressive (OpenCV)");
        RestoreResult r = engine.restore(jpeg, RestoreOptions.defaults().withIntensity(0));
        assertArrayEquals(jpeg, r.bytes());
        assertEquals(JpegLocality.COEFFICIENT, r.jpeg().path());
        assertEquals(0, r.jpeg().blocksRecomputed());
        assertTrue(r.plasticScoreBefore() != null);
    }

    /** Marks {@code r} grown outwards to the (gw, gh) grid, then by {@code margin} pixels on every side. */
    static void markDilated(boolean[] m, int width, int height, Rect r, int gw, int gh, int margin) {
        int x0 = r.x / gw * gw - margin, y0 = r.y / gh * gh - margin;
        int x1 = (r.x + r.width + gw - 1) / gw * gw + margin, y1 = (r.y + r.height + gh - 1) / gh * gh + margin;
        for (int y = Math.max(0, y0); y < Math.min(height, y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min(width, x1); x++) m[y * width + x] = true;
        }
    }

    private static boolean inside(Rect block, Rect region, int mw, int mh) {
        int x0 = region.x / mw * mw, y0 = region.y / mh * mh;
        int x1 = (region.x + region.width + mw - 1) / mw * mw, y1 = (region.y + region.height + mh - 1) / mh * mh;
        return block.x >= x0 && block.y >= y0 && block.x + block.width <= x1 && block.y + block.height <= y1;
    }

    /** The component blocks whose coefficients differ, as the pixel rectangles they cover (all components). */
    static List<Rect> changedBlocks(byte[] in, byte[] out) {
        JpegCoefficients a = JpegReader.read(in), b = JpegReader.read(out);
        List<Rect> changed = new java.util.ArrayList<>();
        for (int ci = 0; ci < a.componentCount(); ci++) {
            JpegComponent ca = a.component(ci), cb = b.component(ci);
            int bw = 8 * a.hmax() / ca.h(), bh = 8 * a.vmax() / ca.v();
            for (int by = 0; by < ca.blocksHigh(); by++) {
                for (int bx = 0; bx < ca.blocksWide(); bx++) {
                    if (!sameBlock(ca, cb, bx, by)) changed.add(new Rect(bx * bw, by * bh, bw, bh));
                }
            }
        }
        return changed;
    }

    private static boolean sameBlock(JpegComponent a, JpegComponent b, int bx, int by) {
        int o = a.offset(bx, by);
        for (int k = 0; k < 64; k++) if (a.coefficients()[o + k] != b.coefficients()[o + k]) return false;
        return true;
    }

    /** Identical outside {@code mayDiffer} in both decoders, and something changed inside. */
    static void assertIdenticalOutside(byte[] in, byte[] out, boolean[] mayDiffer, String name) {
        byte[] a = JpegInputs.openCvPixels(in), b = JpegInputs.openCvPixels(out);
        int ch = a.length / mayDiffer.length;
        long outside = 0, inside = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) continue;
            if (mayDiffer[i / ch]) inside++;
            else outside++;
        }
        assertEquals(0, outside, name + ": OpenCV pixels changed outside the stated area");
        assertTrue(inside > 0, name + ": OpenCV sees the restore");
        int[] p = JpegInputs.imageIoPixels(in), q = JpegInputs.imageIoPixels(out);
        outside = 0;
        inside = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == q[i]) continue;
            if (mayDiffer[i]) inside++;
            else outside++;
        }
        assertEquals(0, outside, name + ": ImageIO pixels changed outside the stated area");
        assertTrue(inside > 0, name + ": ImageIO sees the restore");
    }

    /** The DQT segments' tables by id are equal; and as javax.imageio reports them, where it reads the input's metadata. */
    static void assertQuantTablesEqual(byte[] in, byte[] out, String name) {
        var tablesIn = JpegInputs.dqtTables(in);
        assertTrue(!tablesIn.isEmpty(), name);
        assertEquals(tablesIn, JpegInputs.dqtTables(out), name + ": quantisation tables by id");
        if (!JpegInputs.imageIoReadsMetadata(in)) return;
        List<int[]> a = JpegInputs.imageIoQuantTables(in), b = JpegInputs.imageIoQuantTables(out);
        assertEquals(a.size(), b.size(), name);
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i), b.get(i), name + ": quantisation table " + i);
    }
}
