package io.realskin.contracts;

/**
 * job.events PROGRESS: a named stage (detection, synthesis, encode, submitted, polling, ...) and a 0..100 estimate.
 *
 * @param detail optional words for people (which model a fallback moved to, say); null for most stages
 */
public record JobProgress(String stage, int percent, String detail) {
    public JobProgress(String stage, int percent) {
        this(stage, percent, null);
    }
}
