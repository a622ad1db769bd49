package io.realskin.gateway.auth;

import java.util.Set;

/** Who is calling: the API key's id, its tenant and scopes, and the key's rate limit (requests per minute). */
public record Caller(String keyId, String tenantId, Set<String> scopes, int ratePerMinute) {
    public boolean has(String scope) {
        return scopes.contains(scope) || scopes.contains(Scopes.ADMIN);
    }
}
