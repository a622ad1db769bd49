package io.realskin.imaging;

import java.awt.Rectangle;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * 8-bit tiled TIFFs whose orientation tag is not 1, decoded upright by the JDK's TIFF reader (javax.imageio, any
 * compression it reads: none, LZW, Deflate, PackBits, JPEG), which leaves the orientation to its caller. OpenCV 4.9
 * reads 8-bit tiles through libtiff's RGBA interface, which turns each tile within itself and then flips only the whole
 * image vertically: with a mirroring tag (2, 3, 6, 7) every tile's content came out mirrored in place. Strips, 16-bit
 * samples and upright tiles OpenCV reads right; they keep its decoder. Shared by the texture engine and
 * generation-service, which wrap the samples in their own OpenCV matrices.
 */
public final class OrientedTiffTiles {
    private OrientedTiffTiles() {
    }

    /**
     * Upright pixels: {@code channels} interleaved 8-bit samples a pixel, as OpenCV orders them (1 gray, 3 BGR, 4 BGRA),
     * rows top to bottom.
     */
    public record Upright(int width, int height, int channels, byte[] samples) {
    }

    /** Whether {@code info} may be such a TIFF (whether it is tiled, only its decode tells). */
    public static boolean mayApply(ImageInfo info) {
        return info.format() == ImageFormat.TIFF && info.orientation() != 1 && info.bytesPerSample() == 1;
    }

    /**
     * The picture upright when it is such a TIFF; null when OpenCV's decoder reads it right. {@code info} is what the
     * probe admitted: the pixel budget is checked before this allocates anything. Tiles are read one at a time, so
     * besides the result only one tile's pixels are held.
     *
     * @throws ImageRejectedException bad_image when the JDK's reader cannot decode it, or a JPEG-compressed tile has more
     *                                scans than libtiff reads ({@link TiffJpegScans}), which this reader would decode at
     *                                any number
     */
    public static Upright decodeUpright(byte[] bytes, ImageInfo info) {
        if (!mayApply(info)) return null;
        TiffJpegScans.check(bytes);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("tiff");
            if (!readers.hasNext()) return null;
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if (!reader.isImageTiled(0)) return null;
                return read(reader, info.orientation());
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw ImageRejectedException.badImage("could not decode this tiled TIFF (orientation " + info.orientation() + "): "
                    + e.getMessage() + "; save it upright (orientation 1) or in strips");
        }
    }

    private static Upright read(ImageReader reader, int orientation) throws IOException {
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        int tileW = Math.max(1, Math.min(w, reader.getTileWidth(0)));
        int tileH = Math.max(1, Math.min(h, reader.getTileHeight(0)));
        boolean transposed = orientation >= 5 && orientation <= 8;
        Turn turn = new Turn(orientation, w, h);
        byte[] out = null;
        int channels = 0;
        ImageReadParam param = reader.getDefaultReadParam();
        for (int y0 = 0; y0 < h; y0 += tileH) {
            for (int x0 = 0; x0 < w; x0 += tileW) {
                Rectangle region = new Rectangle(x0, y0, Math.min(tileW, w - x0), Math.min(tileH, h - y0));
                param.setSourceRegion(region);
                Samples tile = samples(reader.read(0, param));
                if (out == null) {
                    channels = tile.channels;
                    out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), channels)];
                }
                turn.place(tile, region, out, channels);
            }
        }
        return new Upright(transposed ? h : w, transposed ? w : h, channels, out);
    }

    /** One region's pixels, interleaved in OpenCV's order (gray, BGR or BGRA), rows top to bottom. */
    private record Samples(int width, int height, int channels, byte[] bytes) {
    }

    private static Samples samples(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int bands = image.getRaster().getNumBands();
        boolean alpha = image.getColorModel().hasAlpha();
        if (image.getColorModel() instanceof ComponentColorModel && image.getRaster().getTransferType() == DataBuffer.TYPE_BYTE) {
            int space = image.getColorModel().getColorSpace().getType();
            if ((space == ColorSpace.TYPE_GRAY && bands == 1) || (space == ColorSpace.TYPE_RGB && bands == (alpha ? 4 : 3))) {
                byte[] samples = (byte[]) image.getRaster().getDataElements(0, 0, w, h, null);
                for (int i = 0; bands > 1 && i < samples.length; i += bands) { // RGB(A) to BGR(A)
                    byte r = samples[i];
                    samples[i] = samples[i + 2];
                    samples[i + 2] = r;
                }
                return new Samples(w, h, bands, samples);
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
        return new Samples(w, h, channels, out);
    }

    /** Where a stored pixel goes in the upright picture, per EXIF orientation (as OpenCV's flips and rotations turn it). */
    private record Turn(int orientation, int width, int height) {
        void place(Samples tile, Rectangle region, byte[] out, int channels) {
            if (tile.channels != channels || tile.width != region.width || tile.height != region.height) {
                throw new IllegalStateException("a tile decoded as " + tile.width + "x" + tile.height + "x" + tile.channels
                        + " where " + region.width + "x" + region.height + "x" + channels + " was expected");
            }
            int uprightWidth = orientation >= 5 && orientation <= 8 ? height : width;
            for (int ty = 0; ty < tile.height; ty++) {
                int sy = region.y + ty;
                for (int tx = 0; tx < tile.width; tx++) {
                    int sx = region.x + tx;
                    int ux;
                    int uy;
                    switch (orientation) {
                        case 2 -> { ux = width - 1 - sx; uy = sy; }
                        case 3 -> { ux = width - 1 - sx; uy = height - 1 - sy; }
                        case 4 -> { ux = sx; uy = height - 1 - sy; }
                        case 5 -> { ux = sy; uy = sx; }
                        case 6 -> { ux = height - 1 - sy; uy = sx; }
                        case 7 -> { ux = height - 1 - sy; uy = width - 1 - sx; }
                        case 8 -> { ux = sy; uy = width - 1 - sx; }
                        default -> { ux = sx; uy = sy; }
                    }
                    System.arraycopy(tile.bytes, (ty * tile.width + tx) * channels, out, (uy * uprightWidth + ux) * channels, channels);
                }
            }
        }
    }
}
