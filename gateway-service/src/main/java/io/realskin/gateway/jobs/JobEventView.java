package io.realskin.gateway.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One change of a job's history as the JSON API shows it: the job's state right after it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobEventView(int sequence, String event, Instant at, String status, String stage, int progress, JsonNode result,
                           JsonNode error) {
    static JobEventView of(JobChange change) {
        Job job = change.job();
        return new JobEventView(change.sequence(), change.event(), job.updatedAt(), job.status().wire(), job.stage(),
                job.progress(), JobView.shownResult(job), job.error());
    }
}
