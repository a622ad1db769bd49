package io.realskin.gateway.keys;

/**
 * What a tenant's own keys are held to when they create one ({@code POST /v1/api-keys}): at most {@code maxActive} active
 * keys (409 too-many-keys), and at most {@code maxCreatedPerDay} keys created by its keys within any 24 hours (429
 * too-many-key-creations). An administrator's creation is held to neither. Each is at least 1: a tenant that may not
 * make keys is one whose keys lack keys:write.
 */
public record KeyCaps(int maxActive, int maxCreatedPerDay) {
    public KeyCaps {
        if (maxActive < 1) {
            throw new IllegalArgumentException("realskin.keys.max-active-per-tenant must be at least 1, not " + maxActive);
        }
        if (maxCreatedPerDay < 1) {
            throw new IllegalArgumentException("realskin.keys.max-created-per-tenant-per-day must be at least 1, not " + maxCreatedPerDay);
        }
    }
}
