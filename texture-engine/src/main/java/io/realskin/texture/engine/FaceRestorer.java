package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The restore of one face: where (skin mask x luminance curve x user mask, at full resolution), how much (the
 * target, the slider, the clamp, or the closed loop of {@code auto}), the synthesized field and its blend.
 * <p>
 * The amount is solved, not guessed: the analysis copy of the output is {@code x + k * G} (x the input's, G the
 * analysis copy of input luminance x field; the blend is linear), so its fine-band energy on the skin core is the
 * quadratic {@code E(k) = E0 + 2 b k + q k^2} and k follows from the energy wanted. The result is measured again;
 * an auto restore that missed the real-photo band corrects once.
 */
final class FaceRestorer {
    static final double OWN_TEXTURE_LOW = 1.6;
    static final double OWN_TEXTURE_HIGH = 2.4;

    private FaceRestorer() {
    }

    /** Where the face may change and what it should reach. Owns {@code weights}: close it. */
    record Plan(MeasuredFace face, Mat weights, double target) implements AutoCloseable {
        @Override
        public void close() {
            weights.release();
        }
    }

    /**
     * @param recipeTarget true in reference mode: the target is the reference's fine/contrast ratio times this face's
     *        contrast; otherwise the model's per-image target
     * @param userMask full-image 8-bit mask (255 = work here) or null
     */
    static Plan plan(MeasuredFace m, TextureRecipe recipe, boolean recipeTarget, TextureModel model, Mat userMask) {
        SkinStatistics s = m.stats();
        Rect roi = m.region().roi();
        double target = target(m, recipe, recipeTarget, model);
        Mat w = m.mask().clone();
        Mat wFull = new Mat();
        try {
            ownTexture(m.region(), target, w);
            if (recipe.luminanceCurve() != null) luminanceWeight(m.region().smallGray(), w, recipe, s.meanLuminance());
            upsampleWeights(w, roi, wFull);
        } finally {
            w.release();
        }
        if (userMask != null) {
            Mat um = userMask.submat(roi), umF = new Mat();
            um.convertTo(umF, wFull.type(), 1 / 255.0);
            Core.multiply(wFull, umF, wFull);
            um.release();
            umF.release();
        }
        return new Plan(m, wFull, target);
    }

    /**
     * Whatever already carries far more fine texture than real skin here should (stubble and beards, hair, glasses,
     * tattoo linework, heavy grain): it keeps its own texture. The weight falls from 1 where the local fine-band rms
     * is below {@value #OWN_TEXTURE_LOW} x the target to 0 above {@value #OWN_TEXTURE_HIGH} x. Relative to the
     * frame's target, not to the skin around it, so a restored face - near its target - keeps its weights.
     */
    static void ownTexture(FaceRegion r, double target, Mat w) {
        Mat fine = new Mat(), local = new Mat(), factor = new Mat();
        try {
            fineBand(r.smallGray(), fine);
            Core.multiply(fine, fine, fine);
            int k = (int) Math.max(3, Math.round(0.07 * r.smallEyeDistance())) | 1;
            Imgproc.boxFilter(fine, local, CvType.CV_32F, new Size(k, k));
            Core.sqrt(local, local);
            // factor = (HIGH * target - local) / ((HIGH - LOW) * target), clamped to 0..1
            Core.subtract(new Mat(local.size(), CvType.CV_32F, new org.opencv.core.Scalar(OWN_TEXTURE_HIGH * target)), local, factor);
            Core.multiply(factor, new org.opencv.core.Scalar(1.0 / ((OWN_TEXTURE_HIGH - OWN_TEXTURE_LOW) * target)), factor);
            Core.min(factor, new org.opencv.core.Scalar(1), factor);
            Core.max(factor, new org.opencv.core.Scalar(0), factor);
            // hair is patchy: a gap between strands is still beard, so the lowest weight around a pixel counts
            Imgproc.erode(factor, factor, Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(k, k)));
            Core.multiply(w, factor, w);
        } finally {
            fine.release();
            local.release();
            factor.release();
        }
    }

    /** The face's target fine-band rms (gray levels, analysis scale). */
    static double target(MeasuredFace m, TextureRecipe recipe, boolean recipeTarget, TextureModel model) {
        SkinStatistics s = m.stats();
        return recipeTarget ? recipeTarget(s, recipe) : TextureTarget.fineRms(s, m.evidence(), model.target());
    }

    /** The outcome of a face left alone. */
    static FaceOutcome unchanged(MeasuredFace m, double target) {
        double current = m.stats().fineRms();
        return outcome(m.region().face(), 0, target, current, current, Math.max(1.0, m.stats().meanLuminance()), false);
    }

    /** Reference mode: the reference's fine/contrast ratio times this face's contrast, within 0.6-8 % of luminance. */
    static double recipeTarget(SkinStatistics s, TextureRecipe recipe) {
        double target = Math.min(recipe.fineOverContrast() * s.contrast(), 0.08 * s.meanLuminance());
        return Math.max(target, 0.006 * s.meanLuminance());
    }

    /** The fine-band energy (gray levels squared) to add for a slider level: (level/50)^2 x the deficit. */
    static double addFor(double level, double target, double current) {
        double deficit = Math.max(0, target * target - current * current);
        return level / 50.0 * (level / 50.0) * deficit;
    }

    /**
     * Adds texture to one face's skin in {@code pixels} (in place, the input's depth and channels).
     *
     * @param bgr8 the 8-bit BGR view of the pixels (the same Mat for 8-bit BGR input)
     * @param intensity 0..100, ignored when {@code auto}
     * @param threads threads the synthesis and the blend may use (0: every core)
     */
    static FaceOutcome restore(Mat pixels, Mat bgr8, Plan plan, TextureRecipe recipe, int intensity, boolean auto, long seed,
                               int threads) {
        MeasuredFace m = plan.face();
        SkinStatistics s = m.stats();
        FaceRegion r = m.region();
        double target = plan.target();
        double current = s.fineRms();
        double lum = Math.max(1.0, s.meanLuminance());
        FaceDetection f = r.face();
        if (!s.usable() || Core.countNonZero(plan.weights()) == 0) {
            return outcome(f, 0, target, current, current, lum, false);
        }
        double add;
        if (auto) {
            add = current * current >= TextureTarget.BAND_LOW * target * target ? 0 : addFor(50, target, current);
        } else {
            add = addFor(intensity, target, current);
        }
        double maxAdd = Math.max(0, TextureTarget.CLAMP * target * target - current * current);
        boolean clamped = add > maxAdd;
        add = Math.min(add, maxAdd);
        if (add < 1e-6 * target * target) return outcome(f, 0, target, current, current, lum, clamped);

        Rect roi = r.roi();
        Mat field;
        try (SkinLayout layout = SkinLayout.of(r)) {
            LightDirection light = LightDirection.of(r, m.mask());
            field = TextureSynthesizer.synthesize(roi.width, roi.height, f.scaleWidth(), seed, recipe, layout, light,
                    m.evidence().edgeBlurPixels(), threads);
        }
        try {
            Core.multiply(field, plan.weights(), field);
            double k = gain(field, r.smallGray(), m.mask(), add);
            TextureApplier.apply(pixels, roi, field, k, threads);
            double after = measure(pixels, bgr8, roi, r, m.mask());
            double band = after * after / (target * target);
            if (auto && (band < TextureTarget.BAND_LOW || band > TextureTarget.BAND_HIGH)) {
                // closed loop: one correction from where the first pass landed, towards the target itself
                Mat smallAfter = analysisGray(pixels, bgr8, roi, r.smallGray().size());
                double delta = gain(field, smallAfter, m.mask(), target * target - after * after);
                smallAfter.release();
                if (delta != 0) {
                    TextureApplier.apply(pixels, roi, field, delta, threads);
                    after = measure(pixels, bgr8, roi, r, m.mask());
                }
            }
            double added = Math.max(0, after * after - current * current);
            double deficit = Math.max(0, target * target - current * current);
            double level = deficit > 0 ? Math.min(100, 50 * Math.sqrt(added / deficit)) : 0;
            return outcome(f, level, target, current, after, lum, clamped);
        } finally {
            field.release();
        }
    }

    private static FaceOutcome outcome(FaceDetection f, double level, double target, double before, double after, double lum,
                                       boolean clamped) {
        double l2 = lum * lum;
        return new FaceOutcome((int) Math.round(f.x()), (int) Math.round(f.y()), (int) Math.round(f.width()),
                (int) Math.round(f.height()), Math.round(level * 10) / 10.0, target * target / l2, before * before / l2,
                after * after / l2, clamped);
    }

    /**
     * The k for which the analysis copy's fine-band energy on the skin core changes by {@code change} (gray levels
     * squared; negative lowers it): the positive root of 2 b k + q k^2 = change when adding (pits stay dark), the
     * root nearest 0 when lowering. The analysis copy of luminance x field is taken as the analysis luminance x the
     * field's analysis copy (their product's own fine detail is second order; the result is measured afterwards).
     */
    static double gain(Mat field, Mat smallNow, Mat mask, double change) {
        Mat fieldSmall = new Mat(), g = new Mat(), fx = new Mat(), fg = new Mat(), core = new Mat(), t = new Mat();
        try {
            Size small = smallNow.size();
            Imgproc.resize(field, fieldSmall, small, 0, 0, small.width < field.cols() ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
            Core.multiply(smallNow, fieldSmall, g);
            fineBand(smallNow, fx);
            fineBand(g, fg);
            Imgproc.threshold(mask, core, 0.5, 255, Imgproc.THRESH_BINARY);
            core.convertTo(core, CvType.CV_8U);
            Core.multiply(fx, fg, t);
            double b = Core.mean(t, core).val[0];
            Core.multiply(fg, fg, t);
            double q = Core.mean(t, core).val[0];
            if (!(q > 1e-12)) return 0;
            double disc = b * b + q * change;
            if (disc < 0) return -b / q;
            double sq = Math.sqrt(disc);
            double k1 = (-b + sq) / q, k2 = (-b - sq) / q;
            if (change >= 0) return k1;
            return Math.abs(k1) <= Math.abs(k2) ? k1 : k2;
        } finally {
            for (Mat x : new Mat[] {fieldSmall, g, fx, fg, core, t}) x.release();
        }
    }

    /** Fine-band rms of the region's current pixels on the skin core, gray levels at the analysis scale. */
    static double measure(Mat pixels, Mat bgr8, Rect roi, FaceRegion r, Mat mask) {
        Mat small = analysisGray(pixels, bgr8, roi, r.smallGray().size());
        try {
            return SkinStatistics.measure(small, mask).fineRms();
        } finally {
            small.release();
        }
    }

    /** The analysis copy (CV_32F gray) of the region as the pixels are now, made as {@link FaceRegion} makes it. */
    static Mat analysisGray(Mat pixels, Mat bgr8, Rect roi, Size small) {
        Mat sub = roiBgr8(pixels, bgr8, roi);
        Mat resized = new Mat();
        try {
            return FaceRegion.analysisCopy(sub, small, resized);
        } finally {
            sub.release();
            resized.release();
        }
    }

    /** The region of the pixels as they are now, 8-bit BGR (a view for 8-bit BGR input, else a converted copy). */
    private static Mat roiBgr8(Mat pixels, Mat bgr8, Rect roi) {
        if (bgr8 == pixels) return bgr8.submat(roi);
        Mat sub = pixels.submat(roi);
        Mat out = DecodedImage.toBgr8(sub);
        if (out != sub) sub.release();
        return out;
    }

    private static void fineBand(Mat src, Mat dst) {
        Imgproc.GaussianBlur(src, dst, new Size(0, 0), SkinStatistics.FINE_SIGMA);
        Core.subtract(src, dst, dst);
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
