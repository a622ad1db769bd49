package io.realskin.texture.engine;

/**
 * How much fine-band texture a face's skin should carry (relative fine-band rms at the analysis scale), and the band
 * auto intensity aims for.
 */
final class TextureTarget {
    /** Auto intensity leaves a face alone whose fine-band energy is already at least this fraction of its target. */
    static final double BAND_LOW = 0.8;
    /** Auto intensity corrects once when the measured energy misses the target's by more than this fraction. */
    static final double AUTO_TOLERANCE = 0.1;

    private TextureTarget() {
    }

    /**
     * Target relative fine-band rms of this face: the recipe's fine/contrast ratio times the face's contrast, kept
     * between 0.6 % and 8 % of the skin's mean luminance.
     */
    static double relativeFine(MeasuredFace m, TextureRecipe recipe) {
        SkinStatistics s = m.stats();
        double target = Math.min(recipe.fineOverContrast() * s.contrast(), 0.08 * s.meanLuminance());
        return Math.max(target, 0.006 * s.meanLuminance()) / Math.max(1.0, s.meanLuminance());
    }
}
