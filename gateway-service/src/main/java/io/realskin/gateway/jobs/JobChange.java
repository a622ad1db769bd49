package io.realskin.gateway.jobs;

import java.util.Set;

/**
 * One state change of a job, as the job history recorded it: its per-job {@code sequence} (1, 2, ... in the order the
 * gateway applied the changes), its {@code event} name and the job as it was right after it.
 */
public record JobChange(int sequence, String event, Job job) {
    private static final Set<String> LAST = Set.of("completed", "failed", "canceled");

    /** The job's last change: nothing follows it. */
    public boolean last() {
        return LAST.contains(event);
    }
}
