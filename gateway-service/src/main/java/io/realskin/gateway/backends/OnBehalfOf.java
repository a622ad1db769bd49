package io.realskin.gateway.backends;

/**
 * Who a backend call is made for: the tenant (the service token's {@code sub}) and the scope the gateway checked
 * for it (the token's {@code scope}; {@code admin} for admin operations). The first parameter of every REST client
 * method, read by {@link ServiceTokenClientFilter}; never sent as it is.
 */
public record OnBehalfOf(String tenantId, String scope) {
    public OnBehalfOf {
        if (tenantId == null || tenantId.isBlank() || scope == null || scope.isBlank()) {
            throw new IllegalArgumentException("a backend call needs a tenant and a scope");
        }
    }
}
