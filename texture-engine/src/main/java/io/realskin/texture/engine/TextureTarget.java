package io.realskin.texture.engine;

/**
 * How much fine-band texture a face's skin should carry (relative fine-band rms at the analysis scale) and the band
 * auto intensity aims for. With a reference photograph the target is its fine/contrast ratio times this face's
 * contrast; otherwise it is estimated from evidence in the same frame that skin smoothing leaves alone
 * ({@link TargetModel}, {@link FrameEvidence}). Either way it stays between 0.6 % and 8 % of the skin's luminance.
 */
final class TextureTarget {
    /** Auto intensity leaves a face alone whose fine-band energy is already at least this fraction of its target. */
    static final double BAND_LOW = 0.8;
    /** Auto intensity corrects once when the measured energy misses the target's by more than this fraction. */
    static final double AUTO_TOLERANCE = 0.1;
    static final double MIN = 0.006;
    static final double MAX = 0.08;

    private TextureTarget() {
    }

    /** @param frame the frame the evidence is read from; only {@link FrameEvidence#reach} around the face */
    static double relativeFine(FrameEvidence.Frame frame, MeasuredFace m, TextureRecipe recipe, TargetModel model) {
        SkinStatistics s = m.stats();
        double target;
        if (recipe.fineOverContrast() > 0) {
            target = recipe.fineOverContrast() * s.contrast() / Math.max(1.0, s.meanLuminance());
        } else {
            FrameEvidence e = FrameEvidence.measure(frame, m.region(), s.meanLuminance());
            target = model.relativeFine(TargetModel.features(s, e, m.region().face().scaleWidth()));
        }
        return Math.max(MIN, Math.min(MAX, target));
    }

}
