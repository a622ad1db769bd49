package io.realskin.texture.engine;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Brings a face's pixels to the analysis scale: Lanczos-3 with the kernel widened by the reduction (anti-aliased, as
 * image tools resize), separable, in floats; enlarging is OpenCV's bicubic as before. The skin's fine band lies just
 * under the analysis copy's Nyquist frequency. OpenCV's INTER_AREA at a ratio just under 1 averages two neighbouring
 * pixels wherever the grids fall half way (up to half the fine band's energy, in stripes), while a ratio of exactly 1
 * takes nothing: the plastic score of one photo resized so its face was 258 px wide scored 0.13-0.27 higher than at
 * 254 px. A windowed sinc keeps the band flat up to near the new Nyquist at every ratio and turns into the identity
 * as the ratio reaches 1, so a face's statistics no longer depend on which side of 256 px its width falls.
 */
public final class AnalysisResample {
    private static final int LOBES = 3;
    /**
     * After a box average by a whole factor, the windowed sinc still reduces by at least this much: the box then
     * takes at most 4 % of the fine band's amplitude in its middle (16 % at its very top), and the sinc reads k * k
     * times fewer pixels (a 4.5 MP face region: about 8 times less time).
     */
    private static final double REDUCING_GAP = 1.5;

    private AnalysisResample() {
    }

    /** {@code src} (any depth, 1-4 channels) at {@code size} into {@code out}, in {@code src}'s type. */
    public static void resize(Mat src, Mat out, Size size) {
        int w = (int) size.width, h = (int) size.height;
        if (w == src.cols() && h == src.rows()) {
            src.copyTo(out);
        } else if (w > src.cols() && h > src.rows()) {
            Imgproc.resize(src, out, size, 0, 0, Imgproc.INTER_CUBIC);
        } else {
            int ch = src.channels();
            Mat f = new Mat();
            double ratio = Math.min((double) w / src.cols(), (double) h / src.rows());
            int k = (int) Math.floor(1 / (REDUCING_GAP * ratio));
            if (k >= 2) {
                // a large reduction starts with a box average by a whole factor (as Pillow's reducing gap does)
                Mat boxed = new Mat();
                Imgproc.resize(src, boxed, new Size(Math.max(w, Math.round((double) src.cols() / k)),
                        Math.max(h, Math.round((double) src.rows() / k))), 0, 0, Imgproc.INTER_AREA);
                boxed.convertTo(f, CvType.CV_32F);
                boxed.release();
            } else {
                src.convertTo(f, CvType.CV_32F);
            }
            int cols = f.cols(), rows = f.rows();
            float[] in = new float[(int) f.total() * ch];
            f.get(0, 0, in);
            f.release();
            float[] across = horizontal(in, cols, rows, ch, Taps.of(cols, w));
            float[] done = vertical(across, w * ch, Taps.of(rows, h));
            Mat r = new Mat(h, w, CvType.makeType(CvType.CV_32F, ch));
            r.put(0, 0, done);
            r.convertTo(out, src.type()); // rounds and saturates for 8-bit
            r.release();
        }
    }

    private static float[] horizontal(float[] in, int n, int rows, int ch, Taps taps) {
        int m = taps.start.length;
        float[] out = new float[rows * m * ch];
        float[] acc = new float[ch];
        for (int y = 0; y < rows; y++) {
            int inRow = y * n * ch, outRow = y * m * ch;
            for (int i = 0; i < m; i++) {
                float[] wt = taps.weights[i];
                int at = inRow + taps.start[i] * ch;
                if (ch == 1) {
                    float a0 = 0;
                    for (int k = 0; k < wt.length; k++) a0 += wt[k] * in[at + k];
                    out[outRow + i] = a0;
                } else if (ch == 3) {
                    float a0 = 0, a1 = 0, a2 = 0;
                    for (int k = 0, j = at; k < wt.length; k++, j += 3) {
                        float wk = wt[k];
                        a0 += wk * in[j];
                        a1 += wk * in[j + 1];
                        a2 += wk * in[j + 2];
                    }
                    int o = outRow + i * 3;
                    out[o] = a0;
                    out[o + 1] = a1;
                    out[o + 2] = a2;
                } else {
                    java.util.Arrays.fill(acc, 0f);
                    for (int k = 0, j = at; k < wt.length; k++, j += ch) {
                        for (int c = 0; c < ch; c++) acc[c] += wt[k] * in[j + c];
                    }
                    System.arraycopy(acc, 0, out, outRow + i * ch, ch);
                }
            }
        }
        return out;
    }

    private static float[] vertical(float[] in, int rowLength, Taps taps) {
        int m = taps.start.length;
        float[] out = new float[m * rowLength];
        for (int o = 0; o < m; o++) {
            float[] wt = taps.weights[o];
            int outRow = o * rowLength;
            for (int k = 0; k < wt.length; k++) {
                float wk = wt[k];
                int inRow = (taps.start[o] + k) * rowLength;
                for (int x = 0; x < rowLength; x++) out[outRow + x] += wk * in[inRow + x];
            }
        }
        return out;
    }

    /** Per output sample: the first input sample it reads and the normalised weights of the run from there. */
    record Taps(int[] start, float[][] weights) {
        static Taps of(int n, int m) {
            double ratio = (double) m / n;
            double stretch = Math.max(1.0, 1.0 / ratio); // the kernel widened by the reduction: the anti-aliasing
            double support = LOBES * stretch;
            int[] start = new int[m];
            float[][] weights = new float[m][];
            for (int i = 0; i < m; i++) {
                double centre = (i + 0.5) / ratio - 0.5;
                int lo = (int) Math.ceil(centre - support), hi = (int) Math.floor(centre + support);
                // taps beyond the edge fold onto the edge sample (replicated border)
                int first = Math.max(0, Math.min(n - 1, lo)), last = Math.max(0, Math.min(n - 1, hi));
                double[] w = new double[last - first + 1];
                double sum = 0;
                for (int j = lo; j <= hi; j++) {
                    double v = lanczos((j - centre) / stretch);
                    w[Math.max(0, Math.min(n - 1, j)) - first] += v;
                    sum += v;
                }
                float[] wf = new float[w.length];
                for (int k = 0; k < w.length; k++) wf[k] = (float) (w[k] / sum);
                start[i] = first;
                weights[i] = wf;
            }
            return new Taps(start, weights);
        }
    }

    static double lanczos(double x) {
        if (x == 0) return 1;
        if (Math.abs(x) >= LOBES) return 0;
        double px = Math.PI * x;
        return LOBES * Math.sin(px) * Math.sin(px / LOBES) / (px * px);
    }
}
