package io.realskin.texture.engine;

/**
 * The per-photo texture target as a log-linear model: ln(target relative fine-band rms) =
 * {@code intercept + contrast * ln(contrast / mean luminance) + smallFace * ln(min(1, face width / 256))}
 * {@code + (ring usable ? edgeOffset + edge * ln(max(0.2, edge sharpness)) : 0)}. Fitted by least squares on real
 * photographs of ../shared/portraits (bench/texture/quality --fit-target prints the fit and its leave-one-source-out
 * figures), see docs/texture-engine.md.
 */
public record TargetModel(double intercept, double contrast, double smallFace, double edgeOffset, double edge) {
    /** The fit on every source of ../shared/portraits (35 real photographs, 20 sources). */
    public static final TargetModel DEFAULT = new TargetModel(-1.92, 1.13, -0.32, 0.10, 0.58);

    /** Feature vector (with a leading 1) in coefficient order; the fit and {@link #relativeFine} share it. */
    public static double[] features(SkinStatistics s, FrameEvidence e, double faceWidthPx) {
        boolean ring = e.usable();
        return new double[] {1,
            Math.log(Math.max(1e-3, s.contrast() / Math.max(1.0, s.meanLuminance()))),
            Math.log(Math.min(1.0, faceWidthPx / FaceRegion.ANALYSIS_FACE_WIDTH)),
            ring ? 1 : 0,
            ring ? Math.log(Math.max(FrameEvidence.MIN_EDGE, e.edge())) : 0};
    }

    public static TargetModel of(double[] b) {
        return new TargetModel(b[0], b[1], b[2], b[3], b[4]);
    }

    /** The model's target relative fine-band rms for these features. */
    public double relativeFine(double[] x) {
        return Math.exp(intercept * x[0] + contrast * x[1] + smallFace * x[2] + edgeOffset * x[3] + edge * x[4]);
    }
}
