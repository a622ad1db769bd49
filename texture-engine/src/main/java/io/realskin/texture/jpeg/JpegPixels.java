package io.realskin.texture.jpeg;

import io.realskin.texture.concurrent.Parallel;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pixels from coefficients and back, for parts of an image: an inverse DCT of chosen MCUs (full size, or a
 * 1/2, 1/4, 1/8 preview from the low frequencies), and the re-quantisation of what the engine changed there.
 */
public final class JpegPixels {
    /** JFIF RGB -> YCbCr rows (R, G, B weights); the same matrix takes RGB differences to YCbCr differences. */
    private static final double[][] RGB_TO_YCC = {
        {0.299, 0.587, 0.114}, {-0.168736, -0.331264, 0.5}, {0.5, -0.418688, -0.081312}};

    private JpegPixels() {
    }

    /** The largest scale (8, 4, 2 or 1) at which the image's long side is still at least {@code minLongSide}. */
    public static int previewScale(JpegCoefficients c, int minLongSide) {
        int longSide = Math.max(c.width, c.height);
        for (int s = 8; s > 1; s /= 2) if (longSide / s >= minLongSide) return s;
        return 1;
    }

    /**
     * The whole image at 1/scale (scale 1, 2, 4 or 8): 8-bit BGR, or gray for a one-component JPEG; the blocks
     * are transformed on up to {@code threads} threads (0: every core).
     */
    public static Mat decode(JpegCoefficients c, int scale, int threads) {
        Mat all = decodeMcus(c, 0, 0, c.mcusWide, c.mcusHigh, scale, threads);
        int w = JpegCoefficients.ceilDiv(c.width, scale), h = JpegCoefficients.ceilDiv(c.height, scale);
        if (all.cols() == w && all.rows() == h) return all;
        Mat crop = all.submat(0, h, 0, w).clone();
        all.release();
        return crop;
    }

    /**
     * Full-size pixels of {@code region} (image coordinates) written into {@code target} (the whole image), decoded
     * from the MCUs that cover the region plus one MCU around it, so chroma is upsampled with real neighbours.
     */
    public static void decodeInto(JpegCoefficients c, Rect region, Mat target, int threads) {
        decodeInto(c, region, target, 1, threads);
    }

    /**
     * Pixels of {@code region} (full-size image coordinates) at 1/scale (1, 2, 4 or 8) written into {@code target}
     * (the whole image at 1/scale, {@link #decode}'s size), decoded from the MCUs that cover the region plus one MCU
     * around it.
     */
    public static void decodeInto(JpegCoefficients c, Rect region, Mat target, int scale, int threads) {
        int mw = c.mcuWidth(), mh = c.mcuHeight();
        int mx0 = Math.max(0, region.x / mw - 1), my0 = Math.max(0, region.y / mh - 1);
        int mx1 = Math.min(c.mcusWide, JpegCoefficients.ceilDiv(region.x + region.width, mw) + 1);
        int my1 = Math.min(c.mcusHigh, JpegCoefficients.ceilDiv(region.y + region.height, mh) + 1);
        Mat pixels = decodeMcus(c, mx0, my0, mx1, my1, scale, threads);
        int x0 = Math.max(0, region.x) / scale, y0 = Math.max(0, region.y) / scale;
        int x1 = Math.min(target.cols(), JpegCoefficients.ceilDiv(Math.min(c.width, region.x + region.width), scale));
        int y1 = Math.min(target.rows(), JpegCoefficients.ceilDiv(Math.min(c.height, region.y + region.height), scale));
        int ox = mx0 * mw / scale, oy = my0 * mh / scale;
        x1 = Math.min(x1, ox + pixels.cols());
        y1 = Math.min(y1, oy + pixels.rows());
        Mat src = pixels.submat(new Rect(x0 - ox, y0 - oy, x1 - x0, y1 - y0));
        Mat dst = target.submat(new Rect(x0, y0, x1 - x0, y1 - y0));
        src.copyTo(dst);
        src.release();
        dst.release();
        pixels.release();
    }

    /** MCUs [mx0, mx1) x [my0, my1) at 1/scale, MCU padding included. */
    private static Mat decodeMcus(JpegCoefficients c, int mx0, int my0, int mx1, int my1, int scale, int threads) {
        int n = 8 / scale;
        int outW = (mx1 - mx0) * c.mcuWidth() / scale, outH = (my1 - my0) * c.mcuHeight() / scale;
        List<Mat> planes = new ArrayList<>();
        for (JpegComponent comp : c.components) {
            int bx0 = mx0 * comp.h, by0 = my0 * comp.v, bx1 = mx1 * comp.h, by1 = my1 * comp.v;
            int pw = (bx1 - bx0) * n, ph = (by1 - by0) * n;
            byte[] plane = new byte[pw * ph];
            int[] q = c.quantOf(comp);
            Parallel.forEach(by1 - by0, threads, row -> { // block rows are independent
                float[] scratch = new float[64];
                int by = by0 + row;
                for (int bx = bx0; bx < bx1; bx++) {
                    Dct.inverse(comp.coefficients, comp.offset(bx, by), q, n, plane, row * n * pw + (bx - bx0) * n,
                            pw, scratch);
                }
            });
            Mat m = new Mat(ph, pw, CvType.CV_8U);
            m.put(0, 0, plane);
            if (pw != outW || ph != outH) {
                Mat up = new Mat();
                Imgproc.resize(m, up, new Size(outW, outH), 0, 0, Imgproc.INTER_LINEAR);
                m.release();
                m = up;
            }
            planes.add(m);
        }
        if (planes.size() == 1) return planes.get(0);
        Mat ycrcb = new Mat(), bgr = new Mat();
        Core.merge(List.of(planes.get(0), planes.get(2), planes.get(1)), ycrcb);
        Imgproc.cvtColor(ycrcb, bgr, Imgproc.COLOR_YCrCb2BGR);
        ycrcb.release();
        planes.forEach(Mat::release);
        return bgr;
    }

    /**
     * Puts what changed between {@code before} and {@code after} (8-bit pixels of {@code region}, BGR or gray,
     * region aligned to MCUs at its top left) into the coefficients: for each component block whose pixels
     * changed, the forward DCT of the change (colour-converted, averaged down to the component's sampling),
     * quantised with the image's own table and added to the block's coefficients. Blocks without a changed
     * pixel keep their coefficients exactly. Block rows are done side by side on up to {@code threads} threads.
     *
     * @return the number of blocks recomputed
     */
    public static long requantize(JpegCoefficients c, Mat before, Mat after, Rect region, int threads) {
        int ch = before.channels();
        if (ch != (c.components.length == 1 ? 1 : 3)) throw new IllegalArgumentException("channels do not match the JPEG");
        int rw = region.width, rh = region.height;
        byte[] b0 = new byte[rw * rh * ch], b1 = new byte[rw * rh * ch];
        before.get(0, 0, b0);
        after.get(0, 0, b1);
        // tasks: (component, block row) pairs; every block belongs to exactly one
        List<int[]> rows = new ArrayList<>();
        for (int ci = 0; ci < c.components.length; ci++) {
            JpegComponent comp = c.components[ci];
            int bh = 8 * (c.vmax / comp.v);
            for (int by = region.y / bh; by * bh < region.y + rh; by++) rows.add(new int[] {ci, by});
        }
        long[] changed = new long[rows.size()];
        Parallel.forEach(rows.size(), threads, task -> {
            int ci = rows.get(task)[0], by = rows.get(task)[1];
            JpegComponent comp = c.components[ci];
            int fx = c.hmax / comp.h, fy = c.vmax / comp.v; // pixels per component sample
            int bw = 8 * fx, bh = 8 * fy; // a block's footprint in pixels
            int[] q = c.quantOf(comp);
            double[] w = ch == 1 ? new double[] {1} : RGB_TO_YCC[ci];
            float[] samples = new float[64], freq = new float[64], scratch = new float[64];
            short[] co = comp.coefficients;
            for (int bx = region.x / bw; bx * bw < region.x + rw; bx++) {
                if (!blockDelta(b0, b1, ch, rw, rh, bx * bw - region.x, by * bh - region.y, fx, fy, w, samples)) continue;
                Dct.forward(samples, freq, scratch);
                int off = comp.offset(bx, by);
                for (int k = 0; k < 64; k++) {
                    int v = co[off + k] + Math.round(freq[k] / q[k]);
                    co[off + k] = (short) (k == 0 ? Math.max(-1024, Math.min(1023, v)) : Math.max(-1023, Math.min(1023, v)));
                }
                changed[task]++;
            }
        });
        long recomputed = 0;
        for (long n : changed) recomputed += n;
        return recomputed;
    }

    /**
     * The component's change over one block footprint (at x0, y0 in region pixels), averaged to 8x8 samples.
     * Returns false, leaving {@code samples} undefined, when no pixel of the footprint changed.
     */
    private static boolean blockDelta(byte[] b0, byte[] b1, int ch, int rw, int rh, int x0, int y0, int fx, int fy,
                                      double[] w, float[] samples) {
        boolean changed = false;
        int xEnd = Math.min(rw, x0 + 8 * fx), yEnd = Math.min(rh, y0 + 8 * fy);
        for (int y = Math.max(0, y0); y < yEnd && !changed; y++) {
            int row = (y * rw) * ch, from = row + Math.max(0, x0) * ch, to = row + xEnd * ch;
            changed = from < to && Arrays.mismatch(b0, from, to, b1, from, to) >= 0;
        }
        if (!changed) return false;
        if (fx == 1 && fy == 1 && ch == 3 && x0 >= 0 && y0 >= 0 && x0 + 8 <= rw && y0 + 8 <= rh) {
            // a full-resolution block inside the region: one pixel per sample, the same sums as below
            for (int sy = 0; sy < 8; sy++) {
                for (int sx = 0, i = ((y0 + sy) * rw + x0) * 3; sx < 8; sx++, i += 3) {
                    samples[sy * 8 + sx] = (float) (w[0] * ((b1[i + 2] & 0xFF) - (b0[i + 2] & 0xFF))
                            + w[1] * ((b1[i + 1] & 0xFF) - (b0[i + 1] & 0xFF)) + w[2] * ((b1[i] & 0xFF) - (b0[i] & 0xFF)));
                }
            }
            return true;
        }
        for (int sy = 0; sy < 8; sy++) {
            for (int sx = 0; sx < 8; sx++) {
                double sum = 0;
                int count = 0;
                for (int y = y0 + sy * fy; y < y0 + (sy + 1) * fy; y++) {
                    for (int x = x0 + sx * fx; x < x0 + (sx + 1) * fx; x++) {
                        if (x < 0 || y < 0 || x >= rw || y >= rh) continue;
                        int i = (y * rw + x) * ch;
                        if (ch == 1) {
                            sum += (b1[i] & 0xFF) - (b0[i] & 0xFF);
                        } else { // BGR
                            sum += w[0] * ((b1[i + 2] & 0xFF) - (b0[i + 2] & 0xFF)) + w[1] * ((b1[i + 1] & 0xFF) - (b0[i + 1] & 0xFF))
                                    + w[2] * ((b1[i] & 0xFF) - (b0[i] & 0xFF));
                        }
                        count++;
                    }
                }
                samples[sy * 8 + sx] = count == 0 ? 0 : (float) (sum / count);
            }
        }
        return true;
    }
}
