package io.realskin.texture.engine;

import io.realskin.texture.jpeg.JpegCoefficients;
import io.realskin.texture.jpeg.JpegComponent;
import io.realskin.texture.jpeg.QuantizationConstraint;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Consistency of an image with the JPEG it was made from (projection through the JPEG model). A plane at
 * {@code scale} times the file's size (1: the file's own pixels; 2: a 2x upscale) implies the file's image (its
 * scale x scale area average, as the degradation assumes), and that image's plane at its component's resolution
 * (chroma box-averaged as an encoder subsamples it, edges replicated to whole blocks as an encoder pads them), DCT'd
 * on the file's block grid, must have every coefficient inside its quantisation interval. {@link #project} clamps
 * the coefficients into the intervals and adds the correction (projected minus implied), spread back to the
 * plane's resolution.
 */
public final class JpegConsistency {
    /** How a component-resolution correction reaches the plane's pixels. */
    public enum Spread {
        /** Each pixel gets the correction of the component sample it averages into: the orthogonal projection. */
        REPLICATE,
        /** Bicubic interpolation of the correction: smooth, consistent only after several rounds. */
        CUBIC
    }

    private final JpegCoefficients jpeg;

    public JpegConsistency(JpegCoefficients jpeg) {
        if (!supports(jpeg)) throw new IllegalArgumentException("sampling factors that do not divide the largest");
        this.jpeg = jpeg;
    }

    /** Whether every component's subsampling is a whole number of pixels (4:4:4, 4:2:2, 4:2:0, gray, ...). */
    public static boolean supports(JpegCoefficients jpeg) {
        for (int c = 0; c < jpeg.componentCount(); c++) {
            if (jpeg.hmax() % jpeg.component(c).h() != 0 || jpeg.vmax() % jpeg.component(c).v() != 0) return false;
        }
        return true;
    }

    /**
     * One round on YCbCr planes (levels, chroma centred on 128; y, cb, cr) at {@code scale} times the file's size, in
     * place: every plane the file has a component for (luma only for a gray file).
     */
    public void project(float[][] ycc, int scale, Spread spread) {
        for (int c = 0; c < Math.min(jpeg.componentCount(), 3); c++) project(ycc[c], scale, c, spread);
    }

    /** One round on one plane (component {@code c}) at {@code scale} times the file's size, in place. */
    public void project(float[] plane, int scale, int c, Spread spread) {
        int w = jpeg.width() * scale, h = jpeg.height() * scale;
        if (plane.length != (long) w * h) throw new IllegalArgumentException("not " + scale + "x the file's image");
        JpegComponent comp = jpeg.component(c);
        int sx = jpeg.hmax() / comp.h(), sy = jpeg.vmax() / comp.v(), fx = scale * sx, fy = scale * sy;
        QuantizationConstraint q = new QuantizationConstraint(jpeg, c);
        int cw = q.width(), ch = q.height();
        float[] implied = implied(plane, scale, w, h, cw, ch, sx, sy);
        float[] delta = implied.clone();
        q.project(delta);
        for (int i = 0; i < delta.length; i++) delta[i] -= implied[i];
        if (spread == Spread.REPLICATE) {
            for (int y = 0; y < h; y++) {
                int row = (y / fy) * cw;
                for (int x = 0; x < w; x++) plane[y * w + x] += delta[row + x / fx];
            }
            return;
        }
        Mat d = new Mat(ch, cw, CvType.CV_32F), up = new Mat();
        d.put(0, 0, delta);
        Imgproc.resize(d, up, new Size(cw * fx, ch * fy), 0, 0, Imgproc.INTER_CUBIC);
        float[] row = new float[w];
        for (int y = 0; y < h; y++) {
            up.get(y, 0, row);
            for (int x = 0; x < w; x++) plane[y * w + x] += row[x];
        }
        d.release();
        up.release();
    }

    /**
     * The component plane (cw x ch, whole blocks) an encoder would have coded from this plane: its scale x scale area
     * average (the file's image), that image's edges replicated, averaged over the component's subsampling. Each
     * pixel of the file's image is summed where a sample needs it, not kept in a plane of its own (a luma plane
     * of the input's size less to hold in a 2x upscale's projection).
     */
    static float[] implied(float[] plane, int scale, int w, int h, int cw, int ch, int sx, int sy) {
        int lw = w / scale, lh = h / scale;
        float[] out = new float[cw * ch];
        float norm = 1f / (sx * sy);
        for (int v = 0; v < ch; v++) {
            for (int u = 0; u < cw; u++) {
                float s = 0;
                for (int j = 0; j < sy; j++) {
                    int y = Math.min(v * sy + j, lh - 1);
                    for (int i = 0; i < sx; i++) s += low(plane, scale, w, Math.min(u * sx + i, lw - 1), y);
                }
                out[v * cw + u] = s * norm;
            }
        }
        return out;
    }

    /** Pixel (x, y) of the file's image: the scale x scale area average of the plane (w wide) there. */
    private static float low(float[] plane, int scale, int w, int x, int y) {
        if (scale == 1) return plane[y * w + x];
        float s = 0;
        for (int j = 0; j < scale; j++) {
            int row = (y * scale + j) * w + x * scale;
            for (int i = 0; i < scale; i++) s += plane[row + i];
        }
        return s * (1f / (scale * scale));
    }
}
