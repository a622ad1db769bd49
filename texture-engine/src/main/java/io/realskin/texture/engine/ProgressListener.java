package io.realskin.texture.engine;

/** Progress of a restore: stage is "detection", "synthesis" or "encode"; fraction 0..1 within the stage. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (stage, fraction) -> { };

    void onProgress(String stage, double fraction);
}
