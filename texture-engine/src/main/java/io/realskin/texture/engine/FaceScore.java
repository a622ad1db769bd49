package io.realskin.texture.engine;

/**
 * One face of a {@link ScoreReport}: box in pixels, detector confidence, plastic score, and when the score is null why
 * ({@link PlasticScorer#unscored}: {@code too-little-skin}, {@code palette-colours}).
 */
public record FaceScore(int x, int y, int width, int height, double confidence, Double plasticScore, String unscored,
                        SkinStatistics statistics) {
}
