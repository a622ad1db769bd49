package io.realskin.contracts;

/** job.events PROGRESS: a named stage (detection, synthesis, encode, ...) and a 0..100 estimate. */
public record JobProgress(String stage, int percent) {
}
