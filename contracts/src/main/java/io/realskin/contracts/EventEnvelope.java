package io.realskin.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The one value shape of every topic: record key = job id; {@code payload} depends on {@code type}.
 * Consumers are idempotent on {@code eventId} (or {@code jobId} for requests).
 */
public record EventEnvelope(UUID eventId, String type, Instant occurredAt, String tenantId, String jobId, JsonNode payload) {
    /** Tenant of a FAILED event for a record too broken to name its tenant; the gateway matches such events by job id. */
    public static final String UNKNOWN_TENANT = "unknown";

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(payload, "payload");
    }

    /**
     * Whether this job event may change a job (or hold) of {@code ownerTenant}: it names that tenant, or it is a worker's
     * FAILED for a request record too broken to name one ({@link #UNKNOWN_TENANT}), which ends its job all the same. One
     * naming another tenant comes from a broken or forged producer and changes nothing.
     */
    public boolean mayChangeJobOf(String ownerTenant) {
        return tenantId.equals(ownerTenant) || EventTypes.FAILED.equals(type) && UNKNOWN_TENANT.equals(tenantId);
    }

    public static EventEnvelope of(String type, String tenantId, String jobId, Object payload) {
        return new EventEnvelope(UUID.randomUUID(), type, Instant.now(), tenantId, jobId, EventJson.MAPPER.valueToTree(payload));
    }

    /** The payload as its record type; throws {@link ContractViolation} when it does not fit. */
    public <T> T payloadAs(Class<T> payloadType) {
        try {
            return EventJson.MAPPER.treeToValue(payload, payloadType);
        } catch (Exception e) {
            throw new ContractViolation("payload of " + type + " is not a valid " + payloadType.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
