package io.realskin.texture.engine;

import io.realskin.imaging.ImageFormat;

/**
 * Options of a source restore.
 *
 * @param upscale      1 (same size) or 2 (twice the width and height)
 * @param denoise      true ("auto"): remove JPEG blocking (JPEG input) and sensor noise when measured; false ("off")
 * @param outputFormat null = the input's
 * @param threads      threads the deblock may use (0 = every available core; a worker running several jobs at once
 *                     gives each its share); the result is the same for any number
 * @param heap         where the 2x upscale reserves its heap ({@link SourceRestorer#upscaleHeapBytes}) before it starts
 */
public record SourceRestoreOptions(int upscale, boolean denoise, ImageFormat outputFormat, int threads, HeapReservation heap) {
    public SourceRestoreOptions {
        if (upscale != 1 && upscale != 2) throw new IllegalArgumentException("upscale must be 1 or 2, was " + upscale);
        if (threads < 0) throw new IllegalArgumentException("threads must be 0 (all cores) or more, was " + threads);
        if (heap == null) throw new IllegalArgumentException("heap must be given");
    }

    public static SourceRestoreOptions defaults() {
        return new SourceRestoreOptions(2, true, null, 0, HeapReservation.WITHIN_MAX_HEAP);
    }

    public SourceRestoreOptions withUpscale(int v) {
        return new SourceRestoreOptions(v, denoise, outputFormat, threads, heap);
    }

    public SourceRestoreOptions withDenoise(boolean v) {
        return new SourceRestoreOptions(upscale, v, outputFormat, threads, heap);
    }

    public SourceRestoreOptions withOutputFormat(ImageFormat v) {
        return new SourceRestoreOptions(upscale, denoise, v, threads, heap);
    }

    public SourceRestoreOptions withThreads(int v) {
        return new SourceRestoreOptions(upscale, denoise, outputFormat, v, heap);
    }

    public SourceRestoreOptions withHeap(HeapReservation v) {
        return new SourceRestoreOptions(upscale, denoise, outputFormat, threads, v);
    }
}
