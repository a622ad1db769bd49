package io.realskin.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "realskin")
public interface GatewayConfig {
    /** REALSKIN_ADMIN_KEY: the first admin key of a fresh install. */
    Optional<String> adminKey();

    /** Tenant that owns the bootstrap admin key. */
    @WithDefault("admin")
    String adminTenant();

    Auth auth();

    Jobs jobs();

    interface Auth {
        /** How long a looked-up key is trusted before it is read again: bounds how late a revocation takes effect. */
        @WithDefault("2s")
        Duration cacheTtl();
    }

    interface Jobs {
        /** Longest {@code Prefer: wait=N} honoured, in seconds. */
        @WithDefault("60")
        int maxWaitSeconds();

        @WithDefault("100")
        int maxPageSize();
    }
}
