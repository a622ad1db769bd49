package io.realskin.gateway.images;

import io.realskin.gateway.problems.Problems;
import io.realskin.imaging.ByteArrayImageInputStream;
import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.ImageProbe;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.jboss.logging.Logger;

/**
 * The least mask a job takes, and the share of the image a mask paints (what a skin-inpaint is priced by). A mask of a
 * few pixels runs a job, billed, that changes nothing to see. Its painted area (white = rework, gray = partly, as the
 * engine reads a mask) is measured on the mask's largest {@link Thumbnails thumbnail}: texture-service decodes the
 * untrusted upload within the upload limits, as for any thumbnail, and this gateway reads only that small rendering,
 * each of its pixels standing for the mask pixels it was scaled from. The Studio refuses the same minimum before sending
 * a mask (studio/js/limits.js).
 * <p>
 * The worker measures the mask itself, so this measure is a range ({@link Paint}): a thumbnail pixel is the mean of the
 * mask pixels it stands for (area resampling), rounded to 8 bits and, without alpha, coded as JPEG; with alpha its gray
 * and its alpha are each averaged, so the mean of their product lies between {@code max(0, gray + alpha - 1)} and
 * {@code min(gray, alpha)}. {@link #RESOLUTION} covers the rounding and the coding.
 */
@ApplicationScoped
public class MaskArea {
    /** The side of the least patch a mask paints: the added grain is a few pixels wide, so a smaller one shows too little of it. */
    public static final int MIN_SIDE = 32;
    /**
     * How far, as a share of the image, the thumbnail's mean may stray from the mask's: 8-bit rounding moves it by at
     * most 0.2 %, JPEG at quality 85 by -0.06 % to +0.25 % over 1,000 masks of shapes, strokes and specks
     * (bench/gateway/MaskThumbnailJpeg.java); 1 % leaves room for both and for a 16-bit mask's other rounding.
     */
    static final double RESOLUTION = 0.01;
    /** The largest thumbnail texture-service renders (640 wide, at most 4 times as high), read whole. */
    private static final long MAX_READ_PIXELS = 640L * 4 * 640;
    private static final Logger LOG = Logger.getLogger(MaskArea.class);

    private final Thumbnails thumbnails;

    public MaskArea(Thumbnails thumbnails) {
        this.thumbnails = thumbnails;
    }

    /**
     * What a mask paints, as shares (0..1) of the image.
     *
     * @param painted as measured on the thumbnail
     * @param least   the least the mask itself may paint, given its thumbnail
     * @param most    the most it may paint: what a hold is priced by, so that it covers the worker's measure
     */
    public record Paint(double painted, double least, double most) {
    }

    /** The least painted area of a mask over an image of this size, in its pixels: a 32 x 32 patch, or a quarter of a smaller image. */
    public static long minimum(int width, int height) {
        return Math.max(1, Math.min((long) MIN_SIDE * MIN_SIDE, (long) width * height / 4));
    }

    /** What the mask paints. Blocking (the thumbnail may be rendered); 503 when it cannot be now. */
    public Paint measure(Image mask) {
        return paint(thumbnails.get(mask, ThumbnailWidths.ALLOWED.get(ThumbnailWidths.ALLOWED.size() - 1)).bytes());
    }

    /** 422 mask-too-small when the mask paints less than {@link #minimum}. */
    public static void requireMinimum(Image mask, Paint paint) {
        long minimum = minimum(mask.width(), mask.height());
        double painted = paint.painted() * mask.width() * mask.height();
        if (painted < minimum) {
            throw Problems.maskTooSmall(Math.round(painted), minimum, MIN_SIDE);
        }
    }

    /** What a rendering of a mask paints. */
    static Paint paint(byte[] rendering) {
        Read read = read(rendering);
        double pixels = (double) read.picture().getWidth() * read.picture().getHeight();
        double[] sums = sums(read.picture());
        if (read.sampled()) { // pixels skipped, not averaged: no bound on what they paint
            return new Paint(sums[0] / pixels, 0, 1);
        }
        return new Paint(sums[0] / pixels, Math.max(0, sums[1] / pixels - RESOLUTION), Math.min(1, sums[2] / pixels + RESOLUTION));
    }

    /**
     * The picture's paint summed over its pixels, as the engine reads a mask: the colour's luma times its alpha (imaging's
     * MaskPaint; until 2026-12-07 alpha was ignored here, so a stroke on transparent white counted as a white sheet);
     * then the least and the most the pixels it was averaged from may paint. In shares of a white pixel. Read from the
     * samples, not getRGB, which would turn a gray picture's values through its linear colour space.
     */
    private static double[] sums(BufferedImage picture) {
        Raster raster = picture.getRaster();
        ColorModel colours = picture.getColorModel();
        int channels = colours.getNumColorComponents();
        double max = (1 << colours.getComponentSize(0)) - 1;
        double[] sums = new double[3];
        int[] pixel = new int[raster.getNumBands()];
        for (int y = 0; y < raster.getHeight(); y++) {
            for (int x = 0; x < raster.getWidth(); x++) {
                double luma;
                double alpha;
                if (colours instanceof IndexColorModel palette) {
                    int index = raster.getSample(x, y, 0);
                    luma = (0.299 * palette.getRed(index) + 0.587 * palette.getGreen(index) + 0.114 * palette.getBlue(index)) / 255;
                    alpha = palette.getAlpha(index) / 255.0;
                } else {
                    raster.getPixel(x, y, pixel);
                    luma = (channels < 3 ? pixel[0] : 0.299 * pixel[0] + 0.587 * pixel[1] + 0.114 * pixel[2]) / max;
                    alpha = colours.hasAlpha() && !colours.isAlphaPremultiplied() ? pixel[channels] / max : 1;
                }
                sums[0] += luma * alpha;
                sums[1] += Math.max(0, luma + alpha - 1);
                sums[2] += Math.min(luma, alpha);
            }
        }
        return sums;
    }

    private record Read(BufferedImage picture, boolean sampled) {
    }

    /** The rendering, every {@code step}th pixel of it across and down so that at most {@link #MAX_READ_PIXELS} are read. */
    private static Read read(byte[] rendering) {
        try (ImageInputStream in = new ByteArrayImageInputStream(rendering)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("no reader for the mask's thumbnail");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                ImageReadParam param = reader.getDefaultReadParam();
                ImageInfo info = ImageProbe.probe(rendering);
                int step = (int) Math.max(1, Math.ceil(Math.sqrt((double) info.pixels() / MAX_READ_PIXELS)));
                param.setSourceSubsampling(step, step, 0, 0);
                return new Read(reader.read(0, param), step > 1);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("mask thumbnail not read: %s", e.getMessage());
            throw Problems.unavailable("texture-service");
        }
    }
}
