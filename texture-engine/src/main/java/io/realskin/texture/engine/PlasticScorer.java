package io.realskin.texture.engine;

import java.util.List;

/**
 * Plastic-skin score of one face: 0 = photographic, 1 = waxy. A logistic model over three measured skin
 * statistics (see {@link SkinStatistics}):
 * <ul>
 * <li>x1 = ln(fine-band rms / face contrast): high-frequency energy relative to the face's contrast;</li>
 * <li>x2 = ln(fine-band rms / middle-band rms): the spectral slope (smoothing removes fine before mid);</li>
 * <li>x3 = ln(robust noise sigma / mean luminance): the noise level (real sensors leave grain).</li>
 * </ul>
 * Coefficients were fitted by logistic regression on shared/portraits (real photographs against their
 * edge-preserving-smoothed versions and the AI portraits, ridge 1.0): {@code bench/texture/quality --calibrate}
 * prints the fit again.
 */
public final class PlasticScorer {
    static final double B0 = -11.74;
    static final double B_CONTRAST = -1.49;
    static final double B_SLOPE = -0.58;
    static final double B_NOISE = -1.65;

    private PlasticScorer() {
    }

    public static double[] features(SkinStatistics s) {
        double eps = 1e-4;
        return new double[] {
            Math.log(Math.max(eps, s.fineRms()) / Math.max(1.0, s.contrast())),
            Math.log(Math.max(eps, s.fineRms()) / Math.max(eps, s.midRms())),
            Math.log(Math.max(eps, s.noiseSigma()) / Math.max(1.0, s.meanLuminance()))};
    }

    /** Score 0..1, or null when the face shows too little skin to measure. */
    public static Double score(SkinStatistics s) {
        if (!s.usable()) return null;
        double[] x = features(s);
        double z = B0 + B_CONTRAST * x[0] + B_SLOPE * x[1] + B_NOISE * x[2];
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** Skin-area-weighted mean of the measurable faces' scores, or null when none is measurable. */
    static Double imageScore(List<MeasuredFace> faces) {
        double sum = 0, weight = 0;
        for (MeasuredFace m : faces) {
            Double s = score(m.stats());
            if (s == null) continue;
            double w = m.stats().skinPixels() / (m.region().scale() * m.region().scale());
            sum += s * w;
            weight += w;
        }
        return weight == 0 ? null : sum / weight;
    }
}
