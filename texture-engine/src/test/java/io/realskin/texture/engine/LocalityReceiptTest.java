package io.realskin.texture.engine;

import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageProbe;
import io.realskin.imaging.StripTiffs;
import io.realskin.texture.jpeg.JpegInputs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The locality receipt against a computation of its own: both files decoded here (OpenCV and javax.imageio), the
 * boxes blanked, SHA-256 over the documented layout; every pixel that differs lies inside a box.
 */
class LocalityReceiptTest {
    static TextureEngine engine;

    @BeforeAll
    static void load() {
        engine = new TextureEngine();
    }

    @Test
    void pngReceiptMatchesAnIndependentHashAndHoldsEveryChange() {
        byte[] in = Fixtures.realPng();
        RestoreResult r = engine.restore(in, RestoreOptions.defaults().withIntensity(70).withSeed(2));
        LocalityReceipt receipt = r.locality();
        assertEquals(1, receipt.boxes().size(), receipt.toString());
        assertTrue(receipt.identical(), receipt.toString());
        assertEquals("rgb8", receipt.layoutBefore());
        for (Image decoded : List.of(Image.openCv(in), Image.imageIo(in))) {
            assertEquals(receipt.sha256Before(), decoded.sha256Outside(receipt.boxes()));
        }
        for (Image decoded : List.of(Image.openCv(r.bytes()), Image.imageIo(r.bytes()))) {
            assertEquals(receipt.sha256After(), decoded.sha256Outside(receipt.boxes()));
        }
        assertEquals(receipt.changedPixels(), assertChangesInside(Image.imageIo(in), Image.imageIo(r.bytes()), receipt));
        assertTrue(receipt.changedPixels() > 1000, receipt.toString());
    }

    @Test
    void sixteenBitPngIsHashedBigEndian() {
        Mat bgr = Fixtures.decode(Fixtures.bytes(Fixtures.REAL));
        Mat b16 = new Mat();
        bgr.convertTo(b16, CvType.CV_16UC3, 257);
        byte[] in = Fixtures.encode(b16, ".png");
        LocalityReceipt receipt = engine.restore(in, RestoreOptions.defaults().withIntensity(50)).locality();
        assertEquals("rgb16be", receipt.layoutBefore());
        assertEquals(receipt.sha256Before(), Image.imageIo(in).sha256Outside(receipt.boxes()));
        assertTrue(receipt.identical() && receipt.changedPixels() > 0, receipt.toString());
    }

    @Test
    void jpegCoefficientReceiptMatchesAnIndependentHashOfTheDecodedOutput() {
        for (String name : List.of("4:4:4 baseline (OpenCV)", "4:2:0 progressive (ImageIO)")) {
            byte[] in = JpegInputs.portraitVariants().get(name);
            RestoreResult r = engine.restore(in, RestoreOptions.defaults().withIntensity(80).withSeed(4));
            assertEquals(JpegLocality.COEFFICIENT, r.jpeg().path(), name);
            LocalityReceipt receipt = r.locality();
            assertEquals(1, receipt.boxes().size(), name + ": " + receipt);
            assertTrue(receipt.identical(), name + ": " + receipt);
            Image before = Image.openCv(in), after = Image.openCv(r.bytes());
            assertEquals(receipt.sha256Before(), before.sha256Outside(receipt.boxes()), name);
            assertEquals(receipt.sha256After(), after.sha256Outside(receipt.boxes()), name);
            assertChangesInside(before, after, receipt);
            // another decoder (javax.imageio's libjpeg) also sees nothing change outside the boxes
            assertEquals(Image.imageIo(in).sha256Outside(receipt.boxes()), Image.imageIo(r.bytes()).sha256Outside(receipt.boxes()), name);
            LocalityReceipt.Box box = receipt.boxes().get(0);
            int align = name.startsWith("4:4:4") ? 8 : 16;
            assertTrue(box.x() % align == 0 && box.y() % align == 0, name + ": box " + box + " on the MCU grid");
        }
    }

    @Test
    void anUntouchedImageHasEqualHashesOfTheWholeImageAndNoChange() {
        byte[] in = Fixtures.realPng();
        RestoreResult r = engine.restore(in, RestoreOptions.defaults().withIntensity(0));
        LocalityReceipt receipt = r.locality();
        assertEquals(0, receipt.changedPixels());
        assertTrue(receipt.boxes().isEmpty());
        assertTrue(receipt.identical());
        assertEquals(Image.imageIo(in).sha256Outside(List.of()), receipt.sha256After());
        byte[] jpeg = JpegInputs.portraitVariants().get("4:2:0 baseline (ImageIO)");
        LocalityReceipt none = engine.restore(jpeg, RestoreOptions.defaults().withIntensity(0)).locality();
        assertEquals(0, none.changedPixels());
        assertEquals(none.sha256Before(), none.sha256After());
        assertEquals(Image.openCv(jpeg).sha256Outside(List.of()), none.sha256Before());
    }

    /**
     * A TIFF of gray and alpha left unchanged comes back with its alpha, and the receipt hashes what the file holds
     * (the gray as R = G = B, and the alpha): until 2026-12-07 the decode dropped the alpha, the result was written
     * without it, and the receipt said gray8 before and after, identical.
     */
    @Test
    void aGrayTiffWithAlphaKeepsItsAlphaAndTheReceiptHashesIt() {
        Mat gray = new Mat();
        Imgproc.cvtColor(Fixtures.decode(Fixtures.realPng()), gray, Imgproc.COLOR_BGR2GRAY);
        int w = gray.cols(), h = gray.rows();
        byte[] g = new byte[w * h];
        gray.get(0, 0, g);
        int[] samples = new int[w * h * 2], rgba = new int[w * h * 4];
        for (int i = 0; i < w * h; i++) {
            int alpha = i % w * 255 / w;
            samples[2 * i] = g[i] & 0xFF;
            samples[2 * i + 1] = alpha;
            rgba[4 * i] = rgba[4 * i + 1] = rgba[4 * i + 2] = g[i] & 0xFF;
            rgba[4 * i + 3] = alpha;
        }
        byte[] in = StripTiffs.of(w, h, 2, 8, StripTiffs.GRAY, 1, StripTiffs.UNSIGNED, samples);
        RestoreResult r = engine.restore(in, RestoreOptions.defaults().withIntensity(0));
        LocalityReceipt receipt = r.locality();
        assertEquals("rgba8", receipt.layoutBefore(), receipt.toString());
        assertEquals("rgba8", receipt.layoutAfter(), receipt.toString());
        Image held = new Image(w, h, 4, false, rgba);
        assertEquals(held.sha256Outside(List.of()), receipt.sha256Before());
        assertEquals(held.sha256Outside(List.of()), Image.openCv(r.bytes()).sha256Outside(List.of()), "the result holds the alpha");
        assertTrue(receipt.identical() && receipt.changedPixels() == 0, receipt.toString());
    }

    /**
     * A BMP with alpha (32-bit BITFIELDS with an alpha mask, as ImageMagick writes one) left unchanged comes back with
     * its alpha, the same pixels: until 2026-12-07 OpenCV's BMP writer wrote its 32 bits as BI_RGB, whose fourth byte
     * decoders read as padding, so the result lost the alpha (receipt: every pixel changed, rgb8 after).
     */
    @Test
    void aBmpWithAlphaKeepsItsAlpha() {
        Mat bgr = Fixtures.decode(Fixtures.realPng());
        int w = bgr.cols(), h = bgr.rows();
        byte[] px = new byte[w * h * 3];
        bgr.get(0, 0, px);
        byte[] in = new byte[138 + w * h * 4]; // as ImageMagick writes it: BITMAPV5HEADER, BI_BITFIELDS, bottom-up
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(in).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(in.length).putInt(0).putInt(138);
        b.putInt(124).putInt(w).putInt(h).putShort((short) 1).putShort((short) 32).putInt(3).putInt(w * h * 4).putInt(2835).putInt(2835)
                .putInt(0).putInt(0).putInt(0x00FF0000).putInt(0x0000FF00).putInt(0x000000FF).putInt(0xFF000000).putInt(0x73524742);
        for (int y = h - 1, at = 138; y >= 0; y--) {
            for (int x = 0; x < w; x++, at += 4) {
                System.arraycopy(px, (y * w + x) * 3, in, at, 3);
                in[at + 3] = (byte) (x * 255 / w);
            }
        }
        assertEquals(CvType.CV_8UC4, Fixtures.decode(in).type(), "OpenCV reads the alpha of such a file");
        RestoreResult r = engine.restore(in, RestoreOptions.defaults().withIntensity(0));
        LocalityReceipt receipt = r.locality();
        assertEquals(ImageFormat.BMP, ImageProbe.format(r.bytes()));
        assertEquals("rgba8", receipt.layoutAfter(), receipt.toString());
        assertTrue(receipt.identical() && receipt.changedPixels() == 0, receipt.toString());
        assertEquals(Image.openCv(in).sha256Outside(List.of()), Image.openCv(r.bytes()).sha256Outside(List.of()), "the same pixels");
    }

    @Test
    void aReencodedJpegSaysHonestlyThatPixelsOutsideChanged() {
        RestoreResult r = engine.restore(Fixtures.realPng(), RestoreOptions.defaults().withIntensity(50)
                .withOutputFormat(ImageFormat.JPEG));
        assertEquals(JpegLocality.REENCODED, r.jpeg().path());
        LocalityReceipt receipt = r.locality();
        assertFalse(receipt.identical());
        assertNotEquals(receipt.sha256Before(), receipt.sha256After());
        assertEquals(receipt.sha256After(), Image.openCv(r.bytes()).sha256Outside(receipt.boxes()));
        // the input as it was before the engine, though the engine kept only its faces' regions
        Image before = Image.openCv(Fixtures.realPng()), after = Image.openCv(r.bytes());
        assertEquals(receipt.sha256Before(), before.sha256Outside(receipt.boxes()));
        long changed = 0;
        for (int y = 0; y < before.height; y++) for (int x = 0; x < before.width; x++) if (!before.samePixel(after, x, y)) changed++;
        assertEquals(changed, receipt.changedPixels());
        LocalityReceipt.Box box = receipt.boxes().get(0);
        assertTrue(receipt.changedPixels() > (long) box.width() * box.height(), "changes outside the box too: " + receipt);
    }

    @Test
    void aWebpResultIsLosslessSoNothingOutsideTheBoxesChanges() {
        byte[] in = Fixtures.encode(Fixtures.decode(Fixtures.realPng()), ".webp", Imgcodecs.IMWRITE_WEBP_QUALITY, 80);
        RestoreResult r = engine.restore(in, RestoreOptions.defaults().withIntensity(70).withSeed(2));
        assertEquals(ImageFormat.WEBP, ImageProbe.probe(r.bytes()).format());
        LocalityReceipt receipt = r.locality();
        assertTrue(receipt.identical(), receipt.toString());
        Image before = Image.openCv(in), after = Image.openCv(r.bytes());
        assertEquals(receipt.sha256Before(), before.sha256Outside(receipt.boxes()));
        assertEquals(receipt.sha256After(), after.sha256Outside(receipt.boxes()));
        assertEquals(receipt.changedPixels(), assertChangesInside(before, after, receipt));
    }

    /** @return the pixels that differ */
    private static long assertChangesInside(Image before, Image after, LocalityReceipt receipt) {
        long changed = 0;
        for (int y = 0; y < before.height; y++) {
            for (int x = 0; x < before.width; x++) {
                if (!before.samePixel(after, x, y)) {
                    changed++;
                    int px = x, py = y;
                    assertTrue(receipt.boxes().stream().anyMatch(b -> b.contains(px, py)),
                            "pixel " + x + "," + y + " changed outside " + receipt.boxes());
                }
            }
        }
        assertTrue(changed > 0);
        return changed;
    }

    /** A decoded image as the receipt's layout has it: samples R, G, B (gray: one), row-major. */
    record Image(int width, int height, int channels, boolean sixteen, int[] samples) {
        static Image imageIo(byte[] file) {
            try {
                BufferedImage img = ImageIO.read(new ByteArrayInputStream(file));
                Raster raster = img.getRaster();
                int bands = raster.getNumBands();
                return new Image(img.getWidth(), img.getHeight(), bands, raster.getSampleModel().getSampleSize(0) == 16,
                        raster.getPixels(0, 0, img.getWidth(), img.getHeight(), (int[]) null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Image openCv(byte[] file) {
            Mat m = Fixtures.decode(file);
            int ch = m.channels();
            int[] samples = new int[(int) m.total() * ch];
            boolean sixteen = CvType.depth(m.type()) == CvType.CV_16U;
            int[] order = ch == 1 ? new int[] {0} : ch == 3 ? new int[] {2, 1, 0} : new int[] {2, 1, 0, 3};
            for (int y = 0, i = 0; y < m.rows(); y++) {
                for (int x = 0; x < m.cols(); x++) {
                    double[] px = m.get(y, x);
                    for (int c : order) samples[i++] = (int) px[c];
                }
            }
            return new Image(m.cols(), m.rows(), ch, sixteen, samples);
        }

        boolean samePixel(Image o, int x, int y) {
            int at = (y * width + x) * channels;
            for (int c = 0; c < channels; c++) if (samples[at + c] != o.samples[at + c]) return false;
            return true;
        }

        String sha256Outside(List<LocalityReceipt.Box> boxes) {
            try {
                MessageDigest d = MessageDigest.getInstance("SHA-256");
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int px = x, py = y;
                        boolean blank = boxes.stream().anyMatch(b -> b.contains(px, py));
                        for (int c = 0; c < channels; c++) {
                            int v = blank ? 0 : samples[(y * width + x) * channels + c];
                            if (sixteen) d.update((byte) (v >> 8));
                            d.update((byte) v);
                        }
                    }
                }
                return HexFormat.of().formatHex(d.digest());
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
