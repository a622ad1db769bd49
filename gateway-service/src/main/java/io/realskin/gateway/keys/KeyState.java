package io.realskin.gateway.keys;

/** The {@code state} filter of {@code GET /v1/api-keys}, as a condition on {@code api_keys k}. */
public enum KeyState {
    ACTIVE(KeyState.ACTIVE_KEY), INACTIVE("not (" + KeyState.ACTIVE_KEY + ")"), ALL("true");

    /** Neither revoked nor expired: what a request may be made with, and what the cap on a tenant's keys counts. */
    public static final String ACTIVE_KEY = "k.revoked_at is null and (k.expires_at is null or k.expires_at > now())";

    private final String condition;

    KeyState(String condition) {
        this.condition = condition;
    }

    String condition() {
        return condition;
    }
}
