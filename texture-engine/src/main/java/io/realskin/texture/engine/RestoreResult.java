package io.realskin.texture.engine;

import io.realskin.imaging.ImageFormat;

/**
 * The restored image and what was done.
 *
 * @param plasticScoreBefore image plastic score of the input (null without a measurable face)
 * @param plasticScoreAfter image plastic score of the output (null without a measurable face)
 * @param maskedFraction fraction of the image's pixels the texture was applied to (0 when no face)
 * @param faces number of faces found
 * @param jpeg how a JPEG result was made and what stays identical (null when the output is not JPEG)
 * @param faceRestores what was done to each face, in detection order
 * @param locality what changed where, with the hashes that prove the rest did not ({@link LocalityReceipt})
 */
public record RestoreResult(byte[] bytes, String contentType, ImageFormat format, int width, int height,
                            Double plasticScoreBefore, Double plasticScoreAfter, double maskedFraction,
                            double megapixels, int faces, JpegLocality jpeg,
                            java.util.List<FaceRestore> faceRestores, LocalityReceipt locality) {
}
