package io.realskin.imaging;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * TIFFs of two samples a pixel, gray and alpha (PIL's mode LA, ImageMagick's gray with alpha), 8 or 16 bits: OpenCV
 * 4.9's decoder gives their gray alone (and 8 bits of a 16-bit one), so they are read by the JDK's TIFF reader (any
 * compression it reads), whose raster holds the samples as stored (no colour conversion), a band of rows at a time.
 * As stored: the orientation tag is the caller's to apply.
 */
public final class GrayAlphaTiff {
    /** Rows read at once: about this many bytes of samples (whole strips or tiles where they are that small). */
    private static final int BAND_BYTES = 1 << 20;

    private GrayAlphaTiff() {
    }

    /** Where the rows go: {@code samples} holds gray and alpha interleaved, {@code rows} rows from {@code y}. */
    public interface Rows {
        /** Before any row: the stored picture's size and its bytes a sample (1 or 2). */
        void start(int width, int height, int bytesPerSample);

        /**
         * Rows {@code y} to {@code y + rows - 1}, 2 samples a pixel: a {@code byte[]} (8 bits) or {@code short[]}
         * (16 bits) whose first {@code width * rows * 2} values are theirs. The array is the next band's too.
         */
        void put(int y, int rows, Object samples);
    }

    /**
     * Whether the TIFF {@code info} describes is one of gray and alpha (its first image: two samples a pixel).
     *
     * @throws ImageRejectedException bad_image for two samples a pixel that are not gray (BlackIsZero) and alpha: none
     *                                of our decoders reads them whole
     */
    public static boolean is(byte[] bytes, ImageInfo info) {
        if (info.format() != ImageFormat.TIFF) return false;
        Tiff t = new Tiff(bytes, 0, bytes.length);
        int ifd = t.firstIfd();
        int samples = t.entry(ifd, 277);
        if (samples < 0 || t.value(samples) != 2) return false;
        int photometric = t.entry(ifd, 262);
        if (photometric < 0 || t.value(photometric) != 1) {
            throw ImageRejectedException.badImage("TIFF of 2 samples a pixel in photometric interpretation "
                    + (photometric < 0 ? "(none)" : t.value(photometric)) + " is not read: save it as gray (BlackIsZero) with alpha, or RGBA");
        }
        return true;
    }

    /**
     * Reads the picture as stored into {@code target}, band by band. {@code info} is what the probe admitted: the
     * pixel budget is checked before this allocates anything.
     *
     * @throws ImageRejectedException bad_image when the JDK's reader cannot decode it, or a JPEG-compressed strip has
     *                                more scans than libtiff reads ({@link TiffJpegScans})
     */
    public static void read(byte[] bytes, ImageInfo info, Rows target) {
        TiffJpegScans.check(bytes);
        try (ImageInputStream in = new ByteArrayImageInputStream(bytes)) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("tiff");
            if (!readers.hasNext()) throw ImageRejectedException.badImage("no TIFF reader for gray with alpha");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                read(reader, info, target);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageRejectedException rejected) throw rejected;
            throw ImageRejectedException.badImage("could not decode this TIFF of gray and alpha: " + e.getMessage());
        }
    }

    private static void read(ImageReader reader, ImageInfo info, Rows target) throws IOException {
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        if (w != info.width() || h != info.height()) { // a TIFF's header gives its stored size
            throw ImageRejectedException.badImage("TIFF reader's size " + w + "x" + h + " is not the header's");
        }
        int bytesPerSample = info.bytesPerSample();
        if (bytesPerSample != 1 && bytesPerSample != 2) {
            throw ImageRejectedException.badImage("TIFF of gray and alpha of " + 8 * bytesPerSample + "-bit samples is not read");
        }
        int unit = Math.max(1, Math.min(h, reader.getTileHeight(0)));
        int band = Math.min(h, Math.max(unit, BAND_BYTES / (w * 2 * bytesPerSample) / unit * unit));
        BufferedImage rows = reader.getImageTypes(0).next().createBufferedImage(w, band);
        Raster raster = rows.getRaster();
        int type = raster.getTransferType();
        if (raster.getNumBands() != 2 || type != (bytesPerSample == 1 ? DataBuffer.TYPE_BYTE : DataBuffer.TYPE_USHORT)) {
            throw ImageRejectedException.badImage("TIFF of gray and alpha read as " + raster.getNumBands() + " bands of type " + type);
        }
        Object samples = bytesPerSample == 1 ? new byte[w * band * 2] : new short[w * band * 2];
        target.start(w, h, bytesPerSample);
        ImageReadParam param = reader.getDefaultReadParam();
        param.setDestination(rows);
        for (int y = 0; y < h; y += band) {
            int n = Math.min(band, h - y);
            param.setSourceRegion(new Rectangle(0, y, w, n));
            reader.read(0, param).getRaster().getDataElements(0, 0, w, n, samples);
            target.put(y, n, samples);
        }
    }
}
