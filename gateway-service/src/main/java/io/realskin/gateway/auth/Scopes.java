package io.realskin.gateway.auth;

import java.util.Set;

/** API key scopes. */
public final class Scopes {
    public static final String JOBS_WRITE = "jobs:write";
    public static final String JOBS_READ = "jobs:read";
    public static final String BILLING_READ = "billing:read";
    /** Create and revoke the tenant's own keys ({@code POST}/{@code DELETE /v1/api-keys}), never beyond the caller's own. */
    public static final String KEYS_WRITE = "keys:write";
    public static final String ADMIN = "admin";

    public static final Set<String> ALL = Set.of(JOBS_WRITE, JOBS_READ, BILLING_READ, KEYS_WRITE, ADMIN);

    private Scopes() {
    }
}
