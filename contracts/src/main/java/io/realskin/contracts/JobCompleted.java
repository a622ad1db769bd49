package io.realskin.contracts;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * job.events COMPLETED.
 *
 * @param resultKey   blob key of the result image; null for an analyze job
 * @param analysis    the engine's score document for an analyze job (faces, plasticScore, skinFraction)
 */
public record JobCompleted(
        String resultKey,
        String contentType,
        int width,
        int height,
        Double plasticScoreBefore,
        Double plasticScoreAfter,
        Usage usage,
        JsonNode analysis) {

    /** What the job consumed; billing prices it. {@code operation} is one of {@link JobTypes}. */
    public record Usage(String operation, String model, double megapixels, Double maskedFraction) {
    }
}
