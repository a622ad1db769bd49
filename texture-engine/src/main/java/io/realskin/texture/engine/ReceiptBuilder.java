package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link LocalityReceipt} around a restore: {@link #start} hashes the input outside the mask and keeps a
 * copy of the faces' regions; {@link #finish} hashes the output the same way, refuses to continue if the two hashes
 * differ, and counts the pixels that changed inside the regions (outside them the equal hashes say nothing did).
 */
final class ReceiptBuilder implements AutoCloseable {
    private final Mat mask;
    private final String maskSource;
    private final String before;
    private final Rect area;
    private final Mat original;

    private ReceiptBuilder(Mat mask, String maskSource, String before, Rect area, Mat original) {
        this.mask = mask;
        this.maskSource = maskSource;
        this.before = before;
        this.area = area;
        this.original = original;
    }

    /** @param mask 8-bit, nonzero where the restore may change pixels (not owned) */
    static ReceiptBuilder start(Mat pixels, Mat mask, String maskSource, List<FaceRestorer.Plan> plans) {
        String before = PixelHash.outside(pixels, mask);
        Rect area = null;
        for (FaceRestorer.Plan p : plans) area = union(area, p.face().region().roi());
        Mat original = area == null ? null : pixels.submat(area).clone();
        return new ReceiptBuilder(mask, maskSource, before, area, original);
    }

    LocalityReceipt finish(Mat pixels) {
        String after = original == null ? before : PixelHash.outside(pixels, mask);
        if (!after.equals(before)) {
            throw new IllegalStateException("restore changed pixels outside its mask (locality receipt hashes differ)");
        }
        long changed = 0;
        LocalityReceipt.Box box = null;
        if (original != null) {
            Mat now = pixels.submat(area), diff = new Mat(), rows = new Mat(), cols = new Mat();
            Mat any = null;
            try {
                Core.absdiff(original, now, diff);
                List<Mat> channels = new ArrayList<>();
                Core.split(diff, channels);
                any = channels.get(0);
                for (int c = 1; c < channels.size(); c++) {
                    Core.max(any, channels.get(c), any);
                    channels.get(c).release();
                }
                Core.compare(any, new org.opencv.core.Scalar(0), any, Core.CMP_GT);
                changed = Core.countNonZero(any);
                if (changed > 0) {
                    Core.reduce(any, rows, 1, Core.REDUCE_MAX, CvType.CV_8U);
                    Core.reduce(any, cols, 0, Core.REDUCE_MAX, CvType.CV_8U);
                    byte[] r = new byte[(int) rows.total()], c = new byte[(int) cols.total()];
                    rows.get(0, 0, r);
                    cols.get(0, 0, c);
                    int y0 = first(r), y1 = last(r), x0 = first(c), x1 = last(c);
                    box = new LocalityReceipt.Box(area.x + x0, area.y + y0, x1 - x0 + 1, y1 - y0 + 1);
                }
            } finally {
                for (Mat m : new Mat[] {now, diff, rows, cols}) m.release();
                if (any != null) any.release();
            }
        }
        return new LocalityReceipt(changed, box, maskSource, Core.countNonZero(mask), before, after);
    }

    private static int first(byte[] v) {
        for (int i = 0; i < v.length; i++) if (v[i] != 0) return i;
        return 0;
    }

    private static int last(byte[] v) {
        for (int i = v.length - 1; i >= 0; i--) if (v[i] != 0) return i;
        return v.length - 1;
    }

    private static Rect union(Rect a, Rect b) {
        if (a == null) return b;
        int x0 = Math.min(a.x, b.x), y0 = Math.min(a.y, b.y);
        int x1 = Math.max(a.x + a.width, b.x + b.width), y1 = Math.max(a.y + a.height, b.y + b.height);
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }

    @Override
    public void close() {
        if (original != null) original.release();
    }
}
