package io.realskin.gateway.tenants;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /v1/admin/tenants}: a page of tenants, newest first. */
public record TenantPage(List<TenantSummary> items,
                         @Schema(nullable = true, description = "pass back as cursor for the next page; null on the last") String nextCursor) {
}
