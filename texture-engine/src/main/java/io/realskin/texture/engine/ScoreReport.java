package io.realskin.texture.engine;

import java.util.List;

/**
 * Plastic-skin measurement of an image: faces, the image score (skin-area-weighted mean of the faces, null
 * without a measurable face), the fraction of the image that is skin, and the version of the score's model
 * ({@link PlasticScorer#modelVersion()}).
 */
public record ScoreReport(int width, int height, List<FaceScore> faces, Double plasticScore, double skinFraction,
                          String scoreModel) {
}
