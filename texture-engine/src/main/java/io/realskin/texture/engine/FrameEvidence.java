package io.realskin.texture.engine;

import org.opencv.core.Mat;
import org.opencv.core.Rect;

import java.util.List;

/**
 * What the frame around one face says about how much fine texture its skin should carry, measured where skin
 * smoothing does not reach: the grain of flat non-face areas ({@link NoiseFloor}), the softness of the strongest
 * edges near the face ({@link EdgeBlur}), the face's size in pixels and the JPEG quantisation.
 *
 * @param noiseFloor fine-band rms (gray levels, analysis scale) of flat areas around the face; NaN when unknown
 * @param noiseBlocks flat blocks the noise floor rests on
 * @param edgeBlur Gaussian sigma (analysis px) of the strongest edges near the face; NaN when unknown
 * @param edgePoints edge points the blur rests on
 * @param faceWidth the face's width in image pixels
 * @param scale analysis pixels per image pixel
 * @param jpegQuality the input's estimated JPEG quality 1..100; 100 for lossless formats
 */
public record FrameEvidence(double noiseFloor, int noiseBlocks, double detail, double edgeBlur, int edgePoints, double faceWidth,
                            double scale, int jpegQuality) {

    static FrameEvidence measure(Mat bgr8, FaceRegion r, Mat skinMask, List<Rect> faceRegions, int jpegQuality) {
        NoiseFloor.Result noise = NoiseFloor.measure(bgr8, r, faceRegions);
        EdgeBlur.Result blur = EdgeBlur.measure(r, skinMask);
        return new FrameEvidence(noise.rms(), noise.blocks(), noise.detail(), blur.sigma(), blur.points(), r.face().scaleWidth(),
                r.scale(), jpegQuality);
    }

    /** The frame's edge blur in image pixels (0 when unknown). */
    public double edgeBlurPixels() {
        return Double.isNaN(edgeBlur) ? 0 : edgeBlur / scale;
    }
}
