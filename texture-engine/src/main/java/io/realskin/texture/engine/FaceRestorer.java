package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The restore of one face: how much fine-band texture to add (the amplitude), where (skin mask x luminance curve
 * x user mask, at full resolution), the synthesized field and its blend into the pixels.
 */
final class FaceRestorer {
    private FaceRestorer() {
    }

    /**
     * Target fine-band rms of this face: the recipe's fine/contrast ratio (real skin) times the face's contrast,
     * kept between 0.6 % and 8 % of the skin's mean luminance.
     */
    static double targetFineRms(SkinStatistics s, TextureRecipe recipe) {
        double target = Math.min(recipe.fineOverContrast() * s.contrast(), 0.08 * s.meanLuminance());
        return Math.max(target, 0.006 * s.meanLuminance());
    }

    /**
     * The rms to add so the fine band reaches the target (independent bands add in quadrature), at least a quarter
     * of the target so an already textured face still gets the recipe's character.
     */
    static double deficit(double target, double currentFineRms) {
        return Math.sqrt(Math.max(target * target - currentFineRms * currentFineRms, 0.0625 * target * target));
    }

    /**
     * Adds texture to one face's skin in {@code pixels} (in place, the input's depth and channels).
     *
     * @param userMask full-image 8-bit mask (255 = work here) or null
     * @param threads threads the synthesis and the blend may use (0: every core)
     * @return the number of pixels changed
     */
    static long restore(Mat pixels, MeasuredFace m, TextureRecipe recipe, int intensity, long seed, Mat userMask, int threads) {
        SkinStatistics s = m.stats();
        if (!s.usable()) return 0;
        FaceRegion r = m.region();
        Rect roi = r.roi();
        double addRelative = intensity / 50.0 * deficit(targetFineRms(s, recipe), s.fineRms()) / Math.max(1.0, s.meanLuminance());

        Mat wSmall = m.mask().clone();
        Mat wFull = new Mat();
        Mat field = null;
        Mat fieldSmall = new Mat();
        try {
            if (recipe.luminanceCurve() != null) luminanceWeight(r.smallGray(), wSmall, recipe, s.meanLuminance());
            upsampleWeights(wSmall, roi, wFull);
            if (userMask != null) {
                Mat um = userMask.submat(roi);
                Mat umF = new Mat();
                um.convertTo(umF, wFull.type(), 1 / 255.0);
                Core.multiply(wFull, umF, wFull);
                um.release();
                umF.release();
            }
            int n = Core.countNonZero(wFull);
            if (n == 0) return 0;
            field = TextureSynthesizer.synthesize(roi.width, roi.height, r.face().scaleWidth(), seed, recipe, threads);
            Core.multiply(field, wFull, field);
            wFull.release();
            Imgproc.resize(field, fieldSmall, r.smallGray().size(), 0, 0, Imgproc.INTER_AREA);
            double rms = SkinStatistics.fineRmsOf(fieldSmall, m.mask());
            if (!(rms > 1e-6)) rms = 0.5;
            TextureApplier.apply(pixels, roi, field, addRelative / rms, threads);
            return n;
        } finally {
            wSmall.release();
            wFull.release();
            fieldSmall.release();
            if (field != null) field.release();
        }
    }

    /** The feathered skin mask at full resolution: zero (exactly) where the engine leaves pixels alone. */
    static void upsampleWeights(Mat wSmall, Rect roi, Mat wFull) {
        Imgproc.resize(wSmall, wFull, new Size(roi.width, roi.height), 0, 0, Imgproc.INTER_LINEAR);
        Imgproc.threshold(wFull, wFull, 1.0 / 512, 0, Imgproc.THRESH_TOZERO);
    }

    /** Scales the weights by the recipe's luminance curve, relative to its value at the skin's mean luminance. */
    private static void luminanceWeight(Mat gray, Mat w, TextureRecipe recipe, double meanL) {
        Mat smooth = new Mat();
        Mat lut = new Mat(1, 256, CvType.CV_32F);
        Mat g8 = new Mat(), factor = new Mat();
        try {
            Imgproc.GaussianBlur(gray, smooth, new Size(0, 0), 4);
            smooth.convertTo(g8, CvType.CV_8U);
            double ref = recipe.luminanceFactor(meanL);
            float[] v = new float[256];
            for (int i = 0; i < 256; i++) v[i] = (float) (recipe.luminanceFactor(i) / Math.max(1e-6, ref));
            lut.put(0, 0, v);
            Core.LUT(g8, lut, factor);
            Core.multiply(w, factor, w);
        } finally {
            smooth.release();
            lut.release();
            g8.release();
            factor.release();
        }
    }
}
