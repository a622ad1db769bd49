package io.realskin.texture.engine;

import io.realskin.imaging.ImageFormat;

/**
 * The cleaned source image and what was done to it.
 *
 * @param width      of the result (twice the input's with upscale 2)
 * @param deblocked  JPEG blocking removed against the file's own quantisation tables
 * @param noiseSigma measured noise of the input (after deblocking), 8-bit levels
 * @param denoised   non-local means ran (the noise was above {@link SourceRestorer#NOISE_THRESHOLD})
 */
public record SourceRestoreResult(byte[] bytes, String contentType, ImageFormat format, int width, int height,
                                  double megapixels, boolean deblocked, double noiseSigma, boolean denoised) {
}
