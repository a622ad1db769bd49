package io.realskin.gateway.keys;

/**
 * What a tenant's own keys are held to when they create one ({@code POST /v1/api-keys}): at most {@code maxActive} active
 * keys (409 too-many-keys), and at most {@code maxCreatedPerDay} keys created by its keys within any 24 hours (429
 * too-many-key-creations). An administrator's creation is held to neither.
 */
public record KeyCaps(int maxActive, int maxCreatedPerDay) {
}
