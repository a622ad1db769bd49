package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.List;

/**
 * Measures a {@link TextureProfile} on the skin of a reference photograph's faces (analysis scale):
 * noise against luminance, radially averaged power spectrum of the high-pass on skin patches, histogram.
 */
final class TextureProfiler {
    static final int PATCH = 32;
    static final int BINS = 16;
    static final int LUM_BINS = 8;
    /** Fine/contrast of a profile that measured no skin: the median of seven real photographs of shared/portraits. */
    static final double EMPTY_FINE_OVER_CONTRAST = 0.113;

    private TextureProfiler() {
    }

    /** Accumulates statistics over several faces. */
    static final class Accumulator {
        final double[] spectrum = new double[BINS];
        final double[] lumSum = new double[LUM_BINS];
        final double[] lumSq = new double[LUM_BINS];
        final long[] lumN = new long[LUM_BINS];
        final double[] hist = new double[16];
        double m1, m2, m3;
        long n;
        double fineOverContrast, midOverFine, noiseOverFine, weight;
        int faces;

        void add(FaceRegion r, Mat mask, SkinStatistics st) {
            // a palette's dither is no skin texture to copy (PaletteColours)
            if (!st.usable() || st.fineRms() <= 0 || r.paletteColours()) return;
            faces++;
            double w = st.skinPixels();
            weight += w;
            fineOverContrast += w * st.fineRms() / Math.max(1e-6, st.contrast());
            midOverFine += w * st.midRms() / st.fineRms();
            noiseOverFine += w * st.noiseSigma() / st.fineRms();
            Mat gray = r.smallGray();
            Mat b1 = new Mat(), b3 = new Mat(), fine = new Mat(), hp = new Mat();
            try {
                Imgproc.GaussianBlur(gray, b1, new Size(0, 0), SkinStatistics.FINE_SIGMA);
                Imgproc.GaussianBlur(gray, b3, new Size(0, 0), SkinStatistics.MID_SIGMA);
                Core.subtract(gray, b1, fine);
                Core.subtract(gray, b3, hp);
                int cols = gray.cols(), rows = gray.rows();
                float[] g = new float[cols * rows], fv = new float[cols * rows], mk = new float[cols * rows];
                gray.get(0, 0, g);
                fine.get(0, 0, fv);
                mask.get(0, 0, mk);
                double rms = st.fineRms();
                for (int i = 0; i < g.length; i++) {
                    if (mk[i] <= 0.5) continue;
                    int bin = Math.min(LUM_BINS - 1, (int) (g[i] / 256.0 * LUM_BINS));
                    lumSum[bin] += fv[i] * fv[i];
                    lumN[bin]++;
                    lumSq[bin] += g[i];
                    double z = fv[i] / rms;
                    int hb = (int) Math.floor((z + 4) / 8 * 16);
                    if (hb >= 0 && hb < 16) hist[hb]++;
                    m1 += z;
                    m2 += z * z;
                    m3 += z * z * z;
                    n++;
                }
                spectrum(hp, mask);
            } finally {
                b1.release();
                b3.release();
                fine.release();
                hp.release();
            }
        }

        private void spectrum(Mat hp, Mat mask) {
            Mat window = new Mat();
            Imgproc.createHanningWindow(window, new Size(PATCH, PATCH), CvType.CV_32F);
            Mat patch = new Mat(), spec = new Mat();
            try {
                int used = 0;
                for (int y = 0; y + PATCH <= hp.rows() && used < 96; y += PATCH / 2) {
                    for (int x = 0; x + PATCH <= hp.cols() && used < 96; x += PATCH / 2) {
                        Rect rc = new Rect(x, y, PATCH, PATCH);
                        Mat mk = mask.submat(rc);
                        double minVal = Core.minMaxLoc(mk).minVal;
                        mk.release();
                        if (minVal < 0.5) continue;
                        Mat src = hp.submat(rc);
                        Core.multiply(src, window, patch);
                        src.release();
                        Core.dft(patch, spec, Core.DFT_COMPLEX_OUTPUT);
                        float[] c = new float[PATCH * PATCH * 2];
                        spec.get(0, 0, c);
                        for (int v = 0; v < PATCH; v++) {
                            for (int u = 0; u < PATCH; u++) {
                                int fu = u <= PATCH / 2 ? u : u - PATCH, fv = v <= PATCH / 2 ? v : v - PATCH;
                                double f = Math.hypot(fu, fv) / PATCH; // cycles per pixel
                                int bin = (int) (f / 0.5 * BINS);
                                if (bin >= BINS || (fu == 0 && fv == 0)) continue;
                                int o = 2 * (v * PATCH + u);
                                spectrum[bin] += c[o] * c[o] + c[o + 1] * c[o + 1];
                            }
                        }
                        used++;
                    }
                }
            } finally {
                window.release();
                patch.release();
                spec.release();
            }
        }

        TextureProfile profile() {
            if (faces == 0 || weight == 0) {
                return new TextureProfile(EMPTY_FINE_OVER_CONTRAST, 1.3, 0.8, new double[0], new double[0], new double[0], 0, 0);
            }
            double total = 0;
            for (double s : spectrum) total += s;
            double[] spec = new double[BINS];
            for (int i = 0; i < BINS; i++) spec[i] = total > 0 ? spectrum[i] / total : 0;
            double[] lum = new double[LUM_BINS];
            for (int i = 0; i < LUM_BINS; i++) {
                lum[i] = lumN[i] >= 50 ? Math.sqrt(lumSum[i] / lumN[i]) / Math.max(8, lumSq[i] / lumN[i]) : Double.NaN;
            }
            fillGaps(lum);
            double hs = 0;
            for (double h : hist) hs += h;
            double[] hist16 = new double[16];
            for (int i = 0; i < 16; i++) hist16[i] = hs > 0 ? hist[i] / hs : 0;
            double mean = m1 / n, var = m2 / n - mean * mean;
            double skew = var > 0 ? (m3 / n - 3 * mean * var - mean * mean * mean) / Math.pow(var, 1.5) : 0;
            return new TextureProfile(fineOverContrast / weight, midOverFine / weight, noiseOverFine / weight, spec, lum,
                    hist16, skew, faces);
        }

        private static void fillGaps(double[] v) {
            boolean any = false;
            for (double x : v) any |= !Double.isNaN(x);
            if (!any) {
                java.util.Arrays.fill(v, 1.0);
                return;
            }
            for (int pass = 0; pass < v.length; pass++) {
                for (int i = 0; i < v.length; i++) {
                    if (!Double.isNaN(v[i])) continue;
                    if (i > 0 && !Double.isNaN(v[i - 1])) v[i] = v[i - 1];
                    else if (i + 1 < v.length && !Double.isNaN(v[i + 1])) v[i] = v[i + 1];
                }
            }
        }
    }

    /** Profile of the faces found in an image (all of them, weighted by skin area). */
    public static TextureProfile measure(Mat bgr8, List<FaceDetection> faces) {
        Accumulator acc = new Accumulator();
        for (FaceDetection f : faces) {
            try (FaceRegion r = FaceRegion.of(bgr8, f)) {
                Mat mask = SkinMaskBuilder.build(r);
                try {
                    acc.add(r, mask, SkinStatistics.measure(r.smallGray(), mask));
                } finally {
                    mask.release();
                }
            }
        }
        return acc.profile();
    }
}
