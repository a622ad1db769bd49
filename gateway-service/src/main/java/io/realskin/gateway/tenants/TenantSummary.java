package io.realskin.gateway.tenants;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant as an operator sees it: {@code GET /v1/admin/tenants} lists these. */
public record TenantSummary(String id, String name, String plan, Instant createdAt,
                            @Schema(enumeration = {"active", "suspended"}) String status,
                            @Schema(nullable = true, description = "when it was suspended; null while active") Instant suspendedAt,
                            @Schema(nullable = true, description = "the operator's reason, shown to admin keys only; null while active") String suspendedReason,
                            @Schema(description = "keys neither revoked nor expired (a suspension leaves them as they are)") long activeKeys) {
    public static final String ACTIVE = "active";
    public static final String SUSPENDED = "suspended";

    public boolean suspended() {
        return suspendedAt != null;
    }
}
