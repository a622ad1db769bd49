package io.realskin.texture.engine;

import io.realskin.imaging.ImageFormat;

/**
 * Options of a restore. Intensity 0..100 (default 40; 50 brings each face to its per-image target, 100 adds twice the
 * deficit, clamped at {@link TextureTarget#CLAMP} x the target), or auto: the engine brings each face into the
 * real-photo band and reports the level it chose. Mask: PNG bytes, white = work here (local mode); reference image
 * bytes or a saved profile (reference mode); seed for the texture; output format (null = the input's); threads the
 * job may use for the engine's own parallel steps (0 = every available core; a worker running several jobs at once
 * gives each its share).
 */
public record RestoreOptions(int intensity, boolean autoIntensity, byte[] mask, byte[] reference, TextureProfile profile,
                             long seed, ImageFormat outputFormat, ProgressListener progress, int threads) {
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

    /** Intensity "auto": each face's closed loop to its target. */
    public RestoreOptions withAutoIntensity() {
        return new RestoreOptions(intensity, true, mask, reference, profile, seed, outputFormat, progress, threads);
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

    /** "auto" or the number, as documents show it. */
    public String intensityLabel() {
        return autoIntensity ? "auto" : Integer.toString(intensity);
    }
}
