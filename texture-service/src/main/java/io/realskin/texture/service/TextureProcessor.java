package io.realskin.texture.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.realskin.contracts.TextureRequest;

/** Turns the input image (and the request's options) into the job's result. */
public interface TextureProcessor {
    /**
     * @param tenantId whose job it is (waits for shared resources take turns by tenant)
     * @param inputs the request's images, already read from the blob store
     * @throws io.realskin.imaging.ImageRejectedException bad_image / too_large for an input the engine refuses
     * @throws JobRejectedException for other inputs no retry can fix
     */
    TextureResult process(String tenantId, TextureRequest request, TextureInputs inputs, ProgressSink progress);

    record TextureInputs(byte[] image, byte[] mask, byte[] reference, byte[] profile) {
    }

    /**
     * {@code bytes} is null for an analyze job, whose result is {@code analysis}; a restore carries its per-face reports
     * and locality receipt as the engine's JSON documents ({@code TextureJson}), null for other jobs.
     */
    record TextureResult(byte[] bytes, String contentType, String extension, int width, int height,
                         Double plasticScoreBefore, Double plasticScoreAfter, Double maskedFraction, JsonNode analysis,
                         JsonNode faceRestores, JsonNode locality) {
        public double megapixels() {
            return (double) width * height / 1e6;
        }
    }

    @FunctionalInterface
    interface ProgressSink {
        void stage(String stage, int percent);
    }
}
