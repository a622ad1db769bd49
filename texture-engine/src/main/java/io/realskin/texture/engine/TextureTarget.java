package io.realskin.texture.engine;

/**
 * How much fine texture this face's skin should carry, from the frame's own evidence (see {@link TextureModel.Target}
 * and docs/texture-engine.md): the softness of the edges near the face, the face's contrast (its shading), the skin's
 * coarse relief, the grain of flat areas around it and the JPEG quantisation. Not from the skin's fine band itself:
 * the engine adds to that band, so a target that followed it would grow with every restore.
 */
public final class TextureTarget {
    /** The real-photo band around the target, as fine-band energy relative to the target's. */
    public static final double BAND_LOW = 0.8;
    public static final double BAND_HIGH = 1.25;
    /** No face ends above this multiple of its target energy, whatever the intensity. */
    public static final double CLAMP = 2.0;
    /** Sanity limits of the target, relative to the skin's luminance. */
    static final double MIN_RELATIVE = 0.003;
    static final double MAX_RELATIVE = 0.12;

    private TextureTarget() {
    }

    /** The target's features: 1, blur, ln contrast/L, ln coarse/L, ln noise/L, JPEG loss. */
    public static double[] features(SkinStatistics s, FrameEvidence e, TextureModel.Target t) {
        double l = Math.max(1.0, s.meanLuminance());
        double blur = Double.isNaN(e.edgeBlur()) ? t.blurDefault() : e.edgeBlur();
        double noise = Double.isNaN(e.noiseFloor()) ? t.noiseDefault() : Math.log(Math.max(0.05, e.noiseFloor()) / l);
        return new double[] {1, blur, Math.log(Math.max(0.5, s.contrast()) / l), Math.log(Math.max(0.02, s.coarseRms()) / l),
                noise, (100 - e.jpegQuality()) / 25.0};
    }

    /** Target fine-band rms, gray levels at the analysis scale. */
    public static double fineRms(SkinStatistics s, FrameEvidence e, TextureModel.Target t) {
        double[] x = features(s, e, t);
        double[] w = t.weights();
        double z = 0;
        for (int i = 0; i < w.length; i++) z += w[i] * x[i];
        double relative = Math.max(MIN_RELATIVE, Math.min(MAX_RELATIVE, Math.exp(z)));
        return relative * Math.max(1.0, s.meanLuminance());
    }
}
