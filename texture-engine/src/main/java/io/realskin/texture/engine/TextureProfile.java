package io.realskin.texture.engine;

/**
 * Skin texture statistics of a reference photograph, at the face-normalised analysis scale. Statistics only:
 * nothing spatial, so no identity can travel through a profile. Saved as a small JSON document by the edges
 * ({@code io.realskin.texture.json.TextureJson}).
 *
 * @param fineOverContrast fine-band rms / face contrast (the amplitude target)
 * @param midOverFine middle-band rms / fine-band rms
 * @param noiseOverFine robust noise sigma / fine-band rms
 * @param radialSpectrum radially averaged power spectrum of the high-pass on 32x32 skin patches (16 bins,
 *        0 .. 0.5 cycles/px, normalised to sum 1)
 * @param noiseVsLuminance fine-band rms relative to luminance, in 8 luminance bins (NaN-free; empty bins
 *        take their neighbours' value)
 * @param histogram histogram of the fine band in units of its rms, 16 bins over -4..4, sum 1
 * @param skewness third standardised moment of the fine band (pores make it negative)
 */
public record TextureProfile(double fineOverContrast, double midOverFine, double noiseOverFine,
                             double[] radialSpectrum, double[] noiseVsLuminance, double[] histogram, double skewness,
                             int faces) {
    /** The synthesis recipe that reproduces these statistics. */
    public TextureRecipe recipe() {
        TextureRecipe def = TextureRecipe.DEFAULT;
        double fine = def.fine(), pores = def.pores(), micro = def.micro();
        if (radialSpectrum.length == 16) {
            // bins: 0..0.5 cycles/px in 16 steps. micro-shadows < 0.12, pores 0.12..0.28, fine > 0.28
            double eMicro = 0, ePore = 0, eFine = 0;
            for (int i = 0; i < 16; i++) {
                double f = (i + 0.5) / 32.0;
                if (f < 0.12) eMicro += radialSpectrum[i];
                else if (f < 0.28) ePore += radialSpectrum[i];
                else eFine += radialSpectrum[i];
            }
            double total = eMicro + ePore + eFine;
            if (total > 0) {
                micro = Math.sqrt(eMicro / total);
                pores = Math.sqrt(ePore / total);
                fine = Math.sqrt(eFine / total);
            }
        }
        double[] curve = null;
        if (noiseVsLuminance.length > 0) {
            double mean = 0;
            for (double x : noiseVsLuminance) mean += x;
            mean /= noiseVsLuminance.length;
            if (mean > 0) {
                curve = new double[noiseVsLuminance.length];
                for (int i = 0; i < curve.length; i++) curve[i] = Math.max(0.3, Math.min(2.5, noiseVsLuminance[i] / mean));
            }
        }
        double target = Math.max(0.02, Math.min(0.5, fineOverContrast));
        return new TextureRecipe(fine, pores, micro, target, curve);
    }
}
