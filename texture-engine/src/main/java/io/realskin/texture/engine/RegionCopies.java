package io.realskin.texture.engine;

import org.opencv.core.Mat;
import org.opencv.core.Rect;

import java.util.ArrayList;
import java.util.List;

/**
 * The decoded input as it was before the engine, kept as copies of the faces' work regions only: the engine changes
 * pixels only inside them ({@link FaceRegion#regionFor}), so outside them the working image still holds the input.
 * Read back strip by strip, the working image's rows with the saved regions laid over them, it is the whole input
 * without an image-sized copy.
 */
final class RegionCopies implements PixelRows, AutoCloseable {
    private final Mat working;
    private final List<Rect> regions = new ArrayList<>();
    private final List<Mat> copies = new ArrayList<>();

    /** Copies {@code regions} (clipped to the image) of {@code working}; call before the engine changes it. */
    RegionCopies(Mat working, List<Rect> regions) {
        this.working = working;
        Rect image = new Rect(0, 0, working.cols(), working.rows());
        for (Rect r : regions) {
            Rect clipped = LocalityReceipts.intersect(r, image);
            this.regions.add(clipped);
            copies.add(clipped == null ? null : copy(working, clipped));
        }
    }

    /**
     * One box per region in which the working image now differs from its copy, in the regions' order
     * ({@link LocalityReceipts#boxes}).
     */
    List<LocalityReceipt.Box> boxes(int align, int margin) {
        List<LocalityReceipt.Box> boxes = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            Rect r = regions.get(i);
            if (r == null) continue;
            Mat now = working.submat(r);
            boxes.addAll(LocalityReceipts.boxes(copies.get(i), now, r.x, r.y, List.of(r), align, margin,
                    working.cols(), working.rows()));
            now.release();
        }
        return boxes;
    }

    @Override
    public Mat like() {
        return working;
    }

    @Override
    public Mat rows(int y0, int y1, Mat scratch) {
        boolean any = false;
        for (Rect r : regions) any |= r != null && r.y < y1 && r.y + r.height > y0;
        if (!any) return working.rowRange(y0, y1);
        if (scratch.rows() < y1 - y0 || scratch.cols() != working.cols() || scratch.type() != working.type()) {
            scratch.create(Math.max(y1 - y0, OutsideHash.STRIP_ROWS), working.cols(), working.type());
        }
        Mat strip = scratch.rowRange(0, y1 - y0);
        Mat from = working.rowRange(y0, y1);
        from.copyTo(strip);
        from.release();
        for (int i = 0; i < regions.size(); i++) {
            Rect r = regions.get(i);
            if (r == null || r.y >= y1 || r.y + r.height <= y0) continue;
            int a = Math.max(y0, r.y), b = Math.min(y1, r.y + r.height);
            Mat src = copies.get(i).submat(a - r.y, b - r.y, 0, r.width);
            Mat dst = strip.submat(a - y0, b - y0, r.x, r.x + r.width);
            src.copyTo(dst);
            src.release();
            dst.release();
        }
        return strip;
    }

    @Override
    public void close() {
        for (Mat m : copies) if (m != null) m.release();
    }

    private static Mat copy(Mat m, Rect r) {
        Mat sub = m.submat(r);
        Mat copy = sub.clone();
        sub.release();
        return copy;
    }
}
