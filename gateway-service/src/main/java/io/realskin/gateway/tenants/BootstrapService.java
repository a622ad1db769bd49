package io.realskin.gateway.tenants;

import io.quarkus.runtime.StartupEvent;
import io.realskin.contracts.ApiKeys;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.keys.ApiKeyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
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
            tenants.insertIfAbsent(tenant, "Administrators", "ultimate")
                    .chain(() -> keys.insertIfAbsent("key_admin_" + ApiKeyHashes.hash(key).substring(0, 16), tenant, "bootstrap admin",
                            ApiKeyHashes.hash(key), ApiKeyHashes.hint(key), Scopes.ALL, null, null))
                    .await().atMost(Duration.ofSeconds(30));
            LOG.infof("admin key %s is active for tenant %s", ApiKeyHashes.hint(key), tenant);
        });
    }
}
