package io.realskin.gateway.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A job as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(String id, String type, String status, int progress, String stage, JsonNode request, JsonNode result,
                      JsonNode error, Instant createdAt, Instant updatedAt, Instant finishedAt, String parentJobId,
                      @Schema(description = "the API key that submitted the job, and so gave any consent its request carries "
                              + "(a texture pass: its generate job's key); absent for a job made before 2026-12-07") String createdBy,
                      Map<String, String> urls) {
    public static JobView of(Job job) {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("self", "/v1/jobs/" + job.id());
        urls.put("events", "/v1/jobs/" + job.id() + "/events");
        if (!job.status().terminal()) {
            urls.put("cancel", "/v1/jobs/" + job.id() + "/cancel");
        }
        JsonNode result = shownResult(job);
        if (result != null && result.hasNonNull("imageId")) {
            urls.put("result", "/v1/images/" + result.get("imageId").asText() + "/content");
        }
        return new JobView(job.id(), job.type(), job.status().wire(), job.progress(), job.stage(), job.request(), result,
                job.error(), job.createdAt(), job.updatedAt(), job.finishedAt(), job.parentJobId(), job.createdBy(), urls);
    }

    /**
     * A job's result as the API shows it: once the job completed, never before (a generate job's interim result during
     * its texture pass names an image the tenant gets only if the job completes: ImageRepository#find).
     */
    static JsonNode shownResult(Job job) {
        return job.status() == JobStatus.COMPLETED ? job.result() : null;
    }
}
