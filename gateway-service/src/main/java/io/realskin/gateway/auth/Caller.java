package io.realskin.gateway.auth;

import java.util.Set;

/**
 * Who is calling: the API key's id, its tenant and scopes, its tenant plan's rate limit (requests per minute, shared by
 * all the tenant's keys) and the key's own, if it has one (null: none; it limits this key further), and the tenant's
 * plan (free, pro, ultimate, creator; null when unknown), read with the key and cached with it (a plan change evicts it).
 */
public record Caller(String keyId, String tenantId, Set<String> scopes, int tenantPerMinute, Integer keyPerMinute, String plan) {
    public Caller(String keyId, String tenantId, Set<String> scopes, int tenantPerMinute, Integer keyPerMinute) {
        this(keyId, tenantId, scopes, tenantPerMinute, keyPerMinute, null);
    }

    public boolean has(String scope) {
        return scopes.contains(scope) || scopes.contains(Scopes.ADMIN);
    }

    /** The most this key may send per minute: its own limit, else its tenant's. */
    public int ratePerMinute() {
        return keyPerMinute == null ? tenantPerMinute : Math.min(keyPerMinute, tenantPerMinute);
    }
}
