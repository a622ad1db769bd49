package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.Arrays;

/**
 * What the frame around a face says about how much fine texture its skin should carry, measured where skin smoothing
 * (a beauty filter, a generator's waxy skin) does not reach: a ring of the frame around the face's region, at the
 * face's analysis scale (so it compares with {@link SkinStatistics}). Two quantities, both relative to the skin's
 * mean luminance:
 * <ul>
 * <li>{@code noise}: the noise floor, the robust sigma of the fine band on the flattest part of the ring (sensor grain
 * and compression noise the same camera left on the skin too);</li>
 * <li>{@code edge}: edge sharpness, the fine band's rms over the gradient's on the ring's strongest edges (hair,
 * clothes, eyebrows): how much detail at the fine band's scale the lens, the focus and the compression let through.</li>
 * </ul>
 *
 * @param ringPixels analysis-scale pixels the ring holds (few in a tight crop: the evidence is then weak)
 */
public record FrameEvidence(double noise, double edge, int ringPixels) {
    /** The ring: the face region grown by {@value #EXCLUDE} eye distances, out to {@value #REACH} eye distances more. */
    static final double EXCLUDE = 0.8;
    static final double REACH = 2.5;
    /** Fraction of the ring's pixels taken as flat (noise floor) and as edges (sharpness). */
    static final double FLAT_FRACTION = 0.3;
    static final double EDGE_FRACTION = 0.03;
    static final int MIN_RING_PIXELS = 2000;
    /** At most this many ring pixels are read (evenly spread): enough for both statistics at any image size. */
    static final int MAX_SAMPLES = 250_000;
    /** Floor of the edge sharpness (a frame with no edge at all reads as the softest photo). */
    static final double MIN_EDGE = 0.2;

    public boolean usable() {
        return ringPixels >= MIN_RING_PIXELS;
    }

    /** The part of the frame the evidence of this face is read from (image pixels): the region plus the ring. */
    static Rect reach(FaceDetection face, int width, int height) {
        double d = face.eyeDistance();
        return grow(FaceRegion.regionFor(face, width, height), (EXCLUDE + REACH) * d, width, height);
    }

    /** Measures the ring around the region's face in the full-size 8-bit BGR frame, at the region's analysis scale. */
    public static FrameEvidence measure(Mat bgr8, FaceRegion region, double skinMeanLuminance) {
        return measure(new Frame(bgr8, 1, bgr8.cols(), bgr8.rows()), region, skinMeanLuminance);
    }

    /**
     * An 8-bit BGR copy of the frame at {@code scale} of its full size ({@code width} x {@code height}); only the
     * {@link #reach} of each face needs to hold pixels. The JPEG coefficient path hands a reduced decode here.
     */
    public record Frame(Mat bgr8, double scale, int width, int height) {
    }

    static FrameEvidence measure(Frame frame, FaceRegion region, double skinMeanLuminance) {
        FaceDetection f = region.face();
        double d = f.eyeDistance();
        Rect inner = grow(region.roi(), EXCLUDE * d, frame.width(), frame.height());
        Rect outer = reach(f, frame.width(), frame.height());
        double scale = region.scale();
        int ow = Math.max(8, (int) Math.round(outer.width * scale)), oh = Math.max(8, (int) Math.round(outer.height * scale));
        Mat sub = frame.bgr8().submat(scaled(outer, frame));
        Mat small = new Mat(), gray8 = new Mat(), gray = new Mat(), b1 = new Mat(), fine = new Mat();
        Mat gx = new Mat(), gy = new Mat(), grad = new Mat();
        try {
            if (scale < frame.scale()) AnalysisResample.resize(sub, small, new Size(ow, oh)); // as the face's region is made
            else Imgproc.resize(sub, small, new Size(ow, oh), 0, 0, Imgproc.INTER_LINEAR);
            Imgproc.cvtColor(small, gray8, Imgproc.COLOR_BGR2GRAY);
            gray8.convertTo(gray, CvType.CV_32F);
            Imgproc.GaussianBlur(gray, b1, new Size(0, 0), SkinStatistics.FINE_SIGMA);
            Core.subtract(gray, b1, fine);
            Imgproc.Sobel(b1, gx, CvType.CV_32F, 1, 0, 3, 0.125);
            Imgproc.Sobel(b1, gy, CvType.CV_32F, 0, 1, 3, 0.125);
            Core.magnitude(gx, gy, grad);
            float[] fv = MatArrays.floats(fine), gv = MatArrays.floats(grad);
            // the ring = outer minus inner, in small coordinates, less a 2-pixel border (blur edge effects)
            double sx = (double) ow / outer.width, sy = (double) oh / outer.height;
            int ix0 = (int) Math.floor((inner.x - outer.x) * sx), ix1 = (int) Math.ceil((inner.x + inner.width - outer.x) * sx);
            int iy0 = (int) Math.floor((inner.y - outer.y) * sy), iy1 = (int) Math.ceil((inner.y + inner.height - outer.y) * sy);
            int total = 0;
            for (int y = 2; y < oh - 2; y++) {
                for (int x = 2; x < ow - 2; x++) if (!(x >= ix0 && x < ix1 && y >= iy0 && y < iy1)) total++;
            }
            if (total < 16) return new FrameEvidence(0, 0, total);
            int step = Math.max(1, (total + MAX_SAMPLES - 1) / MAX_SAMPLES);
            int n = (total + step - 1) / step;
            float[] g = new float[n], a = new float[n];
            int k = 0, seen = 0;
            for (int y = 2; y < oh - 2 && k < n; y++) {
                for (int x = 2; x < ow - 2 && k < n; x++) {
                    if (x >= ix0 && x < ix1 && y >= iy0 && y < iy1) continue;
                    if (seen++ % step != 0) continue;
                    g[k] = gv[y * ow + x];
                    a[k++] = fv[y * ow + x];
                }
            }
            n = k;
            float[] ordered = Arrays.copyOf(g, n);
            float flatBelow = Selection.kth(ordered, 0, n, Math.max(0, (int) (n * FLAT_FRACTION) - 1));
            float edgeFrom = Selection.kth(ordered, 0, n, Math.min(n - 1, n - Math.max(1, (int) (n * EDGE_FRACTION))));
            float[] flat = new float[n];
            int nf = 0;
            double fineSq = 0, gradSq = 0;
            for (int i = 0; i < n; i++) {
                if (g[i] <= flatBelow) flat[nf++] = Math.abs(a[i]);
                if (g[i] >= edgeFrom) {
                    fineSq += a[i] * (double) a[i];
                    gradSq += g[i] * (double) g[i];
                }
            }
            double noise = 1.4826 * Selection.median(flat, 0, nf);
            double edge = gradSq > 0 ? Math.sqrt(fineSq / gradSq) : 0;
            return new FrameEvidence(noise / Math.max(1.0, skinMeanLuminance), edge, total);
        } finally {
            for (Mat m : new Mat[] {sub, small, gray8, gray, b1, fine, gx, gy, grad}) m.release();
        }
    }

    /** A full-size rectangle in the frame's own pixels (at least one pixel, inside it). */
    private static Rect scaled(Rect r, Frame frame) {
        if (frame.scale() == 1) return r;
        int x0 = (int) Math.floor(r.x * frame.scale()), y0 = (int) Math.floor(r.y * frame.scale());
        int x1 = Math.min(frame.bgr8().cols(), (int) Math.ceil((r.x + r.width) * frame.scale()));
        int y1 = Math.min(frame.bgr8().rows(), (int) Math.ceil((r.y + r.height) * frame.scale()));
        return new Rect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    }

    private static Rect grow(Rect r, double by, int width, int height) {
        int x0 = (int) Math.max(0, Math.floor(r.x - by)), y0 = (int) Math.max(0, Math.floor(r.y - by));
        int x1 = (int) Math.min(width, Math.ceil(r.x + r.width + by)), y1 = (int) Math.min(height, Math.ceil(r.y + r.height + by));
        return new Rect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    }
}
