package io.realskin.texture.engine;

import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.ImageRejectedException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * 8-bit tiled TIFFs whose orientation tag is not 1, decoded by the JDK's TIFF reader (javax.imageio, which leaves the
 * orientation to its caller) and turned here. OpenCV 4.9 reads 8-bit tiles through libtiff's RGBA interface, which
 * turns each tile within itself and then flips only the whole image vertically: with a mirroring tag (2, 3, 6, 7)
 * every tile's content came out mirrored in place. Strips, 16-bit samples and upright tiles OpenCV reads right; they
 * keep its decoder.
 */
final class OrientedTiffTiles {
    private OrientedTiffTiles() {
    }

    /**
     * The picture upright (8-bit gray, BGR or BGRA) when it is such a TIFF; null when OpenCV's decoder reads it right.
     * {@code info} is what the probe admitted: the pixel budget is checked before this allocates anything.
     */
    static Mat decodeUpright(byte[] bytes, ImageInfo info) {
        if (info.format() != ImageFormat.TIFF || info.orientation() == 1 || info.bytesPerSample() != 1) return null;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("tiff");
            if (!readers.hasNext()) return null;
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if (!reader.isImageTiled(0)) return null;
                Mat stored = toMat(reader.read(0));
                Mat upright = SafeImageDecoder.orient(stored, info.orientation());
                if (upright != stored) stored.release();
                return upright;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw ImageRejectedException.badImage("could not decode this tiled TIFF (orientation " + info.orientation() + "): "
                    + e.getMessage() + "; save it upright (orientation 1) or in strips");
        }
    }

    /** 8-bit samples as OpenCV orders them: gray, BGR or BGRA. */
    private static Mat toMat(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int bands = image.getRaster().getNumBands();
        boolean alpha = image.getColorModel().hasAlpha();
        if (image.getColorModel() instanceof ComponentColorModel && image.getRaster().getTransferType() == DataBuffer.TYPE_BYTE) {
            int space = image.getColorModel().getColorSpace().getType();
            if ((space == ColorSpace.TYPE_GRAY && bands == 1) || (space == ColorSpace.TYPE_RGB && bands == (alpha ? 4 : 3))) {
                byte[] samples = (byte[]) image.getRaster().getDataElements(0, 0, w, h, null);
                Mat stored = new Mat(h, w, CvType.CV_8UC(bands));
                stored.put(0, 0, samples);
                if (bands == 1) return stored;
                Mat bgr = new Mat();
                Imgproc.cvtColor(stored, bgr, alpha ? Imgproc.COLOR_RGBA2BGRA : Imgproc.COLOR_RGB2BGR);
                stored.release();
                return bgr;
            }
        }
        // palette, bilevel, gray with alpha, CMYK: the reader's own conversion to sRGB
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        int channels = alpha ? 4 : 3;
        byte[] out = new byte[w * h * channels];
        for (int i = 0, o = 0; i < argb.length; i++) {
            int p = argb[i];
            out[o++] = (byte) p;
            out[o++] = (byte) (p >> 8);
            out[o++] = (byte) (p >> 16);
            if (alpha) out[o++] = (byte) (p >>> 24);
        }
        Mat m = new Mat(h, w, CvType.CV_8UC(channels));
        m.put(0, 0, out);
        return m;
    }
}
