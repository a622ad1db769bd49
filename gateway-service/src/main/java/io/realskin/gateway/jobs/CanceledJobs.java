package io.realskin.gateway.jobs;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What one bulk cancel of a tenant's jobs did ({@link JobService#cancelUnfinished}). */
public record CanceledJobs(@Schema(description = "how many jobs this call canceled") int canceled,
                           @Schema(description = "their ids, oldest first (a generate job's texture-pass step right after it)")
                           List<String> jobIds,
                           @Schema(description = "true when the tenant still has queued or running jobs: call again") boolean more) {
    static CanceledJobs of(List<String> jobIds, boolean more) {
        return new CanceledJobs(jobIds.size(), List.copyOf(jobIds), more);
    }
}
