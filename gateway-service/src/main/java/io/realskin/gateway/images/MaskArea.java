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
 * The least mask a job takes: a mask of a few pixels runs a job, billed, that changes nothing to see. Its painted area
 * (white = rework, gray = partly, as the engine reads a mask) is measured on the mask's largest {@link Thumbnails
 * thumbnail}: texture-service decodes the untrusted upload within the upload limits, as for any thumbnail, and this
 * gateway reads only that small rendering (at most {@link #MAX_READ_PIXELS} of it), each of its pixels standing for
 * the mask pixels it was scaled from. The Studio refuses the same minimum before sending a mask (studio/js/limits.js).
 */
@ApplicationScoped
public class MaskArea {
    /** The side of the least patch a mask paints: the added grain is a few pixels wide, so a smaller one shows too little of it. */
    public static final int MIN_SIDE = 32;
    private static final long MAX_READ_PIXELS = 1_000_000;
    private static final Logger LOG = Logger.getLogger(MaskArea.class);

    private final Thumbnails thumbnails;

    public MaskArea(Thumbnails thumbnails) {
        this.thumbnails = thumbnails;
    }

    /** The least painted area of a mask over an image of this size, in its pixels: a 32 x 32 patch, or a quarter of a smaller image. */
    public static long minimum(int width, int height) {
        return Math.max(1, Math.min((long) MIN_SIDE * MIN_SIDE, (long) width * height / 4));
    }

    /** 422 mask-too-small when the mask paints less than {@link #minimum}. Blocking (the thumbnail may be rendered). */
    public void requireMinimum(Image mask) {
        long minimum = minimum(mask.width(), mask.height());
        double painted = painted(thumbnails.get(mask, ThumbnailWidths.ALLOWED.get(ThumbnailWidths.ALLOWED.size() - 1)).bytes(),
                (long) mask.width() * mask.height());
        if (painted < minimum) {
            throw Problems.maskTooSmall(Math.round(painted), minimum, MIN_SIDE);
        }
    }

    /** The painted area, in mask pixels, of a rendering of a mask of {@code maskPixels} pixels. */
    static double painted(byte[] rendering, long maskPixels) {
        BufferedImage read = read(rendering);
        return gray(read) / 255 * maskPixels / ((double) read.getWidth() * read.getHeight());
    }

    /**
     * The sum of the picture's 8-bit paint, as the engine reads a mask: the colour's luma times its alpha (imaging's
     * MaskPaint; until 2026-12-07 alpha was ignored here, so a stroke on transparent white counted as a white sheet).
     * Read from the samples, not getRGB, which would turn a gray picture's values through its linear colour space.
     */
    private static double gray(BufferedImage picture) {
        Raster raster = picture.getRaster();
        ColorModel colours = picture.getColorModel();
        int channels = colours.getNumColorComponents();
        double max = (1 << colours.getComponentSize(0)) - 1;
        double sum = 0;
        int[] pixel = new int[raster.getNumBands()];
        for (int y = 0; y < raster.getHeight(); y++) {
            for (int x = 0; x < raster.getWidth(); x++) {
                if (colours instanceof IndexColorModel palette) {
                    int index = raster.getSample(x, y, 0);
                    sum += (0.299 * palette.getRed(index) + 0.587 * palette.getGreen(index) + 0.114 * palette.getBlue(index))
                            * palette.getAlpha(index) / 255;
                } else {
                    raster.getPixel(x, y, pixel);
                    double luma = channels < 3 ? pixel[0] : 0.299 * pixel[0] + 0.587 * pixel[1] + 0.114 * pixel[2];
                    double alpha = colours.hasAlpha() && !colours.isAlphaPremultiplied() ? pixel[channels] / max : 1;
                    sum += luma * alpha * 255 / max;
                }
            }
        }
        return sum;
    }

    /** The rendering, every {@code step}th pixel of it across and down so that at most {@link #MAX_READ_PIXELS} are read. */
    private static BufferedImage read(byte[] rendering) {
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
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("mask thumbnail not read: %s", e.getMessage());
            throw Problems.unavailable("texture-service");
        }
    }
}
