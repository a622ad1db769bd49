package io.realskin.generation.provider;

/** Stages of a provider call, reported as PROGRESS events: submitted, provider-queued, polling, downloading. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (stage, percent) -> { };

    void stage(String stage, int percent);
}
