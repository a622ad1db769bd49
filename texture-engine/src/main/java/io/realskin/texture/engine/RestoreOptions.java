package io.realskin.texture.engine;

import io.realskin.imaging.ImageFormat;

/**
 * Options of a restore. Intensity 0..100 (default 40; 50 brings skin to the texture energy this photo's own evidence
 * calls for, 100 adds twice that deficit), or {@code autoIntensity}: the engine picks, per face, the level that lands
 * the skin's fine-band energy in the real-photo band and reports it ({@link FaceRestore#intensity()});
 * mask: PNG bytes, white = work here (local mode); reference image bytes or a saved profile (reference mode);
 * seed for the texture; output format (null = the input's); threads the job may use for the engine's own
 * parallel steps (0 = every available core; a worker running several jobs at once gives each its share).
 */
public record RestoreOptions(int intensity, boolean autoIntensity, byte[] mask, byte[] reference, TextureProfile profile, long seed,
                             ImageFormat outputFormat, ProgressListener progress, int threads) {
    public static final int DEFAULT_INTENSITY = 40;

    public RestoreOptions {
        if (intensity < 0 || intensity > 100) {
            throw new IllegalArgumentException("intensity must be 0..100, was " + intensity);
        }
        if (progress == null) progress = ProgressListener.NONE;
        if (threads < 0) throw new IllegalArgumentException("threads must be 0 (all cores) or more, was " + threads);
    }

    public static RestoreOptions defaults() {
        return new RestoreOptions(DEFAULT_INTENSITY, false, null, null, null, 0L, null, ProgressListener.NONE, 0);
    }

    public RestoreOptions withIntensity(int v) {
        return new RestoreOptions(v, false, mask, reference, profile, seed, outputFormat, progress, threads);
    }

    /** Lets the engine choose each face's level (the intensity given is then ignored). */
    public RestoreOptions withAutoIntensity(boolean v) {
        return new RestoreOptions(intensity, v, mask, reference, profile, seed, outputFormat, progress, threads);
    }

    public RestoreOptions withMask(byte[] v) {
        return new RestoreOptions(intensity, autoIntensity, v, reference, profile, seed, outputFormat, progress, threads);
    }

    public RestoreOptions withReference(byte[] v) {
        return new RestoreOptions(intensity, autoIntensity, mask, v, profile, seed, outputFormat, progress, threads);
    }

    public RestoreOptions withProfile(TextureProfile v) {
        return new RestoreOptions(intensity, autoIntensity, mask, reference, v, seed, outputFormat, progress, threads);
    }

    public RestoreOptions withSeed(long v) {
        return new RestoreOptions(intensity, autoIntensity, mask, reference, profile, v, outputFormat, progress, threads);
    }

    public RestoreOptions withOutputFormat(ImageFormat v) {
        return new RestoreOptions(intensity, autoIntensity, mask, reference, profile, seed, v, progress, threads);
    }

    public RestoreOptions withProgress(ProgressListener v) {
        return new RestoreOptions(intensity, autoIntensity, mask, reference, profile, seed, outputFormat, v, threads);
    }

    public RestoreOptions withThreads(int v) {
        return new RestoreOptions(intensity, autoIntensity, mask, reference, profile, seed, outputFormat, progress, v);
    }
}
