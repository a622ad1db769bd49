package io.realskin.texture.engine;

import io.realskin.imaging.ImageFormat;
import io.realskin.texture.concurrent.Parallel;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Builds a {@link LocalityReceipt}: the engine's change boxes, the decoded pixels compared and hashed. */
final class LocalityReceipts {
    private LocalityReceipts() {
    }

    /**
     * The pixel path's receipt: boxes from the engine's change to the decoded pixels; the output's pixels are the
     * engine's where the format keeps them exactly (PNG, TIFF) or the input's bytes came back ({@code out} null), else
     * the output decoded again (JPEG; WebP, whose lossless mode may change the colour under fully transparent pixels).
     *
     * @param input the decoded input: {@code img}'s pixels with the faces' work regions as they were before the engine
     */
    static LocalityReceipt pixelPath(RegionCopies input, DecodedImage img, byte[] out, ImageFormat format,
                                     Function<byte[], DecodedImage> decode, RestoreOptions options) {
        options.progress().onProgress("locality", 0);
        List<LocalityReceipt.Box> boxes = input.boxes(1, 0);
        LocalityReceipt receipt;
        if (out == null) {
            receipt = receipt(input, input, boxes, options.threads());
        } else if (format == ImageFormat.PNG || format == ImageFormat.TIFF) {
            receipt = receipt(input, PixelRows.of(img.pixels()), boxes, options.threads());
        } else {
            try (DecodedImage written = decode.apply(out)) {
                receipt = receipt(input, PixelRows.of(written.pixels()), boxes, options.threads());
            }
        }
        options.progress().onProgress("locality", 1);
        return receipt;
    }

    /** The faces' work regions in image pixels (the engine changes pixels only inside them). */
    static List<Rect> regions(List<FaceDetection> faces, int width, int height) {
        List<Rect> regions = new ArrayList<>();
        for (FaceDetection f : faces) regions.add(FaceRegion.regionFor(f, width, height));
        return regions;
    }

    /**
     * One box per face region in which {@code before} and {@code after} differ: the bounding box of the differing
     * pixels inside that region, aligned outwards to multiples of {@code align} and grown by {@code margin} on every
     * side, clipped to the image.
     *
     * @param before,after the same area of the image before and after the engine, at {@code origin}
     * @param regions      the faces' work regions in image pixels (the engine changes pixels only inside them)
     */
    static List<LocalityReceipt.Box> boxes(Mat before, Mat after, int originX, int originY, List<Rect> regions,
                                           int align, int margin, int width, int height) {
        List<LocalityReceipt.Box> boxes = new ArrayList<>();
        for (Rect region : regions) {
            Rect r = intersect(region, new Rect(originX, originY, before.cols(), before.rows()));
            if (r == null) continue;
            Rect local = new Rect(r.x - originX, r.y - originY, r.width, r.height);
            Mat a = before.submat(local), b = after.submat(local);
            Mat changed = changedMask(a, b);
            Rect c = Imgproc.boundingRect(changed);
            a.release();
            b.release();
            changed.release();
            if (c.width == 0 || c.height == 0) continue;
            int x0 = Math.max(0, (r.x + c.x) / align * align - margin);
            int y0 = Math.max(0, (r.y + c.y) / align * align - margin);
            int x1 = Math.min(width, ceil(r.x + c.x + c.width, align) + margin);
            int y1 = Math.min(height, ceil(r.y + c.y + c.height, align) + margin);
            boxes.add(new LocalityReceipt.Box(x0, y0, x1 - x0, y1 - y0));
        }
        return boxes;
    }

    /**
     * The receipt for a decoded input and a decoded output (full, upright images) and the boxes: pixels that differ,
     * and both hashes. One pass over strips of rows with buffers of one strip (no image-sized allocation, whose page
     * faults cost more than the work on a virtual machine): the input hashed on one thread, the output compared with
     * it on another when the job has two (hashed itself only when it differs outside the boxes: {@link Compared}).
     */
    static LocalityReceipt receipt(Mat input, Mat output, List<LocalityReceipt.Box> boxes, int threads) {
        PixelRows in = PixelRows.of(input);
        return receipt(in, input == output ? in : PixelRows.of(output), boxes, threads);
    }

    /** {@link #receipt(Mat, Mat, List, int)} with the images read strip by strip (the same object: one image). */
    static LocalityReceipt receipt(PixelRows input, PixelRows output, List<LocalityReceipt.Box> boxes, int threads) {
        String[] before = new String[1];
        Compared[] after = new Compared[1];
        Parallel.forEach(2, threads, task -> {
            if (task == 0) before[0] = hash(input, boxes);
            else after[0] = compared(input, output, boxes);
        });
        return after[0].receipt(before[0], boxes);
    }

    /**
     * The output's side of a receipt: its pixels compared with the input's, and its own hash only where it needs one.
     * When no sample differs outside the boxes (and the layouts and sizes agree) the two hashed byte streams are the
     * same bytes, so the output's hash is the input's; the output is hashed apart only when it differs there.
     *
     * @param after the output's hash, null when it is the input's
     */
    record Compared(String layoutBefore, String layoutAfter, long changedPixels, String after) {
        LocalityReceipt receipt(String before, List<LocalityReceipt.Box> boxes) {
            String hashAfter = after == null ? before : after;
            boolean identical = layoutBefore.equals(layoutAfter) && before.equals(hashAfter);
            return new LocalityReceipt(changedPixels, boxes, layoutBefore, before, layoutAfter, hashAfter, identical);
        }
    }

    /** {@link Compared} for a decoded input and output read strip by strip (the same object: one image, unchanged). */
    static Compared compared(PixelRows input, PixelRows output, List<LocalityReceipt.Box> boxes) {
        Mat in = input.like(), out = output.like();
        String layoutBefore = OutsideHash.layout(in), layoutAfter = OutsideHash.layout(out);
        if (input == output) return new Compared(layoutBefore, layoutAfter, 0, null);
        boolean comparable = layoutBefore.equals(layoutAfter) && in.cols() == out.cols() && in.rows() == out.rows();
        long[] changed = comparable ? compare(input, output, boxes) : new long[] {(long) out.cols() * out.rows(), 1};
        return new Compared(layoutBefore, layoutAfter, changed[0], changed[1] == 0 ? null : hash(output, boxes));
    }

    /** {@link OutsideHash} of an image read strip by strip. */
    static String hash(PixelRows image, List<LocalityReceipt.Box> boxes) {
        Mat like = image.like();
        return hashRows(new OutsideHash(like, boxes), image, 0, like.rows()).hex();
    }

    /**
     * Feeds {@code hash} the image's rows {@code from .. to-1} strip by strip ({@code from} where the hash stopped, a
     * multiple of {@link OutsideHash#STRIP_ROWS}; {@code to} one too, or the image's height); returns it.
     */
    static OutsideHash hashRows(OutsideHash hash, PixelRows image, int from, int to) {
        Mat scratch = new Mat();
        try {
            for (int y0 = from; y0 < to; y0 += OutsideHash.STRIP_ROWS) {
                Mat strip = image.rows(y0, Math.min(to, y0 + OutsideHash.STRIP_ROWS), scratch);
                hash.strip(y0, strip);
                strip.release();
            }
            return hash;
        } finally {
            scratch.release();
        }
    }

    /**
     * Pixels of two images (same size and layout) that differ in any sample: {@code [all, outside the boxes]}, strip by
     * strip with buffers of one strip.
     */
    static long[] compare(PixelRows input, PixelRows output, List<LocalityReceipt.Box> boxes) {
        Mat in = input.like();
        long[] changed = new long[2];
        Mat diff = new Mat(), summed = new Mat(), ones = Mat.ones(1, in.channels(), CvType.CV_32F);
        Mat inScratch = new Mat(), outScratch = new Mat();
        try {
            for (int y0 = 0; y0 < in.rows(); y0 += OutsideHash.STRIP_ROWS) {
                int y1 = Math.min(in.rows(), y0 + OutsideHash.STRIP_ROWS);
                Mat before = input.rows(y0, y1, inScratch), after = output.rows(y0, y1, outScratch);
                Core.absdiff(before, after, diff);
                Mat one = diff;
                if (diff.channels() > 1) {
                    Core.transform(diff, summed, ones); // saturating sum of the channels: non-zero where any differs
                    one = summed;
                }
                long all = Core.countNonZero(one);
                changed[0] += all;
                if (all > 0) {
                    for (LocalityReceipt.Box b : boxes) {
                        Rect r = intersect(new Rect(b.x(), b.y() - y0, b.width(), b.height()), new Rect(0, 0, one.cols(), y1 - y0));
                        if (r == null) continue;
                        Mat inside = one.submat(r);
                        inside.setTo(Scalar.all(0));
                        inside.release();
                    }
                    changed[1] += Core.countNonZero(one);
                }
                before.release();
                after.release();
            }
            return changed;
        } finally {
            diff.release();
            summed.release();
            ones.release();
            inScratch.release();
            outScratch.release();
        }
    }

    /** 8-bit mask, non-zero where any sample of the two (same size and type) differs. */
    static Mat changedMask(Mat a, Mat b) {
        Mat diff = new Mat();
        Core.absdiff(a, b, diff);
        if (diff.channels() > 1) {
            Mat ones = Mat.ones(1, diff.channels(), CvType.CV_32F);
            Mat summed = new Mat();
            Core.transform(diff, summed, ones); // saturating sum of the channels: non-zero where any differs
            ones.release();
            diff.release();
            diff = summed;
        }
        Mat mask = new Mat();
        Core.compare(diff, new Scalar(0), mask, Core.CMP_GT);
        diff.release();
        return mask;
    }

    /** The overlap of two rectangles, null when they do not overlap. */
    static Rect intersect(Rect a, Rect b) {
        int x0 = Math.max(a.x, b.x), y0 = Math.max(a.y, b.y);
        int x1 = Math.min(a.x + a.width, b.x + b.width), y1 = Math.min(a.y + a.height, b.y + b.height);
        return x1 > x0 && y1 > y0 ? new Rect(x0, y0, x1 - x0, y1 - y0) : null;
    }

    private static int ceil(int v, int align) {
        return (v + align - 1) / align * align;
    }
}
