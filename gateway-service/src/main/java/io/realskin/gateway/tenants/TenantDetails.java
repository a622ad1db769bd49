package io.realskin.gateway.tenants;

import io.realskin.gateway.images.ImagePage;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /v1/admin/tenants/{id}}: the tenant's {@link TenantSummary} and what it uses now. */
public record TenantDetails(String id, String name, String plan, Instant createdAt,
                            @Schema(enumeration = {"active", "suspended"}) String status,
                            @Schema(nullable = true, description = "when it was suspended; null while active") Instant suspendedAt,
                            @Schema(nullable = true, description = "the operator's reason; null while active") String suspendedReason, long activeKeys,
                            @Schema(description = "queued or running jobs (follow-up passes not counted), as the plan's cap counts them")
                            long unfinishedJobs,
                            @Schema(description = "its images' bytes (uploads in progress included), its quota and how many")
                            ImagePage.Usage storage) {
    static TenantDetails of(TenantSummary tenant, long unfinishedJobs, ImagePage.Usage storage) {
        return new TenantDetails(tenant.id(), tenant.name(), tenant.plan(), tenant.createdAt(), tenant.status(), tenant.suspendedAt(),
                tenant.suspendedReason(), tenant.activeKeys(), unfinishedJobs, storage);
    }
}
