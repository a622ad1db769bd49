package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;


/**
 * Texture statistics of the skin of one face, measured at the face-normalised analysis scale
 * (face {@value FaceRegion#ANALYSIS_FACE_WIDTH} px wide) on the core of the skin mask (weight > 0.5).
 *
 * @param meanLuminance mean gray level 0..255 of the skin
 * @param contrast std of the smoothed (sigma 3) skin luminance: the face's shading and shape
 * @param fineRms rms of the fine band (luminance minus its sigma-1 blur): pores, grain
 * @param midRms rms of the middle band (sigma-1 blur minus sigma-3 blur): micro-relief, fine lines
 * @param noiseSigma robust (median absolute deviation) sigma of the fine band: grain and sensor noise
 * @param skinPixels number of core skin pixels at the analysis scale
 */
public record SkinStatistics(double meanLuminance, double contrast, double fineRms, double midRms, double noiseSigma,
                             int skinPixels) {
    static final double FINE_SIGMA = 1.0;
    static final double MID_SIGMA = 3.0;

    /** Relative fine-band amplitude: the quantity the restore drives to its target. */
    public double relativeFine() {
        return fineRms / Math.max(1.0, meanLuminance);
    }

    /** Fine-band energy (mean square) relative to the squared mean luminance. */
    public double fineEnergy() {
        double r = relativeFine();
        return r * r;
    }

    public boolean usable() {
        return skinPixels >= 200;
    }

    /** @param gray CV_32F 0..255, @param weight CV_32F 0..1 of the same size */
    public static SkinStatistics measure(Mat gray, Mat weight) {
        Mat core = new Mat(), b1 = new Mat(), b3 = new Mat(), fine = new Mat(), mid = new Mat(), sq = new Mat();
        try {
            Imgproc.threshold(weight, core, 0.5, 255, Imgproc.THRESH_BINARY);
            core.convertTo(core, CvType.CV_8U);
            int n = Core.countNonZero(core);
            if (n == 0) return new SkinStatistics(0, 0, 0, 0, 0, 0);
            Imgproc.GaussianBlur(gray, b1, new Size(0, 0), FINE_SIGMA);
            Imgproc.GaussianBlur(gray, b3, new Size(0, 0), MID_SIGMA);
            Core.subtract(gray, b1, fine);
            Core.subtract(b1, b3, mid);
            double meanL = Core.mean(gray, core).val[0];
            Core.multiply(fine, fine, sq);
            double fineRms = Math.sqrt(Core.mean(sq, core).val[0]);
            Core.multiply(mid, mid, sq);
            double midRms = Math.sqrt(Core.mean(sq, core).val[0]);
            org.opencv.core.MatOfDouble m = new org.opencv.core.MatOfDouble(), s = new org.opencv.core.MatOfDouble();
            Core.meanStdDev(b3, m, s, core);
            double contrast = s.get(0, 0)[0];
            m.release();
            s.release();
            double noise = 1.4826 * medianAbs(fine, core, n);
            return new SkinStatistics(meanL, contrast, fineRms, midRms, noise, n);
        } finally {
            core.release();
            b1.release();
            b3.release();
            fine.release();
            mid.release();
            sq.release();
        }
    }

    static double medianAbs(Mat values, Mat mask8, int n) {
        float[] all = new float[(int) values.total()];
        byte[] mk = new byte[(int) mask8.total()];
        Mat cont = values.isContinuous() ? values : values.clone();
        cont.get(0, 0, all);
        mask8.get(0, 0, mk);
        if (cont != values) cont.release();
        float[] sel = new float[n];
        int j = 0;
        for (int i = 0; i < all.length && j < n; i++) if (mk[i] != 0) sel[j++] = Math.abs(all[i]);
        return Selection.median(sel, 0, j);
    }

    /** Fine-band rms (absolute, same units as the field) of a zero-mean field on the mask core. */
    static double fineRmsOf(Mat field, Mat weight) {
        Mat core = new Mat(), b1 = new Mat(), sq = new Mat();
        try {
            Imgproc.threshold(weight, core, 0.5, 255, Imgproc.THRESH_BINARY);
            core.convertTo(core, CvType.CV_8U);
            if (Core.countNonZero(core) == 0) return 0;
            Imgproc.GaussianBlur(field, b1, new Size(0, 0), FINE_SIGMA);
            Core.subtract(field, b1, b1);
            Core.multiply(b1, b1, sq);
            return Math.sqrt(Core.mean(sq, core).val[0]);
        } finally {
            core.release();
            b1.release();
            sq.release();
        }
    }

    static Scalar s(double v) {
        return new Scalar(v);
    }
}
