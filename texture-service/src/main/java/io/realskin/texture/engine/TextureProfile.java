package io.realskin.texture.engine;

import java.util.Map;

/**
 * Skin texture statistics of a reference photograph, at the face-normalised analysis scale. Statistics only:
 * nothing spatial, so no identity can travel through a profile. Saved as a small JSON document.
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
    public static final int VERSION = 1;

    public String toJson() {
        return "{\"version\":" + VERSION
                + ",\"fineOverContrast\":" + MiniJson.num(fineOverContrast)
                + ",\"midOverFine\":" + MiniJson.num(midOverFine)
                + ",\"noiseOverFine\":" + MiniJson.num(noiseOverFine)
                + ",\"skewness\":" + MiniJson.num(skewness)
                + ",\"faces\":" + faces
                + ",\"radialSpectrum\":" + MiniJson.array(radialSpectrum)
                + ",\"noiseVsLuminance\":" + MiniJson.array(noiseVsLuminance)
                + ",\"histogram\":" + MiniJson.array(histogram) + "}";
    }

    /** @throws IllegalArgumentException when the JSON is not a texture profile */
    public static TextureProfile fromJson(String json) {
        Map<String, Object> m = MiniJson.parseObject(json);
        Object v = m.get("version");
        if (!(v instanceof Double d) || d.intValue() != VERSION) {
            throw new IllegalArgumentException("not a texture profile (version " + v + ")");
        }
        return new TextureProfile(positive(m, "fineOverContrast"), positive(m, "midOverFine"), positive(m, "noiseOverFine"),
                arr(m, "radialSpectrum"), arr(m, "noiseVsLuminance"), arr(m, "histogram"),
                m.get("skewness") instanceof Double s ? s : 0.0,
                m.get("faces") instanceof Double f ? f.intValue() : 0);
    }

    private static double positive(Map<String, Object> m, String k) {
        if (!(m.get(k) instanceof Double d) || !(d > 0) || d.isInfinite()) {
            throw new IllegalArgumentException("texture profile field " + k + " must be a positive number");
        }
        return d;
    }

    private static double[] arr(Map<String, Object> m, String k) {
        return m.get(k) instanceof double[] a ? a : new double[0];
    }

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
        double skew = Math.max(0, Math.min(0.8, -skewness * 0.6 + 0.2));
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
        return new TextureRecipe(fine, pores, micro, skew, target, curve);
    }
}
