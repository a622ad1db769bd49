package io.realskin.gateway.images;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An uploaded original (immutable) or a job's result image ({@code jobId} the job, null for an upload); {@code createdAt}
 * to the microsecond, as PostgreSQL keeps it.
 */
public record Image(String id, String tenantId, String blobKey, String contentType, int width, int height, long bytes,
                    String sha256, Instant createdAt, String jobId) {
    public Image {
        createdAt = createdAt == null ? null : createdAt.truncatedTo(ChronoUnit.MICROS);
    }
}
