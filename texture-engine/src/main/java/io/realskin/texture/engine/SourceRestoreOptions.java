package io.realskin.texture.engine;

import io.realskin.imaging.ImageFormat;

/**
 * Options of a source restore.
 *
 * @param upscale      1 (same size) or 2 (twice the width and height)
 * @param denoise      true ("auto"): remove JPEG blocking (JPEG input) and sensor noise when measured; false ("off")
 * @param outputFormat null = the input's
 */
public record SourceRestoreOptions(int upscale, boolean denoise, ImageFormat outputFormat) {
    public SourceRestoreOptions {
        if (upscale != 1 && upscale != 2) throw new IllegalArgumentException("upscale must be 1 or 2, was " + upscale);
    }

    public static SourceRestoreOptions defaults() {
        return new SourceRestoreOptions(2, true, null);
    }

    public SourceRestoreOptions withUpscale(int v) {
        return new SourceRestoreOptions(v, denoise, outputFormat);
    }

    public SourceRestoreOptions withDenoise(boolean v) {
        return new SourceRestoreOptions(upscale, v, outputFormat);
    }

    public SourceRestoreOptions withOutputFormat(ImageFormat v) {
        return new SourceRestoreOptions(upscale, denoise, v);
    }
}
