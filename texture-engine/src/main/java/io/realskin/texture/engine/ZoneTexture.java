package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Candidates of the plastic score ({@link ScoreFeatures}, docs/texture-engine.md "What fools the score"): the skin's
 * texture on a zone fixed by the face's keypoints, the same on every framing that shows the face: from 1.1 eye
 * distances above the eyes' line down to 0.8 of the way to the mouth, one eye distance either side of the face's
 * centre line (forehead, cheeks, nose; eyes, brows and hair drop out with the skin mask's core, which it is
 * intersected with). A crop under the chin, which takes the jaw and neck out of the skin mask, leaves it inside the
 * frame. Measured at the analysis scale like {@link TextureSpread}; {@code unevenness} and {@code energyVsLuminance}
 * on the fine band relative to the local luminance (divided by the sigma-4 blurred luminance), which a gain and a
 * power-law tone curve (gamma) change only by a constant factor:
 *
 * @param fineOverContrast ln(fine-band rms / std of the sigma-3 blurred luminance) on the zone
 * @param unevenness       std over the zone of the log local relative fine-band energy (9x9 windows)
 * @param energyVsLuminance correlation over the zone of the log local relative fine-band energy with the log
 *                          sigma-4 blurred luminance
 * @param fineLag          correlation of the fine band with itself one pixel across and down (mean of the two) on
 *                         the zone: added white grain pulls it towards that of filtered white noise; skin's
 *                         pores and relief, which span more than a pixel, hold it above
 * @param grainShare     the share of the fine band's energy that white grain of the zone's noise level would give:
 *                       the noise level from the diagonal Haar detail (a 2x2 checkerboard), which white grain
 *                       fills as much as the fine band but smooth relief and pores spanning 2 pixels or more hardly
 *                       at all (robust: its median); 1 for grain alone, 0 for structure alone
 * @param structureOverContrast ln(rms of the fine band less that grain / the contrast): {@code fineOverContrast}
 *                       with the white grain taken out
 * @param structureUnevenness {@code unevenness} of the local fine-band energy less that grain's
 * @param absoluteEnergyVsLuminance {@code energyVsLuminance} of the local fine-band energy itself (not relative to
 *                       the luminance), as {@link TextureSpread} measures it on the whole mask core
 * @param midUnevenness  {@code unevenness} of the middle band (sigma-1 blur minus sigma-3 blur), which white grain
 *                       reaches about twenty times more weakly than the fine band (in energy)
 * @param midEnergyVsLuminance {@code absoluteEnergyVsLuminance} of the middle band
 * @param pixels           pixels measured (the mask core's when the zone holds fewer than {@value #MIN_PIXELS})
 */
public record ZoneTexture(double fineOverContrast, double unevenness, double energyVsLuminance, double fineLag,
                          double grainShare, double structureOverContrast, double structureUnevenness,
                          double absoluteEnergyVsLuminance, double midUnevenness, double midEnergyVsLuminance,
                          int pixels) {
    /** Zone half-width across the face, eye distances. */
    static final double HALF_ACROSS = 1.0;
    /** Zone top above the eyes' line, eye distances. */
    static final double TOP = 1.1;
    /** Zone bottom, as a share of the eyes' line to mouth depth. */
    static final double BOTTOM = 0.8;
    /** Fewest zone skin pixels measured; with fewer (a face turned away, a mask that missed it) the whole core is. */
    static final int MIN_PIXELS = 200;
    /** Least local structure energy (gray levels squared) a log is taken of: a fine-band rms of 0.1. */
    static final double STRUCTURE_FLOOR = 0.01;

    /** The zone as a CV_8U mask (255 inside) at the region's analysis scale. */
    static Mat zone(FaceRegion r) {
        Mat gray = r.smallGray();
        Mat z = Mat.zeros(gray.rows(), gray.cols(), CvType.CV_8U);
        SkinMaskBuilder.FaceGeometry g = SkinMaskBuilder.FaceGeometry.of(r);
        double d = r.smallEyeDistance(), down = -BOTTOM * g.mouthDepth();
        MatOfPoint poly = new MatOfPoint(g.at(-HALF_ACROSS * d, TOP * d), g.at(HALF_ACROSS * d, TOP * d),
                g.at(HALF_ACROSS * d, down), g.at(-HALF_ACROSS * d, down));
        Imgproc.fillConvexPoly(z, poly, new Scalar(255));
        poly.release();
        return z;
    }

    /** Fine-band variance of unit white noise: 1 - 2 w0 + sum w^2 for the sigma-1 Gaussian's 2D weights w. */
    static double fineGain() {
        Mat k = Imgproc.getGaussianKernel(9, SkinStatistics.FINE_SIGMA, CvType.CV_64F);
        double[] w = new double[9];
        k.get(0, 0, w);
        k.release();
        double sq = 0;
        for (double v : w) sq += v * v;
        return 1 - 2 * w[4] * w[4] + sq * sq;
    }

    static ZoneTexture measure(FaceRegion r, Mat skinWeight) {
        Mat gray = r.smallGray();
        Mat core = new Mat(), zone = zone(r), b1 = new Mat(), b3 = new Mat(), fine = new Mat(), local = new Mat(),
                shading = new Mat(), rawLocal = new Mat(), midLocal = new Mat();
        try {
            Imgproc.threshold(skinWeight, core, 0.5, 255, Imgproc.THRESH_BINARY);
            core.convertTo(core, CvType.CV_8U);
            Core.bitwise_and(core, zone, zone);
            if (Core.countNonZero(zone) >= MIN_PIXELS) zone.copyTo(core);
            Imgproc.GaussianBlur(gray, b1, new Size(0, 0), SkinStatistics.FINE_SIGMA);
            Imgproc.GaussianBlur(gray, b3, new Size(0, 0), SkinStatistics.MID_SIGMA);
            Core.subtract(gray, b1, fine);
            Imgproc.GaussianBlur(gray, shading, new Size(0, 0), TextureSpread.SHADING_SIGMA);
            Core.max(shading, new Scalar(1), shading);
            Core.divide(fine, shading, local);
            Core.multiply(local, local, local);
            Imgproc.boxFilter(local, local, -1, new Size(TextureSpread.WINDOW, TextureSpread.WINDOW));
            Core.subtract(b1, b3, midLocal);
            Core.multiply(midLocal, midLocal, midLocal);
            Imgproc.boxFilter(midLocal, midLocal, -1, new Size(TextureSpread.WINDOW, TextureSpread.WINDOW));
            Core.multiply(fine, fine, rawLocal);
            Imgproc.boxFilter(rawLocal, rawLocal, -1, new Size(TextureSpread.WINDOW, TextureSpread.WINDOW));
            float[] lv = MatArrays.floats(local), sv = MatArrays.floats(shading), fv = MatArrays.floats(fine),
                    b3v = MatArrays.floats(b3);
            byte[] cv = MatArrays.bytes(core);
            int w = gray.cols();
            PairedMoments relative = new PairedMoments();
            double f2 = 0, fl = 0, c1 = 0, c2 = 0;
            int nl = 0;
            for (int i = 0; i < lv.length; i++) {
                if (cv[i] == 0) continue;
                relative.add(Math.log(Math.max(1e-10, lv[i])), Math.log(sv[i]));
                f2 += fv[i] * fv[i];
                c1 += b3v[i];
                c2 += b3v[i] * b3v[i];
                int x = i % w;
                if (x + 1 < w && cv[i + 1] != 0) {
                    fl += fv[i] * fv[i + 1];
                    nl++;
                }
                if (i + w < lv.length && cv[i + w] != 0) {
                    fl += fv[i] * fv[i + w];
                    nl++;
                }
            }
            int n = relative.count();
            if (n < 2) return new ZoneTexture(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            float[] gv = MatArrays.floats(gray);
            float[] hh = new float[n];
            int nh = 0;
            for (int i = 0; i + w + 1 < gv.length; i++) {
                if (cv[i] == 0 || cv[i + 1] == 0 || cv[i + w] == 0 || cv[i + w + 1] == 0 || i % w + 1 >= w) continue;
                hh[nh++] = Math.abs(gv[i] - gv[i + 1] - gv[i + w] + gv[i + w + 1]) / 2;
            }
            // median |N(0, s)| = 0.6745 s; the white grain's fine-band variance is fineGain() s^2
            double noise = nh == 0 ? 0 : Selection.median(hh, 0, nh) / 0.6745;
            double grainVar = fineGain() * noise * noise;
            double fineRms = Math.sqrt(f2 / n);
            double contrast = Math.sqrt(Math.max(0, c2 / n - (c1 / n) * (c1 / n)));
            double lag = nl == 0 || f2 <= 1e-12 ? 0 : (fl / nl) / (f2 / n);
            double fineVar = f2 / n;
            double share = fineVar <= 1e-12 ? 1 : Math.min(1, grainVar / fineVar);
            double structure = Math.sqrt(Math.max(1e-4, fineVar - grainVar));
            float[] raw = MatArrays.floats(rawLocal);
            float[] mv = MatArrays.floats(midLocal);
            PairedMoments absolute = new PairedMoments(), middle = new PairedMoments(), structureAndShading = new PairedMoments();
            for (int i = 0; i < raw.length; i++) {
                if (cv[i] == 0) continue;
                double ls = Math.log(sv[i]);
                absolute.add(Math.log(Math.max(1e-4, raw[i])), ls);
                middle.add(Math.log(Math.max(1e-4, mv[i])), ls);
                structureAndShading.add(Math.log(Math.max(STRUCTURE_FLOOR, raw[i] - grainVar) / ((double) sv[i] * sv[i])), ls);
            }
            return new ZoneTexture(Math.log(Math.max(1e-3, fineRms) / Math.max(1.0, contrast)), relative.stdX(),
                    relative.correlation(), lag, share, Math.log(structure / Math.max(1.0, contrast)),
                    structureAndShading.stdX(), absolute.correlation(), middle.stdX(), middle.correlation(), n);
        } finally {
            core.release();
            zone.release();
            b1.release();
            b3.release();
            fine.release();
            local.release();
            shading.release();
            rawLocal.release();
            midLocal.release();
        }
    }
}
