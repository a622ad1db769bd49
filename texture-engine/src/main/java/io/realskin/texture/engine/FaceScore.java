package io.realskin.texture.engine;

/**
 * One face of a {@link ScoreReport}: box in pixels, detector confidence, plastic score (null if unmeasurable), and
 * what it was computed from.
 */
public record FaceScore(int x, int y, int width, int height, double confidence, Double plasticScore,
                        SkinStatistics statistics, FrameEvidence evidence) {
}
