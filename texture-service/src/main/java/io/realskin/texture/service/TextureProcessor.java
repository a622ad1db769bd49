package io.realskin.texture.service;

import io.realskin.contracts.TextureRequest;

/** Turns the input image (and the request's options) into the job's result. */
public interface TextureProcessor {
    /** @param inputs the request's images, already read from the blob store */
    TextureResult process(TextureRequest request, TextureInputs inputs, ProgressSink progress);

    record TextureInputs(byte[] image, byte[] mask, byte[] reference, byte[] profile) {
    }

    record TextureResult(byte[] bytes, String contentType, String extension, int width, int height,
                         Double plasticScoreBefore, Double plasticScoreAfter, Double maskedFraction,
                         com.fasterxml.jackson.databind.JsonNode analysis) {
    }

    @FunctionalInterface
    interface ProgressSink {
        void stage(String stage, int percent);
    }
}
