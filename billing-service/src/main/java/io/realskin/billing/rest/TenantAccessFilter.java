package io.realskin.billing.rest;

import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * After the token is verified and the resource matched: {@link AdminOnly} operations need scope admin, and a
 * {@code {tenantId}} in the path must be the token's tenant (docs/security.md). Body tenants and holds found by job id
 * are checked by their resources through {@link ServiceCaller}.
 */
public class TenantAccessFilter {
    private final ServiceCaller caller;

    public TenantAccessFilter(ServiceCaller caller) {
        this.caller = caller;
    }

    @ServerRequestFilter
    public void authorize(UriInfo uri, ResourceInfo resource) {
        if (resource.getResourceMethod() == null) {
            return;
        }
        if (resource.getResourceMethod().isAnnotationPresent(AdminOnly.class)
                || resource.getResourceClass().isAnnotationPresent(AdminOnly.class)) {
            caller.requireAdmin();
        }
        caller.requireTenant(uri.getPathParameters().getFirst("tenantId"));
    }
}
