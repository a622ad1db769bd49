package io.realskin.contracts;

/** job.events STARTED: which worker took the job. */
public record JobStarted(String worker) {
}
