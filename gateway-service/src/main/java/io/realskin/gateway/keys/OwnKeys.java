package io.realskin.gateway.keys;

import io.quarkus.runtime.Startup;
import io.realskin.gateway.auth.Caller;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.keys.KeyMetrics.By;
import io.realskin.gateway.problems.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A tenant's own keys, created and revoked by a key with scope {@code keys:write} ({@code POST}/{@code DELETE
 * /v1/api-keys}): only in its tenant, never beyond itself ({@link KeyGrantPolicy}), at most
 * {@code realskin.keys.max-active-per-tenant} active keys and {@code realskin.keys.max-created-per-tenant-per-day}
 * creations within 24 hours ({@link KeyCaps}; made at start, so a cap below 1 stops the gateway there). Blocking.
 */
@Startup
@ApplicationScoped
public class OwnKeys {
    /** realskin.database.timeout: how long a read of the caller's key waits for the database. */
    private final Duration dbTimeout;

    private final ApiKeyRepository keys;
    private final ApiKeyService service;
    private final KeyCaps caps;

    public OwnKeys(ApiKeyRepository keys, ApiKeyService service, GatewayConfig config) {
        this.dbTimeout = config.database().timeout();
        this.keys = keys;
        this.service = service;
        this.caps = new KeyCaps(config.keys().maxActivePerTenant(), config.keys().maxCreatedPerTenantPerDay());
    }

    /** The grant policy first (403; admin included, which is no 400 here), then what any key must be (400), then the caps (409, 429). */
    public NewKey create(Caller caller, KeySpec requested, Boolean live) {
        KeyGrantPolicy.Grant grant = KeyGrantPolicy.grant(caller, current(caller), requested, live);
        return service.create(caller, caller.tenantId(), grant.spec(), grant.live(), caps, By.TENANT);
    }

    /** The calling key itself included: its own answer is still 204, its next request 401. */
    public void revoke(Caller caller, String keyId) {
        current(caller);
        service.revokeOwn(caller, keyId);
    }

    /** As {@link #revoke}, with every key created from it; the ids revoked now. */
    public List<String> revokeWithDescendants(Caller caller, String keyId) {
        current(caller);
        return service.revokeOwnWithDescendants(caller, keyId);
    }

    /**
     * The calling key as stored now, not as the auth cache saw it up to {@code realskin.auth.cache-ttl} ago: a key revoked
     * (or expired) a moment ago, on any replica, creates and revokes nothing (401).
     */
    private StoredKey current(Caller caller) {
        StoredKey own = keys.findById(caller.keyId()).await().atMost(dbTimeout)
                .orElseThrow(() -> Problems.unauthorized("the API key is not known"));
        own.requireUsable(Instant.now());
        return own;
    }
}
