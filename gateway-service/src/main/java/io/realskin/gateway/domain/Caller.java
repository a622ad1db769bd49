package io.realskin.gateway.domain;

import java.util.Set;

/** Who is calling: the API key's id, its tenant and scopes. */
public record Caller(String keyId, String tenantId, Set<String> scopes) {
    public boolean has(String scope) {
        return scopes.contains(scope) || scopes.contains(Scopes.ADMIN);
    }
}
