package io.realskin.gateway.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A job row. {@code request} is what the client asked; {@code result} or {@code error} is how it ended.
 * {@code parentJobId} is set on a follow-up step (the texture pass of a generate job). {@code createdBy}: the API key
 * that submitted it (a follow-up step: its parent's), null for a job made before 2026-12-07.
 */
public record Job(String id, String tenantId, String type, JobStatus status, JsonNode request, int progress, String stage,
                  JsonNode result, JsonNode error, Instant createdAt, Instant updatedAt, Instant finishedAt,
                  String webhookUrl, String parentJobId, String createdBy) {
}
