package io.realskin.gateway.keys;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * API keys made and revoked, for the dashboard: {@code realskin_gateway_api_keys_created_total{by}} and
 * {@code realskin_gateway_api_keys_revoked_total{by}}, {@code by} = {@code tenant} (its own keys, {@code /v1/api-keys})
 * or {@code admin} ({@code /v1/admin/api-keys}). A revocation of a key already revoked is not counted. Never labelled by
 * tenant.
 */
@ApplicationScoped
public class KeyMetrics {
    /** Who made the change. */
    public enum By {
        TENANT, ADMIN;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;

    public KeyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void created(By by) {
        registry.counter("realskin.gateway.api.keys.created", "by", by.label()).increment();
    }

    void revoked(By by) {
        registry.counter("realskin.gateway.api.keys.revoked", "by", by.label()).increment();
    }
}
