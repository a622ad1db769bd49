package io.realskin.gateway.images;

import java.time.Instant;

/** An uploaded original (immutable) or a job's result image. */
public record Image(String id, String tenantId, String blobKey, String contentType, int width, int height, long bytes,
                    String sha256, Instant createdAt) {
}
