package io.realskin.gateway.tenants;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant as an operator sees it: {@code GET /v1/admin/tenants} lists these. */
public record TenantSummary(String id,
                            @Schema(nullable = true, description = "null once erased (the id stays, a tombstone)") String name,
                            String plan, Instant createdAt,
                            @Schema(enumeration = {"active", "suspended", "erasing", "erased"}) String status,
                            @Schema(nullable = true, description = "when it was suspended; null while active") Instant suspendedAt,
                            @Schema(nullable = true, description = "the operator's reason, shown to admin keys only; null while active and once erased") String suspendedReason,
                            @Schema(description = "keys neither revoked nor expired (a suspension leaves them as they are)") long activeKeys,
                            @Schema(nullable = true, description = "when an operator asked for its erasure (DELETE); null unless erasing or erased") Instant eraseRequestedAt,
                            @Schema(nullable = true, description = "when its erasure finished; null unless erased") Instant erasedAt) {
    public static final String ACTIVE = "active";
    public static final String SUSPENDED = "suspended";
    /** Its erasure was asked for and the sweep is removing its data; it stays suspended meanwhile. */
    public static final String ERASING = "erasing";
    /** A tombstone: the id only, never reused. */
    public static final String ERASED = "erased";

    public boolean suspended() {
        return suspendedAt != null;
    }

    /** Erasing or erased: nothing of it may change any more. */
    public boolean erasureAsked() {
        return eraseRequestedAt != null;
    }

    static String statusOf(Instant suspendedAt, Instant eraseRequestedAt, Instant erasedAt) {
        return erasedAt != null ? ERASED : eraseRequestedAt != null ? ERASING : suspendedAt != null ? SUSPENDED : ACTIVE;
    }
}
