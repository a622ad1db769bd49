package io.realskin.gateway.tenants;

import io.realskin.gateway.images.ImagePage;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /v1/admin/tenants/{id}}: the tenant's {@link TenantSummary} and what it uses now. */
public record TenantDetails(String id,
                            @Schema(nullable = true, description = "null once erased") String name,
                            String plan, Instant createdAt,
                            @Schema(enumeration = {"active", "suspended", "erasing", "erased"}) String status,
                            @Schema(nullable = true, description = "when it was suspended; null while active") Instant suspendedAt,
                            @Schema(nullable = true, description = "the operator's reason; null while active and once erased") String suspendedReason, long activeKeys,
                            @Schema(description = "queued or running jobs (follow-up passes not counted), as the plan's cap counts them")
                            long unfinishedJobs,
                            @Schema(description = "its images' bytes (uploads in progress included), its quota and how many")
                            ImagePage.Usage storage,
                            @Schema(nullable = true, description = "when an operator asked for its erasure; null unless erasing or erased") Instant eraseRequestedAt,
                            @Schema(nullable = true, description = "when its erasure finished; null unless erased") Instant erasedAt,
                            @Schema(nullable = true, description = "while erasing: the rows the erasure sweep has still to remove; null otherwise")
                            TenantErasureRepository.Left erasureLeft) {
    static TenantDetails of(TenantSummary tenant, long unfinishedJobs, ImagePage.Usage storage, TenantErasureRepository.Left left) {
        return new TenantDetails(tenant.id(), tenant.name(), tenant.plan(), tenant.createdAt(), tenant.status(), tenant.suspendedAt(),
                tenant.suspendedReason(), tenant.activeKeys(), unfinishedJobs, storage, tenant.eraseRequestedAt(), tenant.erasedAt(), left);
    }
}
