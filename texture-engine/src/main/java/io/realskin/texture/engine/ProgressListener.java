package io.realskin.texture.engine;

/**
 * Progress of a restore: stage is "detection", "synthesis" or "encode"; fraction 0..1 within the stage. A listener may
 * throw on a stage's first call (a canceled job's does) to stop the run there: the engine releases what it holds and
 * the exception reaches the caller. Calls within a stage must not throw.
 */
@FunctionalInterface
public interface ProgressListener {
    /** Ignores progress (a class, not a lambda: it is made on a CLI's path to its face models, see Parallel#async). */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void onProgress(String stage, double fraction) {
        }
    };

    void onProgress(String stage, double fraction);
}
