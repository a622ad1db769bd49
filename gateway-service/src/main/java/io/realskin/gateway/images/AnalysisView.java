package io.realskin.gateway.images;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.realskin.gateway.jobs.Job;
import java.util.Map;

/** An image's plastic-skin analysis: the score once the analyze job completed, else the job's status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnalysisView(String imageId, String jobId, String status, Double plasticScore, JsonNode analysis, JsonNode error,
                           Map<String, String> urls) {
    static AnalysisView of(String imageId, Job job) {
        JsonNode result = job.result();
        JsonNode analysis = result == null ? null : result.get("analysis");
        Double score = null;
        if (analysis != null && analysis.hasNonNull("plasticScore")) {
            score = analysis.get("plasticScore").asDouble();
        } else if (result != null && result.hasNonNull("plasticScoreBefore")) {
            score = result.get("plasticScoreBefore").asDouble();
        }
        return new AnalysisView(imageId, job.id(), job.status().wire(), score, analysis, job.error(),
                Map.of("job", "/v1/jobs/" + job.id(), "image", "/v1/images/" + imageId));
    }
}
