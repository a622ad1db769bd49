package io.realskin.generation.imaging;

import io.realskin.imaging.CarriedMetadata;
import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.imaging.ResultFiles;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Puts a provider's answer back into the original inside the mask only (docs/generation.md, "Compositing"). The
 * answer may have another size and a colour shift over the whole frame, so it is resampled onto the original's pixel
 * grid, its colour matched to the original on a ring just outside the mask, and blended with a weight that is the
 * mask's own (gray = partly) times a feather ramp that rises from 0 at the mask's edge to 1 a few pixels inside.
 * Outside the mask the weight is exactly 0 and the original's decoded pixels are copied, so they are identical. All
 * work is done in the mask's bounding box; the result is a lossless PNG in the original's depth and channels, with the
 * metadata every result of the original carries (its ICC profile, EXIF upright and XMP: {@link CarriedMetadata}), so its
 * pixel values mean what the original's did.
 */
public final class MaskCompositor {
    /** The composite and its size. */
    public record Composite(byte[] png, int width, int height) {
    }

    private MaskCompositor() {
    }

    /**
     * Decodes the original and its mask again, composites the answer into it and frees them: run it in a
     * {@link DecodeSlots} slot, so the pixels are held only while the slot is.
     */
    public static Composite composite(byte[] imageBytes, byte[] maskBytes, byte[] providerBytes) {
        try (InpaintImages inputs = InpaintImages.decode(imageBytes, maskBytes)) {
            return composite(inputs, providerBytes);
        }
    }

    public static Composite composite(InpaintImages inputs, byte[] providerBytes) {
        OpenCv.load();
        Mat original = inputs.image();
        Mat mask = inputs.mask();
        int minSide = Math.min(original.cols(), original.rows());
        int feather = clamp((int) Math.round(0.01 * minSide), 2, 32);
        int ring = clamp((int) Math.round(0.02 * minSide), 4, 64);
        if (Core.countNonZero(mask) == 0) {
            throw ImageRejectedException.badImage("the mask selects nothing");
        }
        // the box of the mask's non-zero pixels, from the image itself (their list of points is 8 bytes a pixel)
        Rect box = grow(Imgproc.boundingRect(mask), ring + 2, original.cols(), original.rows());

        Mat answer = InpaintImages.decode(providerBytes, org.opencv.imgcodecs.Imgcodecs.IMREAD_COLOR, "provider's image");
        Mat answerLike = null;
        Mat out = null;
        try {
            Mat region = onto(answer, original.cols(), original.rows(), box);
            answer.release();
            answerLike = region; // released below if like() throws
            answerLike = like(region, original.submat(box));
            if (answerLike != region) {
                region.release();
            }
            out = blend(original, box, answerLike, mask.submat(box), feather, ring);
            answerLike.release();
            // the original's profile says what the copied values mean (a P3 photo written bare is shown as sRGB); upright,
            // as the pixels are
            byte[] png = ResultFiles.embed(InpaintImages.png(out), ImageFormat.PNG,
                    CarriedMetadata.of(inputs.imageBytes()).upright(), out.channels());
            return new Composite(png, original.cols(), original.rows());
        } finally {
            answer.release();
            if (answerLike != null) {
                answerLike.release();
            }
            if (out != null) {
                out.release();
            }
        }
    }

    /** The answer resampled onto the original's pixel grid, cut to {@code box}: 8-bit BGR. */
    private static Mat onto(Mat answer, int width, int height, Rect box) {
        double sx = (double) answer.cols() / width;
        double sy = (double) answer.rows() / height;
        Mat region = new Mat();
        if (sx > 1.25 || sy > 1.25) { // much larger: area averaging, then the box
            Mat whole = new Mat();
            Imgproc.resize(answer, whole, new Size(width, height), 0, 0, Imgproc.INTER_AREA);
            whole.submat(box).copyTo(region);
            whole.release();
            return region;
        }
        // dst(x, y) = answer(((x + box.x) + 0.5) * sx - 0.5, ((y + box.y) + 0.5) * sy - 0.5): pixel centres aligned
        Mat inverse = new Mat(2, 3, CvType.CV_64F);
        inverse.put(0, 0, sx, 0, (box.x + 0.5) * sx - 0.5, 0, sy, (box.y + 0.5) * sy - 0.5);
        Imgproc.warpAffine(answer, region, inverse, new Size(box.width, box.height),
                Imgproc.INTER_CUBIC | Imgproc.WARP_INVERSE_MAP, Core.BORDER_REPLICATE);
        inverse.release();
        return region;
    }

    /**
     * The 8-bit BGR answer in the original's channels and depth (its alpha, if any, is the original's): {@code bgr}
     * itself when the original is 8-bit BGR, else a new Mat.
     */
    private static Mat like(Mat bgr, Mat original) {
        Mat out = bgr;
        List<Mat> planes = new ArrayList<>();
        try {
            switch (original.channels()) {
                case 1 -> {
                    out = new Mat();
                    Imgproc.cvtColor(bgr, out, Imgproc.COLOR_BGR2GRAY);
                }
                case 4 -> {
                    Core.split(bgr, planes);
                    Mat alpha = new Mat();
                    planes.add(alpha);
                    Core.extractChannel(original, alpha, 3);
                    if (CvType.depth(original.type()) == CvType.CV_16U) {
                        alpha.convertTo(alpha, CvType.CV_8U, 1.0 / 257.0);
                    }
                    out = new Mat();
                    Core.merge(planes, out);
                }
                default -> {
                }
            }
            if (CvType.depth(original.type()) == CvType.CV_16U) {
                Mat wide = new Mat();
                out.convertTo(wide, CvType.CV_16U, 257.0);
                if (out != bgr) {
                    out.release();
                }
                return wide;
            }
            return out;
        } finally {
            planes.forEach(Mat::release);
        }
    }

    /**
     * The original with the answer blended in inside {@code box}: a copy of the whole original, the box's colour
     * channels rewritten band by band and its pixels outside the mask put back. Each step's large planes are freed as
     * soon as the next no longer needs them, and the float planes of a channel exist for one band of rows at a time:
     * at 50 MP with a mask over the whole frame the composite holds 0.78 GB of native memory at its peak, where blending
     * the box at once held 1.74 GB (docs/generation.md, "The pod's size"); every pixel is computed as before.
     */
    private static Mat blend(Mat whole, Rect box, Mat answer, Mat mask, int feather, int ring) {
        Mat original = whole.submat(box);
        Mat binary = new Mat();
        Imgproc.threshold(mask, binary, 0, 255, Imgproc.THRESH_BINARY);
        int colours = Math.min(3, original.channels());
        Mat outside = new Mat();
        Mat ramp = new Mat();
        Mat weight = new Mat();
        Mat out = null;
        Mat target = null;
        try {
            Core.bitwise_not(binary, outside);
            double[] offset = colourOffset(original, answer, binary, outside, ring, colours);
            // weight: the mask's own value times a ramp from 0 at its edge to 1 at `feather` px inside
            Imgproc.distanceTransform(binary, ramp, Imgproc.DIST_L2, 3);
            binary.release();
            Core.min(ramp, new Scalar(feather), ramp);
            mask.convertTo(weight, CvType.CV_32F, 1.0 / (255.0 * feather));
            Core.multiply(weight, ramp, weight);
            ramp.release();

            out = whole.clone(); // alpha and everything outside the box: the original's
            target = out.submat(box);
            int depth = CvType.depth(original.type());
            for (int y = 0; y < box.height; y += BAND_ROWS) {
                Rect band = new Rect(0, y, box.width, Math.min(BAND_ROWS, box.height - y));
                List<Mat> views = List.of(original.submat(band), answer.submat(band), weight.submat(band), target.submat(band));
                for (int c = 0; c < colours; c++) {
                    blendChannel(views.get(0), views.get(1), views.get(2), views.get(3), c, offset[c], depth);
                }
                views.forEach(Mat::release); // headers only: the pixels are the planes'
            }
            original.copyTo(target, outside); // outside the mask: the original's pixels, bit for bit
            Mat done = out;
            out = null;
            return done;
        } finally {
            binary.release();
            outside.release();
            ramp.release();
            weight.release();
            original.release(); // a view's header: the pixels stay the caller's
            if (target != null) {
                target.release();
            }
            if (out != null) {
                out.release();
            }
        }
    }

    /** Rows of the box whose float planes are made at once: a few MB a plane at the widest image. */
    private static final int BAND_ROWS = 256;

    /** Per colour channel, the original's mean less the answer's on the ring just outside the mask, where the answer should have kept it. */
    private static double[] colourOffset(Mat original, Mat answer, Mat binary, Mat outside, int ring, int colours) {
        double[] offset = new double[4];
        Mat ringMask = new Mat();
        try {
            Imgproc.dilate(binary, ringMask, Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(2 * ring + 1, 2 * ring + 1)));
            Core.bitwise_and(ringMask, outside, ringMask);
            if (Core.countNonZero(ringMask) > 0) {
                Scalar originalMean = Core.mean(original, ringMask);
                Scalar answerMean = Core.mean(answer, ringMask);
                for (int c = 0; c < colours; c++) {
                    offset[c] = originalMean.val[c] - answerMean.val[c];
                }
            }
            return offset;
        } finally {
            ringMask.release();
        }
    }

    /** Channel {@code c} of {@code target} := original + (answer + offset - original) x weight, rounded and saturated. */
    private static void blendChannel(Mat original, Mat answer, Mat weight, Mat target, int c, double offset, int depth) {
        Mat channel = new Mat();
        Mat of = new Mat();
        Mat af = new Mat();
        try {
            Core.extractChannel(original, channel, c);
            channel.convertTo(of, CvType.CV_32F);
            Core.extractChannel(answer, channel, c);
            channel.convertTo(af, CvType.CV_32F, 1.0, offset);
            Core.subtract(af, of, af);
            Core.multiply(af, weight, af);
            Core.add(of, af, of);
            of.convertTo(channel, depth); // rounds and saturates
            Core.insertChannel(channel, target, c);
        } finally {
            channel.release();
            of.release();
            af.release();
        }
    }

    private static Rect grow(Rect r, int by, int width, int height) {
        int x0 = Math.max(0, r.x - by);
        int y0 = Math.max(0, r.y - by);
        int x1 = Math.min(width, r.x + r.width + by);
        int y1 = Math.min(height, r.y + r.height + by);
        return new Rect(new Point(x0, y0), new Point(x1, y1));
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
