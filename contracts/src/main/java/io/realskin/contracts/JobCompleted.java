package io.realskin.contracts;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * job.events COMPLETED.
 *
 * @param resultKey   blob key of the result image; null for an analyze job
 * @param analysis    the engine's score document for an analyze job (faces, plasticScore, skinFraction)
 * @param faceRestores a texture restore's per-face reports (box, intensity applied or chosen, target, before, after,
 *                     skipped); null for other jobs
 * @param locality     a texture restore's locality receipt (changedPixels, boxes, layoutBefore, sha256Before,
 *                     layoutAfter, sha256After, identical); null for other jobs
 */
public record JobCompleted(
        String resultKey,
        String contentType,
        int width,
        int height,
        Double plasticScoreBefore,
        Double plasticScoreAfter,
        Usage usage,
        JsonNode analysis,
        JsonNode faceRestores,
        JsonNode locality) {

    /** A completion without a texture restore's reports. */
    public JobCompleted(String resultKey, String contentType, int width, int height, Double plasticScoreBefore,
                        Double plasticScoreAfter, Usage usage, JsonNode analysis) {
        this(resultKey, contentType, width, height, plasticScoreBefore, plasticScoreAfter, usage, analysis, null, null);
    }

    /**
     * What the job consumed; billing prices it. {@code operation} is one of {@link JobTypes}; {@code megapixels} is the
     * output's real size. For a job an external model worked, {@code provider} names it ({@code openai}, {@code google},
     * {@code bfl}) and {@code providerRequestId} is the provider's own id of the call, for reconciling its invoice.
     */
    public record Usage(String operation, String model, double megapixels, Double maskedFraction, String provider,
                        String providerRequestId) {
        public Usage(String operation, String model, double megapixels, Double maskedFraction) {
            this(operation, model, megapixels, maskedFraction, null, null);
        }
    }
}
