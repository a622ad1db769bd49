package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The restore of one face: where texture goes (skin mask x luminance curve x user mask, at full resolution), the
 * synthesized field, and how much of it to blend in for a level: intensity 50 brings the skin's fine band to its
 * target, 100 adds twice that deficit, never past {@link #CEILING} times the target energy.
 */
final class FaceRestorer implements AutoCloseable {
    /** The most fine-band energy a face may end with, as a multiple of its target's (intensity 100 included). */
    static final double CEILING = 2.0;

    private final Rect roi;
    /** The whole face's field: what a restore without a user mask blends in. */
    private final Mat field;
    /** The field times the user's mask, or null without one. */
    private final Mat maskedField;
    /** Relative fine-band rms (at the analysis scale) the whole face's field adds per unit of blend gain. */
    private final double rmsPerGain;
    private final long pixels;
    /** The weights the dither is smoothed with, for a face of palette colours (user mask applied; whole face); else null. */
    private final Mat ditherWeights;
    private final Mat wholeDitherWeights;

    private FaceRestorer(Rect roi, Mat field, Mat maskedField, double rmsPerGain, long pixels, Mat ditherWeights,
                         Mat wholeDitherWeights) {
        this.roi = roi;
        this.field = field;
        this.maskedField = maskedField;
        this.rmsPerGain = rmsPerGain;
        this.pixels = pixels;
        this.ditherWeights = ditherWeights;
        this.wholeDitherWeights = wholeDitherWeights;
    }

    /**
     * The rms to add so the fine band reaches the target (independent bands add in quadrature), at least a quarter
     * of the target so an already textured face still gets the recipe's character.
     */
    static double deficit(double target, double current) {
        return Math.sqrt(Math.max(target * target - current * current, 0.0625 * target * target));
    }

    /** Relative rms a level adds: level/50 of the deficit, capped so the face ends at most at the ceiling. */
    static double addFor(int level, double target, double current) {
        double add = level / 50.0 * deficit(target, current);
        double room = Math.sqrt(Math.max(0, CEILING * target * target - current * current));
        return Math.min(add, room);
    }

    /** The level (0..100) that adds {@code add}. */
    static int levelFor(double add, double target, double current) {
        return (int) Math.max(0, Math.min(100, Math.round(50 * add / deficit(target, current))));
    }

    /**
     * Synthesizes the field for one face, or returns null when nothing would change (too little skin, or the user's
     * mask excludes this face). The field follows the face's zones (none on the lips and lids) and its light, and is
     * softened to the frame.
     *
     * @param userMask full-image 8-bit mask (255 = work here) or null
     * @param frameBlur the blur that matches the texture to the frame ({@link FrameSoftness#extraBlur}), image pixels
     * @param threads threads the synthesis may use (0: every core)
     */
    static FaceRestorer prepare(MeasuredFace m, TextureRecipe recipe, long seed, Mat userMask, double frameBlur, int threads) {
        SkinStatistics s = m.stats();
        if (!s.usable()) return null;
        FaceRegion r = m.region();
        Rect roi = r.roi();
        Mat wSmall = m.mask().clone();
        Mat wFull = new Mat();
        Mat um = null, wMasked = null;
        Mat fieldSmall = new Mat();
        Mat field = null, maskedField = null;
        Mat ditherWeights = null, wholeDitherWeights = null;
        SkinZones zones = SkinZones.of(r);
        try {
            Core.multiply(wSmall, zones.amplitude, wSmall);
            if (recipe.luminanceCurve() != null) luminanceWeight(r.smallGray(), wSmall, recipe, s.meanLuminance());
            TextureSynthesizer.modulate(wSmall, roi.width, roi.height, r.face().scaleWidth(), seed, r.scale());
            upsampleWeights(wSmall, roi, wFull);
            // the user's mask chooses where the field goes, never how strong it is: the gain is the whole face's
            if (userMask != null) {
                um = userWeights(userMask, roi);
                wMasked = new Mat();
                Core.multiply(wFull, um, wMasked);
            }
            Mat where = wMasked != null ? wMasked : wFull;
            int n = Core.countNonZero(where);
            if (n == 0) return null;
            if (r.paletteColours()) {
                ditherWeights = ditherWeights(m.mask(), roi, where);
                if (wMasked != null) wholeDitherWeights = ditherWeights(m.mask(), roi, wFull);
            }
            LightDirection light = LightDirection.of(r.smallGray(), m.mask(), r.face().scaleWidth() * r.scale());
            SynthesisGuide guide = new SynthesisGuide(zones, light, frameBlur);
            field = TextureSynthesizer.synthesize(roi.width, roi.height, r.face().scaleWidth(), seed, recipe, guide, threads);
            Core.multiply(field, wFull, field);
            if (wMasked != null) {
                // the mask's values as the weights took them: exactly the whole face's field where it is white
                maskedField = new Mat();
                Core.multiply(field, um, maskedField);
            }
            // the field measured as the face's pixels are, so the predicted rms is the one the blend will show
            AnalysisResample.resize(field, fieldSmall, r.smallGray().size());
            // the blend multiplies: what it adds relative to the skin's mean is the field times luminance / mean
            Core.multiply(fieldSmall, r.smallGray(), fieldSmall, 1 / Math.max(1.0, s.meanLuminance()));
            double rms = SkinStatistics.fineRmsOf(fieldSmall, m.mask());
            if (!(rms > 1e-6)) rms = 0.5;
            FaceRestorer prepared = new FaceRestorer(roi, field, maskedField, rms, n, ditherWeights, wholeDitherWeights);
            field = maskedField = ditherWeights = wholeDitherWeights = null;
            return prepared;
        } finally {
            zones.close();
            wSmall.release();
            wFull.release();
            fieldSmall.release();
            for (Mat left : new Mat[] {um, wMasked, field, maskedField, ditherWeights, wholeDitherWeights}) {
                if (left != null) left.release();
            }
        }
    }

    /** The user's mask over the face's region as 0..1 weights (CV_32F): 255 is exactly 1. */
    private static Mat userWeights(Mat userMask, Rect roi) {
        Mat um = userMask.submat(roi);
        Mat w = new Mat();
        um.convertTo(w, CvType.CV_32F, 1 / 255.0);
        um.release();
        return w;
    }

    Rect roi() {
        return roi;
    }

    /** Pixels the field may change (its support: skin mask x user mask). */
    long pixels() {
        return pixels;
    }

    /** Whether a user's mask leaves part of the face's field out. */
    boolean masked() {
        return maskedField != null;
    }

    /**
     * Smooths a palette's dither out of the skin ({@link DitherSmoother}), in place, where the field will go (the whole
     * face's skin when {@code wholeFace}, the user's mask left out); for a face whose region has palette colours
     * ({@link FaceRegion#paletteColours()}), the only ones prepared with its weights.
     */
    void smoothDither(Mat pixels, boolean wholeFace) {
        DitherSmoother.apply(pixels, roi, wholeFace && masked() ? wholeDitherWeights : ditherWeights);
    }

    /**
     * Blends the field into {@code pixels} (in place, the input's depth and channels) to add {@code add} relative rms
     * to the whole face's skin: only inside the user's mask unless {@code wholeFace} (the level is measured so).
     */
    void apply(Mat pixels, double add, boolean wholeFace, int threads) {
        TextureApplier.apply(pixels, roi, wholeFace || !masked() ? field : maskedField, add / rmsPerGain, threads);
    }

    @Override
    public void close() {
        field.release();
        for (Mat m : new Mat[] {maskedField, ditherWeights, wholeDitherWeights}) if (m != null) m.release();
    }

    /**
     * The dither's weights: the feathered skin mask alone (the zones, light and modulation shape the texture, not where
     * the skin is), zero wherever the field is, so the smoothing moves no pixel the texture may not touch.
     */
    private static Mat ditherWeights(Mat skinMask, Rect roi, Mat fieldWeights) {
        Mat w = new Mat(), off = new Mat();
        upsampleWeights(skinMask, roi, w);
        Imgproc.threshold(w, w, 1.0, 1.0, Imgproc.THRESH_TRUNC);
        Core.compare(fieldWeights, new Scalar(0), off, Core.CMP_LE);
        w.setTo(new Scalar(0), off);
        off.release();
        return w;
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
