package io.realskin.texture.engine;

/**
 * How the synthesized texture is made: the weights of its bands, plus, for a reference
 * photograph, its fine-band amplitude relative to its face's contrast. {@link #DEFAULT} is real skin as measured on
 * the real photographs of shared/portraits, with the amplitude estimated per photo ({@link TextureTarget}); a
 * {@link TextureProfile} gives a reference photograph's values.
 *
 * @param fine weight of the fine grain band (sub-pore)
 * @param pores weight of the pore band
 * @param micro weight of the micro-shadow band (relief, fine lines)
 * @param fineOverContrast target fine-band rms divided by the face's contrast (std of its smoothed luminance), or 0:
 *                         estimated from the photo's own evidence
 * @param luminanceCurve relative texture amplitude in 8 luminance bins (0..255), or null for flat
 */
public record TextureRecipe(double fine, double pores, double micro, double fineOverContrast,
                            double[] luminanceCurve) {
    /**
     * The recipe without a reference. The luminance curve gives the texture the relation to the shading a
     * photograph's has (real photographs of shared/portraits: the local fine-band energy falls as the skin gets
     * brighter, correlation -0.31 at the median): relative amplitude ~ luminance^-1.5 (within 0.3-3x), as the tone
     * curve lifts the shadows' grain and relief shows most on the side turned from the light. Band weights: grain
     * carries most, so the pits stay shallow (docs/texture-engine.md, "Skin that reads as skin").
     */
    public static final TextureRecipe DEFAULT = new TextureRecipe(0.7, 0.55, 0.25, 0,
            new double[] {3.0, 3.0, 2.02, 1.22, 0.84, 0.62, 0.48, 0.39});

    /** Amplitude factor for a luminance 0..255 (1 when the curve is flat). */
    public double luminanceFactor(double lum) {
        if (luminanceCurve == null || luminanceCurve.length == 0) return 1.0;
        double pos = Math.max(0, Math.min(luminanceCurve.length - 1.0, lum / 256.0 * luminanceCurve.length - 0.5));
        int i = (int) Math.floor(pos);
        int j = Math.min(luminanceCurve.length - 1, i + 1);
        double t = pos - i;
        return luminanceCurve[i] * (1 - t) + luminanceCurve[j] * t;
    }
}
