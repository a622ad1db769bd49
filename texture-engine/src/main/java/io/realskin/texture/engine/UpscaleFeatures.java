package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * What the learned 2x upscale ({@link UpscaleFilters}) sees of a low-resolution 8-bit BGR image: its luma and
 * chroma planes (JPEG's YCbCr), the base upscale every filter corrects, and per low-resolution pixel a bucket
 * (RAISR-style hash of the local luma gradient: angle, strength, coherence of the structure tensor) and, per chroma
 * plane, the local slope of chroma on luma with a confidence bucket (how well a line through (luma, chroma) fits
 * the neighbourhood). Features are differences from the centre pixel, so every filter ignores the local mean.
 */
final class UpscaleFeatures {
    /** Luma filter window: (2 R + 1)^2 low-resolution pixels minus the centre. */
    static final int LUMA_RADIUS = 3;
    static final int LUMA_TAPS = (2 * LUMA_RADIUS + 1) * (2 * LUMA_RADIUS + 1) - 1;
    /**
     * Chroma filter window: the chroma's own differences and slope x luma differences, each (2 R + 1)^2 - 1, then
     * slope x luma detail (the luma minus its Gaussian blur) at the centre for each of {@link #DETAIL_SIGMAS}, with
     * the local and the wide slope: JPEG keeps chroma only at a coarse scale, the luma's detail between that scale
     * and the pixel is what chroma edges follow.
     */
    static final int CHROMA_RADIUS = 2;
    static final int CHROMA_HALF = (2 * CHROMA_RADIUS + 1) * (2 * CHROMA_RADIUS + 1) - 1;
    static final double[] DETAIL_SIGMAS = {1, 2, 4, 8};
    /** Rings of 8 further pixels (chroma differences and slope x luma differences) at these distances. */
    static final int[] RINGS = {4, 8};
    static final int CHROMA_TAPS = 2 * CHROMA_HALF + 2 * DETAIL_SIGMAS.length + 16 * RINGS.length;
    /** Gaussian windows (low-resolution pixels) of the local and the wide slope fit. */
    static final double SLOPE_SIGMA = 1.5, WIDE_SLOPE_SIGMA = 4;
    static final int ANGLES = 16, STRENGTHS = 3, COHERENCES = 3, CHROMA_ANGLES = 4, CORRELATIONS = 3;
    static final int LUMA_BUCKETS = ANGLES * STRENGTHS * COHERENCES;
    static final int CHROMA_BUCKETS = CHROMA_ANGLES * STRENGTHS * CORRELATIONS;
    /** Output phases: the 2x2 output pixels of one input pixel. */
    static final int PHASES = 4;
    /** Gradient strength (sqrt of the tensor's larger eigenvalue, levels per pixel) bucket edges. */
    static final float[] STRENGTH_EDGES = {2.5f, 8f};
    static final float[] COHERENCE_EDGES = {0.25f, 0.5f};
    /** Squared correlation of chroma and luma (local) bucket edges. */
    static final float[] CORRELATION_EDGES = {0.2f, 0.6f};
    /** Regularisers of the local slope fit (levels^2): flat luma gives no slope, flat chroma no correlation. */
    static final float SLOPE_EPS_LUMA = 4f, SLOPE_EPS_CHROMA = 1f;
    static final float MAX_SLOPE = 3f;

    /** Gaussian window (low-resolution pixels) of the structure tensor. */
    static final double TENSOR_SIGMA = 1.2;
    /**
     * Rows above and below a pixel that its output (base upscale and correction) depends on, so a strip computed
     * with this many more rows either side is exactly the whole image's: the largest of the base upscale's
     * ({@link #BASE_RADIUS}), the filter windows' (the rings' farthest pixels), the structure tensor's (central
     * differences, then its Gaussian), and the Gaussians of the slopes and the luma detail, read at the centre
     * pixel only ({@link #gaussianRadius}: sigma 8, 32 rows).
     */
    static final int HALO;
    /**
     * Rows the base upscale of a pixel's 2x rows reads: Lanczos-4 (OpenCV's 8 taps, from 3 rows before the source
     * row to 4 after; the 2x rows of input row y sit at y - 1/4 and y + 1/4: rows y - 4 .. y + 4), its 2x2 area
     * average back down, the error's bicubic 2x (4 taps: error rows y - 2 .. y + 2), so 4 + 2.
     */
    static final int BASE_RADIUS = 6;

    static {
        int halo = Math.max(BASE_RADIUS, Math.max(LUMA_RADIUS, Math.max(CHROMA_RADIUS, RINGS[RINGS.length - 1])));
        halo = Math.max(halo, 1 + gaussianRadius(TENSOR_SIGMA));
        halo = Math.max(halo, Math.max(gaussianRadius(SLOPE_SIGMA), gaussianRadius(WIDE_SLOPE_SIGMA)));
        for (double s : DETAIL_SIGMAS) halo = Math.max(halo, gaussianRadius(s));
        HALO = halo;
    }

    /**
     * Radius of the kernel OpenCV's GaussianBlur makes for a float image when no size is given: the size is
     * round(sigma x 4 x 2 + 1), made odd (imgproc's createGaussianKernels, 4 sigmas for depths other than 8-bit).
     */
    static int gaussianRadius(double sigma) {
        return ((int) Math.round(sigma * 4 * 2 + 1) | 1) / 2;
    }

    final int width, height;
    /** Planes in JPEG YCbCr (levels, chroma centred on 128): y, cb, cr. */
    final float[][] planes = new float[3][];
    /** The base upscale (Lanczos + one back-projection round) of each plane, 2 width x 2 height. */
    final float[][] base = new float[3][];
    final int[] lumaBucket;
    /** Per chroma plane (0 = cb, 1 = cr): local and wide slope of chroma on luma, and its bucket. */
    final float[][] slope = new float[2][], wideSlope = new float[2][];
    /** Luma detail per sigma of DETAIL_SIGMAS: the luma minus its blur. */
    final float[][] detail = new float[DETAIL_SIGMAS.length][];
    final int[][] chromaBucket = new int[2][];

    UpscaleFeatures(Mat bgr8) {
        width = bgr8.cols();
        height = bgr8.rows();
        float[][] ycc = ycc(bgr8);
        int n = width * height;
        System.arraycopy(ycc, 0, planes, 0, 3);
        for (int c = 0; c < 3; c++) base[c] = baseUpscale(planes[c], width, height);
        float[] strength = new float[n];
        int[] angle = new int[n];
        lumaBucket = gradientBuckets(strength, angle);
        for (int d = 0; d < DETAIL_SIGMAS.length; d++) {
            float[] b = blur(planes[0], DETAIL_SIGMAS[d]);
            for (int i = 0; i < n; i++) b[i] = planes[0][i] - b[i];
            detail[d] = b;
        }
        for (int c = 0; c < 2; c++) {
            slope[c] = new float[n];
            wideSlope[c] = new float[n];
            chromaBucket[c] = new int[n];
            slopes(planes[c + 1], SLOPE_SIGMA, slope[c], null, strength, angle);
            slopes(planes[c + 1], WIDE_SLOPE_SIGMA, wideSlope[c], chromaBucket[c], strength, angle);
        }
    }

    /** An 8-bit BGR image's JPEG YCbCr planes (levels; chroma centred on 128): y, cb, cr. */
    static float[][] ycc(Mat bgr8) {
        int n = bgr8.cols() * bgr8.rows();
        byte[] px = new byte[n * 3];
        Mat src = bgr8.isContinuous() ? bgr8 : bgr8.clone();
        src.get(0, 0, px);
        if (src != bgr8) src.release();
        float[][] out = new float[3][n];
        for (int i = 0; i < n; i++) {
            float b = px[3 * i] & 0xFF, g = px[3 * i + 1] & 0xFF, r = px[3 * i + 2] & 0xFF;
            out[0][i] = 0.299f * r + 0.587f * g + 0.114f * b;
            out[1][i] = -0.168736f * r - 0.331264f * g + 0.5f * b + 128f;
            out[2][i] = 0.5f * r - 0.418688f * g - 0.081312f * b + 128f;
        }
        return out;
    }

    /** The luma features of low-resolution pixel (x, y) into f (LUMA_TAPS values). */
    void luma(int x, int y, float[] f) {
        float[] p = planes[0];
        float centre = p[y * width + x];
        int k = 0;
        for (int dy = -LUMA_RADIUS; dy <= LUMA_RADIUS; dy++) {
            int row = clamp(y + dy, height) * width;
            for (int dx = -LUMA_RADIUS; dx <= LUMA_RADIUS; dx++) {
                if (dx == 0 && dy == 0) continue;
                f[k++] = p[row + clamp(x + dx, width)] - centre;
            }
        }
    }

    /** The features of chroma plane c (0 = cb, 1 = cr) at low-resolution pixel (x, y) into f (CHROMA_TAPS values). */
    void chroma(int c, int x, int y, float[] f) {
        float[] p = planes[c + 1], l = planes[0];
        int at = y * width + x;
        float centre = p[at], lc = l[at], a = slope[c][at], wide = wideSlope[c][at];
        int k = 0;
        for (int dy = -CHROMA_RADIUS; dy <= CHROMA_RADIUS; dy++) {
            int row = clamp(y + dy, height) * width;
            for (int dx = -CHROMA_RADIUS; dx <= CHROMA_RADIUS; dx++) {
                if (dx == 0 && dy == 0) continue;
                int i = row + clamp(x + dx, width);
                f[k] = p[i] - centre;
                f[k + CHROMA_HALF] = a * (l[i] - lc);
                k++;
            }
        }
        k = 2 * CHROMA_HALF;
        for (float[] d : detail) {
            f[k++] = a * d[at];
            f[k++] = wide * d[at];
        }
        for (int r : RINGS) {
            for (int dy = -r; dy <= r; dy += r) {
                int row = clamp(y + dy, height) * width;
                for (int dx = -r; dx <= r; dx += r) {
                    if (dx == 0 && dy == 0) continue;
                    int i = row + clamp(x + dx, width);
                    f[k++] = p[i] - centre;
                    f[k++] = a * (l[i] - lc);
                }
            }
        }
    }

    static int clamp(int v, int n) {
        return v < 0 ? 0 : v >= n ? n - 1 : v;
    }

    /** Lanczos 2x, then one back-projection round (the input minus the result area-averaged down, cubic, added). */
    static float[] baseUpscale(float[] plane, int w, int h) {
        Mat low = new Mat(h, w, CvType.CV_32F), up = new Mat(), down = new Mat(), err = new Mat(), errUp = new Mat();
        low.put(0, 0, plane);
        Size big = new Size(w * 2, h * 2);
        Imgproc.resize(low, up, big, 0, 0, Imgproc.INTER_LANCZOS4);
        Imgproc.resize(up, down, low.size(), 0, 0, Imgproc.INTER_AREA);
        Core.subtract(low, down, err);
        Imgproc.resize(err, errUp, big, 0, 0, Imgproc.INTER_CUBIC);
        Core.add(up, errUp, up);
        float[] out = new float[4 * w * h];
        up.get(0, 0, out);
        for (Mat m : new Mat[]{low, up, down, err, errUp}) m.release();
        return out;
    }

    /** Gaussian blur (sigma in low-resolution pixels) of a plane. */
    private float[] blur(float[] v, double sigma) {
        Mat m = new Mat(height, width, CvType.CV_32F), o = new Mat();
        m.put(0, 0, v);
        Imgproc.GaussianBlur(m, o, new Size(0, 0), sigma, sigma, Core.BORDER_REPLICATE);
        float[] out = new float[v.length];
        o.get(0, 0, out);
        m.release();
        o.release();
        return out;
    }

    /** Luma bucket per pixel (angle, strength, coherence); fills strength and angle for the chroma buckets. */
    private int[] gradientBuckets(float[] strength, int[] angle) {
        float[] l = planes[0];
        int n = width * height;
        float[] gxx = new float[n], gxy = new float[n], gyy = new float[n];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                float gx = (l[y * width + clamp(x + 1, width)] - l[y * width + clamp(x - 1, width)]) * 0.5f;
                float gy = (l[clamp(y + 1, height) * width + x] - l[clamp(y - 1, height) * width + x]) * 0.5f;
                gxx[i] = gx * gx;
                gxy[i] = gx * gy;
                gyy[i] = gy * gy;
            }
        }
        gxx = blur(gxx, TENSOR_SIGMA);
        gxy = blur(gxy, TENSOR_SIGMA);
        gyy = blur(gyy, TENSOR_SIGMA);
        int[] bucket = new int[n];
        for (int i = 0; i < n; i++) {
            double a = gxx[i], b = gxy[i], c = gyy[i];
            double half = (a + c) / 2, root = Math.sqrt((a - c) * (a - c) / 4 + b * b);
            double l1 = Math.sqrt(Math.max(0, half + root)), l2 = Math.sqrt(Math.max(0, half - root));
            double theta = 0.5 * Math.atan2(2 * b, a - c);
            if (theta < 0) theta += Math.PI;
            int ang = Math.min(ANGLES - 1, (int) (theta / Math.PI * ANGLES));
            float s = (float) l1;
            double coherence = (l1 - l2) / (l1 + l2 + 1e-6);
            int st = bin(s, STRENGTH_EDGES), co = bin((float) coherence, COHERENCE_EDGES);
            strength[i] = st;
            angle[i] = ang;
            bucket[i] = (ang * STRENGTHS + st) * COHERENCES + co;
        }
        return bucket;
    }

    /** Least-squares slope of chroma on luma (Gaussian window sigma) and, when bucketOut is given, the chroma bucket. */
    private void slopes(float[] c, double sigma, float[] slopeOut, int[] bucketOut, float[] strength, int[] angle) {
        float[] l = planes[0];
        int n = width * height;
        float[] ll = new float[n], lc = new float[n], cc = new float[n];
        for (int i = 0; i < n; i++) {
            ll[i] = l[i] * l[i];
            lc[i] = l[i] * c[i];
            cc[i] = c[i] * c[i];
        }
        float[] ml = blur(l, sigma), mc = blur(c, sigma);
        ll = blur(ll, sigma);
        lc = blur(lc, sigma);
        cc = blur(cc, sigma);
        for (int i = 0; i < n; i++) {
            float varL = Math.max(0, ll[i] - ml[i] * ml[i]) + SLOPE_EPS_LUMA;
            float varC = Math.max(0, cc[i] - mc[i] * mc[i]) + SLOPE_EPS_CHROMA;
            float cov = lc[i] - ml[i] * mc[i];
            slopeOut[i] = Math.max(-MAX_SLOPE, Math.min(MAX_SLOPE, cov / varL));
            if (bucketOut == null) continue;
            float r2 = cov * cov / (varL * varC);
            int ang = angle[i] * CHROMA_ANGLES / ANGLES;
            bucketOut[i] = (ang * STRENGTHS + (int) strength[i]) * CORRELATIONS + bin(r2, CORRELATION_EDGES);
        }
    }

    private static int bin(float v, float[] edges) {
        int b = 0;
        while (b < edges.length && v >= edges[b]) b++;
        return b;
    }
}
