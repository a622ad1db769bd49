package io.realskin.texture.engine;

import org.opencv.core.Mat;

/**
 * What a lossy output file will decode to, made from the engine's pixels once every face is restored and before the
 * faces are scored again, so that the scores after ({@link RestoreResult#plasticScoreAfter()}, each face's
 * {@link FaceRestore#after()}) describe the file a client gets: a JPEG's quantisation drops part of the added
 * texture, more the lower its quality. Lossless outputs need none. Called at most once, only when a pixel changed.
 */
interface Delivery {
    /**
     * The output's pixels as a decoder sees them, 8-bit BGR at the image's size (at least inside the faces' work
     * regions), owned by the delivery or by {@code img}: the caller does not release it.
     */
    Mat settle(DecodedImage img);
}
