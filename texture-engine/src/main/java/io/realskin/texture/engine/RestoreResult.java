package io.realskin.texture.engine;

import io.realskin.imaging.ImageFormat;

import java.util.List;

/**
 * The restored image and what was done.
 *
 * @param plasticScoreBefore image plastic score of the input (null without a measurable face)
 * @param plasticScoreAfter image plastic score of the output (null without a measurable face)
 * @param maskedFraction fraction of the image's pixels the texture was applied to (0 when no face)
 * @param faces number of faces found
 * @param intensity the intensity asked for: "auto" or 0..100
 * @param faceOutcomes per face: level applied, target and energies
 * @param receipt where pixels changed, with the hashes of everything else
 * @param model the version of the texture model used
 * @param jpeg how a JPEG result was made and what stays identical (null when the output is not JPEG)
 */
public record RestoreResult(byte[] bytes, String contentType, ImageFormat format, int width, int height,
                            Double plasticScoreBefore, Double plasticScoreAfter, double maskedFraction,
                            double megapixels, int faces, String intensity, List<FaceOutcome> faceOutcomes,
                            LocalityReceipt receipt, String model, JpegLocality jpeg) {
}
