package io.realskin.gateway.images;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An uploaded original (immutable) or a job's result image ({@code jobId} the job, null for an upload); {@code createdAt}
 * to the microsecond, as PostgreSQL keeps it. {@code createdBy}: the API key that uploaded it, or submitted the job whose
 * result it is; null for an image made before 2026-12-07.
 */
public record Image(String id, String tenantId, String blobKey, String contentType, int width, int height, long bytes,
                    String sha256, Instant createdAt, String jobId, String createdBy) {
    public Image {
        createdAt = createdAt == null ? null : createdAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** This image, made by that key. */
    public Image madeBy(String keyId) {
        return new Image(id, tenantId, blobKey, contentType, width, height, bytes, sha256, createdAt, jobId, keyId);
    }
}
