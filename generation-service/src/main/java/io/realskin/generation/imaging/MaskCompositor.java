package io.realskin.generation.imaging;

import io.realskin.imaging.ImageRejectedException;
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
 * work is done in the mask's bounding box; the result is a lossless PNG in the original's depth and channels.
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
        Mat nonZero = new Mat();
        Core.findNonZero(mask, nonZero);
        if (nonZero.empty()) {
            nonZero.release();
            throw ImageRejectedException.badImage("the mask selects nothing");
        }
        Rect box = grow(Imgproc.boundingRect(nonZero), ring + 2, original.cols(), original.rows());
        nonZero.release();

        Mat answer = InpaintImages.decode(providerBytes, org.opencv.imgcodecs.Imgcodecs.IMREAD_COLOR, "provider's image");
        List<Mat> temps = new ArrayList<>();
        try {
            Mat region = onto(answer, original.cols(), original.rows(), box, temps);
            Mat origRegion = original.submat(box);
            Mat maskRegion = mask.submat(box);
            Mat answerLike = like(region, origRegion, temps);
            Mat blended = blend(origRegion, answerLike, maskRegion, feather, ring, temps);
            Mat out = original.clone();
            temps.add(out);
            blended.copyTo(out.submat(box));
            return new Composite(InpaintImages.png(out), original.cols(), original.rows());
        } finally {
            answer.release();
            temps.forEach(Mat::release);
        }
    }

    /** The answer resampled onto the original's pixel grid, cut to {@code box}: 8-bit BGR. */
    private static Mat onto(Mat answer, int width, int height, Rect box, List<Mat> temps) {
        double sx = (double) answer.cols() / width;
        double sy = (double) answer.rows() / height;
        Mat region = new Mat();
        temps.add(region);
        if (sx > 1.25 || sy > 1.25) { // much larger: area averaging, then the box
            Mat whole = new Mat();
            temps.add(whole);
            Imgproc.resize(answer, whole, new Size(width, height), 0, 0, Imgproc.INTER_AREA);
            whole.submat(box).copyTo(region);
            return region;
        }
        // dst(x, y) = answer(((x + box.x) + 0.5) * sx - 0.5, ((y + box.y) + 0.5) * sy - 0.5): pixel centres aligned
        Mat inverse = new Mat(2, 3, CvType.CV_64F);
        temps.add(inverse);
        inverse.put(0, 0, sx, 0, (box.x + 0.5) * sx - 0.5, 0, sy, (box.y + 0.5) * sy - 0.5);
        Imgproc.warpAffine(answer, region, inverse, new Size(box.width, box.height),
                Imgproc.INTER_CUBIC | Imgproc.WARP_INVERSE_MAP, Core.BORDER_REPLICATE);
        return region;
    }

    /** The 8-bit BGR answer in the original's channels and depth (its alpha, if any, is the original's). */
    private static Mat like(Mat bgr, Mat original, List<Mat> temps) {
        Mat out = new Mat();
        temps.add(out);
        switch (original.channels()) {
            case 1 -> Imgproc.cvtColor(bgr, out, Imgproc.COLOR_BGR2GRAY);
            case 4 -> {
                List<Mat> planes = new ArrayList<>();
                Core.split(bgr, planes);
                List<Mat> alpha = new ArrayList<>();
                Core.split(original, alpha);
                Mat originalAlpha = alpha.get(3);
                if (CvType.depth(original.type()) == CvType.CV_16U) {
                    Mat eight = new Mat();
                    originalAlpha.convertTo(eight, CvType.CV_8U, 1.0 / 257.0);
                    originalAlpha = eight;
                    temps.add(eight);
                }
                planes.add(originalAlpha);
                Core.merge(planes, out);
                temps.addAll(planes);
                temps.addAll(alpha);
            }
            default -> bgr.copyTo(out);
        }
        if (CvType.depth(original.type()) == CvType.CV_16U) {
            Mat wide = new Mat();
            temps.add(wide);
            out.convertTo(wide, CvType.CV_16U, 257.0);
            return wide;
        }
        return out;
    }

    private static Mat blend(Mat original, Mat answer, Mat mask, int feather, int ring, List<Mat> temps) {
        Mat binary = new Mat();
        Imgproc.threshold(mask, binary, 0, 255, Imgproc.THRESH_BINARY);
        temps.add(binary);
        int colours = Math.min(3, original.channels());

        // colour match on the ring just outside the mask, where the answer should have kept the original
        Mat grown = new Mat();
        Imgproc.dilate(binary, grown, Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(2 * ring + 1, 2 * ring + 1)));
        Mat outside = new Mat();
        Core.bitwise_not(binary, outside);
        Mat ringMask = new Mat();
        Core.bitwise_and(grown, outside, ringMask);
        temps.add(grown);
        temps.add(outside);
        temps.add(ringMask);
        double[] offset = new double[4];
        if (Core.countNonZero(ringMask) > 0) {
            Scalar originalMean = Core.mean(original, ringMask);
            Scalar answerMean = Core.mean(answer, ringMask);
            for (int c = 0; c < colours; c++) {
                offset[c] = originalMean.val[c] - answerMean.val[c];
            }
        }

        // weight: the mask's own value times a ramp from 0 at its edge to 1 at `feather` px inside
        Mat distance = new Mat();
        Imgproc.distanceTransform(binary, distance, Imgproc.DIST_L2, 3);
        Mat ramp = new Mat();
        Core.min(distance, new Scalar(feather), ramp);
        Mat weight = new Mat();
        mask.convertTo(weight, CvType.CV_32F, 1.0 / (255.0 * feather));
        Core.multiply(weight, ramp, weight);
        distance.release();
        ramp.release();
        temps.add(weight);

        List<Mat> o = new ArrayList<>();
        List<Mat> a = new ArrayList<>();
        Core.split(original, o);
        Core.split(answer, a);
        temps.addAll(o);
        temps.addAll(a);
        List<Mat> mixed = new ArrayList<>();
        int depth = CvType.depth(original.type());
        for (int c = 0; c < original.channels(); c++) {
            if (c >= colours) {
                mixed.add(o.get(c)); // alpha: the original's
                continue;
            }
            Mat of = new Mat();
            Mat af = new Mat();
            o.get(c).convertTo(of, CvType.CV_32F);
            a.get(c).convertTo(af, CvType.CV_32F, 1.0, offset[c]);
            Core.subtract(af, of, af);
            Core.multiply(af, weight, af);
            Core.add(of, af, of);
            Mat back = new Mat();
            of.convertTo(back, depth); // rounds and saturates
            of.release();
            af.release();
            mixed.add(back);
            temps.add(back);
        }
        Mat out = new Mat();
        Core.merge(mixed, out);
        original.copyTo(out, outside); // outside the mask: the original's pixels, bit for bit
        temps.add(out);
        return out;
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
