package io.realskin.texture.engine;

import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.imaging.StripTiffs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

import javax.imageio.ImageIO;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A mask pixel's paint is its gray times its alpha, whatever the mask's depth and channels. */
class UserMaskTest {
    private static final int W = 40, H = 30;

    @BeforeAll
    static void load() {
        OpenCvLoader.load();
    }

    @Test
    void aMasksAlphaCounts() throws IOException {
        // transparent white, with an opaque white, a half-transparent white and an opaque gray patch
        Map<String, byte[]> masks = new LinkedHashMap<>();
        masks.put("8-bit RGBA PNG", Fixtures.encode(bgra(1), ".png"));
        masks.put("16-bit RGBA PNG", Fixtures.encode(bgra(257), ".png"));
        masks.put("RGBA WebP (lossless)", Fixtures.encode(bgra(1), ".webp", Imgcodecs.IMWRITE_WEBP_QUALITY, 101));
        masks.put("8-bit gray+alpha PNG", grayAlphaPng(DataBuffer.TYPE_BYTE, 1));
        masks.put("16-bit gray+alpha PNG", grayAlphaPng(DataBuffer.TYPE_USHORT, 257));
        // OpenCV 4.9 decodes a TIFF of gray and alpha as its gray alone: until 2026-12-07 transparent white was paint
        masks.put("8-bit gray+alpha TIFF", grayAlphaTiff(8, 1));
        masks.put("16-bit gray+alpha TIFF", grayAlphaTiff(16, 257));
        for (Map.Entry<String, byte[]> e : masks.entrySet()) {
            Mat m = UserMask.load(e.getValue(), W, H, ImageLimits.DEFAULT);
            assertEquals(CvType.CV_8UC1, m.type(), e.getKey());
            assertEquals(0, m.get(2, 15)[0], e.getKey() + ": transparent white is unpainted");
            assertEquals(0, m.get(28, 38)[0], e.getKey() + ": transparent white is unpainted");
            assertEquals(255, m.get(5, 5)[0], e.getKey() + ": opaque white");
            assertEquals(128, m.get(5, 25)[0], 1, e.getKey() + ": white at half alpha");
            assertEquals(100, m.get(20, 5)[0], 1, e.getKey() + ": opaque gray");
        }
    }

    @Test
    void aMaskWithoutAlphaIsItsGray() {
        Mat gray = new Mat(H, W, CvType.CV_8U, new Scalar(0));
        gray.submat(0, 10, 0, 10).setTo(new Scalar(255));
        gray.submat(15, 25, 0, 10).setTo(new Scalar(100));
        Mat m = UserMask.load(Fixtures.encode(gray, ".png"), W, H, ImageLimits.DEFAULT);
        assertEquals(255, m.get(5, 5)[0]);
        assertEquals(100, m.get(20, 5)[0]);
        assertEquals(0, m.get(20, 30)[0]);
    }

    /**
     * A mask must be the image's size as it is shown (both turned by their EXIF orientation), as the gateway requires
     * of a job's mask: until 2026-12-07 any other size was stretched to the image, so a mask painted on the stored
     * grid of a photo tagged 6 (4000x3000 for a 3000x4000 picture) put the texture where the face was not.
     */
    @Test
    void aMaskOfAnotherSizeIsRefused() {
        byte[] mask = Fixtures.encode(new Mat(H, W, CvType.CV_8U, new Scalar(255)), ".png");
        for (int[] size : new int[][] {{H, W}, {W * 2, H * 2}, {W, H + 1}}) {
            ImageRejectedException e = assertThrows(ImageRejectedException.class,
                    () -> UserMask.load(mask, size[0], size[1], ImageLimits.DEFAULT));
            assertEquals(ImageRejectedException.BAD_IMAGE, e.code());
            assertEquals("the mask is " + W + "x" + H + " but the image is " + size[0] + "x" + size[1]
                    + " (as shown, its EXIF orientation applied): a mask must be the image's size", e.getMessage());
        }
    }

    /** BGRA of {@code scale} (1: 8-bit, 257: 16-bit) with the four patches. */
    private static Mat bgra(int scale) {
        int type = scale == 1 ? CvType.CV_8UC4 : CvType.CV_16UC4;
        Mat m = new Mat(H, W, type, new Scalar(255 * scale, 255 * scale, 255 * scale, 0));
        m.submat(0, 10, 0, 10).setTo(new Scalar(255 * scale, 255 * scale, 255 * scale, 255 * scale));
        m.submat(0, 10, 20, 30).setTo(new Scalar(255 * scale, 255 * scale, 255 * scale, 128 * scale));
        m.submat(15, 25, 0, 10).setTo(new Scalar(100 * scale, 100 * scale, 100 * scale, 255 * scale));
        return m;
    }

    /** The same as gray + alpha (a PNG colour type OpenCV does not write), 8 or 16 bits. */
    private static byte[] grayAlphaPng(int dataType, int scale) throws IOException {
        return grayAlpha(dataType, scale, null);
    }

    /** The same as a TIFF of gray and alpha (two samples a pixel, as PIL writes mode LA), 8 or 16 bits. */
    private static byte[] grayAlphaTiff(int bits, int scale) throws IOException {
        int[] samples = new int[W * H * 2];
        grayAlpha(bits == 8 ? DataBuffer.TYPE_BYTE : DataBuffer.TYPE_USHORT, scale, samples);
        return StripTiffs.of(W, H, 2, bits, StripTiffs.GRAY, 1, StripTiffs.UNSIGNED, samples);
    }

    /** The four patches as gray + alpha: into {@code samples} when not null, else encoded as a PNG. */
    private static byte[] grayAlpha(int dataType, int scale, int[] samples) throws IOException {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, dataType);
        WritableRaster raster = model.createCompatibleWritableRaster(W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int gray = 255, alpha = 0;
                if (y < 10 && x < 10) alpha = 255;
                else if (y < 10 && x >= 20 && x < 30) alpha = 128;
                else if (y >= 15 && y < 25 && x < 10) {
                    gray = 100;
                    alpha = 255;
                }
                raster.setPixel(x, y, new int[] {gray * scale, alpha * scale});
            }
        }
        if (samples != null) {
            raster.getPixels(0, 0, W, H, samples);
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(model, raster, false, null), "png", out);
        return out.toByteArray();
    }
}
