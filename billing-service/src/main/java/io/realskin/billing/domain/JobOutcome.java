package io.realskin.billing.domain;

import java.util.UUID;

/** A terminal job.events record (COMPLETED, FAILED, CANCELED) as billing applies it. */
public record JobOutcome(UUID eventId, String type, String tenantId, Settlement settlement) {
}
