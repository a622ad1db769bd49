package io.realskin.texture.engine;

import io.realskin.texture.jpeg.JpegCoefficients;
import org.opencv.core.Mat;

/**
 * The learned 2x upscale of a JPEG's deblocked pixels made consistent with the file (source-restore): the
 * upscale's chroma rebuilt from its luma ({@link GuidedChroma} at the 2x resolution, each round followed by
 * {@link #CHROMA_PROJECTIONS} rounds of the projection onto the file's chroma intervals), then {@link #ROUNDS}
 * rounds of the projection of every plane ({@link JpegConsistency}, bicubic spread): the result area-averages down to
 * an image whose DCT coefficients lie in the file's quantisation intervals, as the original's do.
 */
public final class ConsistentUpscale {
    /** Guided filter on the 2x chroma: window radius 4 px of the result, eps 4 levels^2, one round. */
    static final GuidedChroma CHROMA = new GuidedChroma(4, 4, 1);
    static final int CHROMA_PROJECTIONS = 2;
    static final int ROUNDS = 2;

    private ConsistentUpscale() {
    }

    /**
     * {@code filters}' 2x upscale of {@code bgr8}, made consistent with {@code file} when given (the JPEG whose
     * deblocked pixels, as stored, {@code bgr8} is; {@link JpegConsistency#supports} it); 8-bit BGR.
     */
    public static Mat upscale2x(UpscaleFilters filters, Mat bgr8, JpegCoefficients file) {
        return upscale2x(filters, bgr8, file, UpscaleFilters.STRIP_ROWS);
    }

    /** {@link #upscale2x(UpscaleFilters, Mat, JpegCoefficients)} with the upscale in strips of {@code stripRows} rows. */
    static Mat upscale2x(UpscaleFilters filters, Mat bgr8, JpegCoefficients file, int stripRows) {
        if (file == null) return filters.upscale2x(bgr8, stripRows);
        int w2 = 2 * bgr8.cols(), h2 = 2 * bgr8.rows();
        float[][] ycc = filters.upscale2xYcc(bgr8, stripRows);
        JpegConsistency consistency = new JpegConsistency(file);
        if (file.componentCount() >= 3) CHROMA.apply(ycc, w2, h2, 2, CHROMA_PROJECTIONS, consistency);
        for (int r = 0; r < ROUNDS; r++) consistency.project(ycc, 2, JpegConsistency.Spread.CUBIC);
        return UpscaleFilters.toBgr8(ycc, w2, h2);
    }
}
