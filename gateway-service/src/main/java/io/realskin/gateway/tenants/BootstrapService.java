package io.realskin.gateway.tenants;

import io.quarkus.runtime.StartupEvent;
import io.realskin.contracts.ApiKeys;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.keys.ApiKeyRepository;
import io.realskin.gateway.keys.StoredKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;
import io.realskin.gateway.keys.ApiKeyHashes;

/** A fresh install: the admin tenant and the key of REALSKIN_ADMIN_KEY (stored hashed, idempotently). */
@ApplicationScoped
public class BootstrapService {
    private static final Logger LOG = Logger.getLogger(BootstrapService.class);

    private final GatewayConfig config;
    private final TenantRepository tenants;
    private final ApiKeyRepository keys;

    public BootstrapService(GatewayConfig config, TenantRepository tenants, ApiKeyRepository keys) {
        this.config = config;
        this.tenants = tenants;
        this.keys = keys;
    }

    void onStart(@Observes StartupEvent event) {
        config.adminKey().filter(k -> !k.isBlank()).ifPresent(key -> {
            if (!ApiKeys.isWellFormed(key)) {
                throw new IllegalStateException("REALSKIN_ADMIN_KEY is not an rsk_live_/rsk_test_ key with a valid checksum");
            }
            String tenant = config.adminTenant();
            String hash = ApiKeyHashes.hash(key);
            boolean created = tenants.insertIfAbsent(tenant, "Administrators", "ultimate")
                    .chain(() -> keys.insertIfAbsent("key_admin_" + hash.substring(0, 16), tenant, "bootstrap admin",
                            hash, ApiKeyHashes.hint(key), Scopes.ALL, null, null))
                    .await().atMost(Duration.ofSeconds(30));
            Optional<StoredKey> stored = created ? Optional.empty() : keys.findByHash(hash).await().atMost(Duration.ofSeconds(30));
            Line line = line(ApiKeyHashes.hint(key), tenant, created, stored, Instant.now());
            LOG.log(line.level(), line.text());
        });
    }

    /** A log line: its level and text. */
    record Line(Logger.Level level, String text) {
    }

    /**
     * What is true of REALSKIN_ADMIN_KEY at {@code now}: stored at this start, stored before and usable, or stored before
     * and no longer usable (revoked or expired: WARN, since a changed or reused REALSKIN_ADMIN_KEY does nothing after the
     * first start). Until 2026-12-07 it said "is active" in every case, a revoked key included.
     */
    static Line line(String hint, String tenant, boolean created, Optional<StoredKey> stored, Instant now) {
        if (created) {
            return new Line(Logger.Level.INFO, "admin key " + hint + " (REALSKIN_ADMIN_KEY) created for tenant " + tenant);
        }
        StoredKey key = stored.orElse(null);
        if (key != null && key.usableAt(now)) {
            return new Line(Logger.Level.INFO, "admin key " + hint + " (REALSKIN_ADMIN_KEY) already present and active for tenant "
                    + key.tenantId());
        }
        String state = key == null ? "could not be read back" : key.revokedAt() != null ? "was revoked at " + key.revokedAt()
                : "expired at " + key.expiresAt();
        return new Line(Logger.Level.WARN, "admin key " + hint + " (REALSKIN_ADMIN_KEY) is present but " + state + ": it does "
                + "not work. REALSKIN_ADMIN_KEY only counts on a fresh install; mint admin keys with another admin key "
                + "(POST /v1/admin/api-keys, scope admin)");
    }
}
