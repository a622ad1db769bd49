package io.realskin.gateway.keys;

import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.keys.ApiKeyResource.KeyPage;
import io.realskin.gateway.keys.ApiKeyResource.KeyView;
import io.realskin.gateway.rest.Cursors;
import io.realskin.gateway.rest.Params;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A page of one tenant's keys, masked (id, name, hint, scopes, dates, createdBy, last use; never a key or its hash), newest first:
 * the tenant's own listing ({@code GET /v1/api-keys}) and an operator's of any tenant
 * ({@code GET /v1/admin/tenants/{id}/api-keys}) read the same query parameters the same way.
 */
@ApplicationScoped
public class KeyListing {
    private final ApiKeyRepository keys;
    private final int maxPageSize;

    public KeyListing(ApiKeyRepository keys, GatewayConfig config) {
        this.keys = keys;
        this.maxPageSize = config.jobs().maxPageSize();
    }

    /** 400 invalid-request for a state, cursor or limit it does not take, before the database is asked. */
    public Uni<KeyPage> page(String tenantId, String state, String cursor, String limit) {
        int size = Params.pageSize(limit, 20, maxPageSize);
        KeyState wanted = Params.choice("state", state, KeyState.ALL);
        Cursors.Position after = cursor == null ? null : Cursors.decode(cursor);
        return keys.page(tenantId, wanted, after == null ? null : after.createdAt(), after == null ? null : after.id(), size)
                .map(page -> new KeyPage(page.stream().map(KeyListing::view).toList(),
                        Cursors.next(page, size, StoredKey::createdAt, StoredKey::id)));
    }

    private static KeyView view(StoredKey k) {
        return new KeyView(k.id(), k.name(), k.hint(), k.scopes(), k.createdAt(), k.expiresAt(), k.revokedAt(), k.rateLimitPerMinute(),
                k.createdBy(), k.lastUsedAt());
    }
}
