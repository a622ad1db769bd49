package io.realskin.imaging;

import java.awt.Rectangle;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
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
 * generation-service, which take the tiles into an OpenCV matrix ({@code opencv.UprightTiffTiles}).
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

    /** Where the upright picture goes, tile by tile (an array, or an OpenCV matrix: {@code opencv.UprightTiffTiles}). */
    public interface Target {
        /** Before any tile: the upright picture's size and channels (1 gray, 3 BGR, 4 BGRA). */
        void start(int width, int height, int channels);

        /**
         * One tile upright: the rectangle of the upright picture at ({@code x}, {@code y}), {@code width} x
         * {@code height}, whose samples are the first {@code width * height * channels} of {@code samples}, rows top
         * to bottom. The array is the next tile's too: copy what is kept.
         */
        void put(int x, int y, int width, int height, byte[] samples);
    }

    /** Whether {@code info} may be such a TIFF (whether it is tiled, only its decode tells). */
    public static boolean mayApply(ImageInfo info) {
        return info.format() == ImageFormat.TIFF && info.orientation() != 1 && info.bytesPerSample() == 1;
    }

    /** {@link #decodeUpright(byte[], ImageInfo, Target)} into an array; null when OpenCV's decoder reads it right. */
    public static Upright decodeUpright(byte[] bytes, ImageInfo info) {
        Upright[] upright = new Upright[1];
        boolean decoded = decodeUpright(bytes, info, new Target() {
            @Override
            public void start(int width, int height, int channels) {
                upright[0] = new Upright(width, height, channels, new byte[Math.multiplyExact(Math.multiplyExact(width, height), channels)]);
            }

            @Override
            public void put(int x, int y, int width, int height, byte[] samples) {
                int row = width * upright[0].channels();
                for (int r = 0; r < height; r++) {
                    System.arraycopy(samples, r * row, upright[0].samples(), ((y + r) * upright[0].width() + x) * upright[0].channels(), row);
                }
            }
        });
        return decoded ? upright[0] : null;
    }

    /**
     * The picture upright into {@code target} when it is such a TIFF. {@code info} is what the probe admitted: the
     * pixel budget is checked before this allocates anything. Each tile is read into one image reused for all of them
     * (the reader's destination), turned into one reused array and handed over: besides the target's pixels, one tile's
     * are held, and the heap's garbage is what the JDK's reader makes of each tile (its compressed bytes).
     *
     * @return false, nothing put, when OpenCV's decoder reads it right
     * @throws ImageRejectedException bad_image when the JDK's reader cannot decode it, or a JPEG-compressed tile has more
     *                                scans than libtiff reads ({@link TiffJpegScans}), which this reader would decode at
     *                                any number
     */
    public static boolean decodeUpright(byte[] bytes, ImageInfo info, Target target) {
        if (!mayApply(info)) return false;
        TiffJpegScans.check(bytes);
        try (ImageInputStream in = new ByteArrayImageInputStream(bytes)) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("tiff");
            if (!readers.hasNext()) return false;
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if (!reader.isImageTiled(0)) return false;
                read(reader, info.orientation(), target);
                return true;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw ImageRejectedException.badImage("could not decode this tiled TIFF (orientation " + info.orientation() + "): "
                    + e.getMessage() + "; save it upright (orientation 1) or in strips");
        }
    }

    private static void read(ImageReader reader, int orientation, Target target) throws IOException {
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        int tileW = Math.max(1, Math.min(w, reader.getTileWidth(0)));
        int tileH = Math.max(1, Math.min(h, reader.getTileHeight(0)));
        boolean transposed = orientation >= 5 && orientation <= 8;
        // the type the reader would make its image of: read into one of them, reused for every tile
        BufferedImage tile = reader.getImageTypes(0).next().createBufferedImage(tileW, tileH);
        TileSamples samples = new TileSamples(tile, tileW * tileH);
        target.start(transposed ? h : w, transposed ? w : h, samples.channels);
        byte[] turned = new byte[tileW * tileH * samples.channels];
        ImageReadParam param = reader.getDefaultReadParam();
        param.setDestination(tile);
        for (int y0 = 0; y0 < h; y0 += tileH) {
            for (int x0 = 0; x0 < w; x0 += tileW) {
                Rectangle region = new Rectangle(x0, y0, Math.min(tileW, w - x0), Math.min(tileH, h - y0));
                param.setSourceRegion(region);
                samples.read(reader.read(0, param), region.width, region.height);
                Turn turn = new Turn(orientation, region.width, region.height);
                samples.turn(turn, turned);
                Rectangle at = turn.in(region, w, h);
                target.put(at.x, at.y, at.width, at.height, turned);
            }
        }
    }

    /**
     * One tile's pixels as read, in arrays made once: the raster's bytes when the image is gray, RGB or RGBA of 8-bit
     * components (then swapped into OpenCV's order), else the reader's own conversion to sRGB (palette, bilevel, gray
     * with alpha, CMYK).
     */
    private static final class TileSamples {
        final int channels;
        private final boolean alpha;
        private final byte[] bytes;
        private final int[] argb;
        private int width;
        private int height;

        TileSamples(BufferedImage like, int pixels) {
            int bands = like.getRaster().getNumBands();
            alpha = like.getColorModel().hasAlpha();
            boolean direct = false;
            if (like.getColorModel() instanceof ComponentColorModel && like.getRaster().getTransferType() == DataBuffer.TYPE_BYTE) {
                int space = like.getColorModel().getColorSpace().getType();
                direct = (space == ColorSpace.TYPE_GRAY && bands == 1) || (space == ColorSpace.TYPE_RGB && bands == (alpha ? 4 : 3));
            }
            channels = direct ? bands : alpha ? 4 : 3;
            bytes = direct ? new byte[pixels * bands] : null;
            argb = direct ? null : new int[pixels];
        }

        void read(BufferedImage image, int w, int h) {
            width = w;
            height = h;
            if (bytes != null) {
                image.getRaster().getDataElements(0, 0, w, h, bytes);
            } else {
                image.getRGB(0, 0, w, h, argb, 0, w);
            }
        }

        /** The tile's pixels into {@code out} as {@code turn} places them, in OpenCV's channel order. */
        void turn(Turn turn, byte[] out) {
            for (int ty = 0, i = 0; ty < height; ty++) {
                for (int tx = 0; tx < width; tx++, i++) {
                    int o = turn.at(tx, ty) * channels;
                    if (bytes == null) {
                        int p = argb[i];
                        out[o] = (byte) p;
                        out[o + 1] = (byte) (p >> 8);
                        out[o + 2] = (byte) (p >> 16);
                        if (alpha) out[o + 3] = (byte) (p >>> 24);
                    } else if (channels == 1) {
                        out[o] = bytes[i];
                    } else {
                        int s = i * channels;
                        out[o] = bytes[s + 2]; // RGB(A) to BGR(A)
                        out[o + 1] = bytes[s + 1];
                        out[o + 2] = bytes[s];
                        if (channels == 4) out[o + 3] = bytes[s + 3];
                    }
                }
            }
        }
    }

    /**
     * Where a stored pixel of a {@code width} x {@code height} tile goes in that tile turned upright, per EXIF
     * orientation (as OpenCV's flips and rotations turn it), as a pixel index: {@code start + tx * dx + ty * dy}.
     */
    private static final class Turn {
        private final int orientation;
        private final int width;
        private final int height;
        private final int start;
        private final int dx;
        private final int dy;

        Turn(int orientation, int width, int height) {
            this.orientation = orientation;
            this.width = width;
            this.height = height;
            int row = orientation >= 5 && orientation <= 8 ? height : width; // the upright tile's width
            switch (orientation) {
                case 2 -> { start = width - 1; dx = -1; dy = row; }
                case 3 -> { start = (height - 1) * row + width - 1; dx = -1; dy = -row; }
                case 4 -> { start = (height - 1) * row; dx = 1; dy = -row; }
                case 5 -> { start = 0; dx = row; dy = 1; }
                case 6 -> { start = height - 1; dx = row; dy = -1; }
                case 7 -> { start = (width - 1) * row + height - 1; dx = -row; dy = -1; }
                case 8 -> { start = (width - 1) * row; dx = -row; dy = 1; }
                default -> { start = 0; dx = 1; dy = row; }
            }
        }

        int at(int tx, int ty) {
            return start + tx * dx + ty * dy;
        }

        /** Where the stored {@code region} of a {@code w} x {@code h} picture lies in the upright picture. */
        Rectangle in(Rectangle region, int w, int h) {
            int right = w - region.x - width;
            int bottom = h - region.y - height;
            return switch (orientation) {
                case 2 -> new Rectangle(right, region.y, width, height);
                case 3 -> new Rectangle(right, bottom, width, height);
                case 4 -> new Rectangle(region.x, bottom, width, height);
                case 5 -> new Rectangle(region.y, region.x, height, width);
                case 6 -> new Rectangle(bottom, region.x, height, width);
                case 7 -> new Rectangle(bottom, right, height, width);
                case 8 -> new Rectangle(region.y, right, height, width);
                default -> new Rectangle(region.x, region.y, width, height);
            };
        }
    }
}
