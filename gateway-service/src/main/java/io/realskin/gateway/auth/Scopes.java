package io.realskin.gateway.auth;

import java.util.Set;

/** API key scopes. */
public final class Scopes {
    public static final String JOBS_WRITE = "jobs:write";
    public static final String JOBS_READ = "jobs:read";
    public static final String BILLING_READ = "billing:read";
    public static final String ADMIN = "admin";

    public static final Set<String> ALL = Set.of(JOBS_WRITE, JOBS_READ, BILLING_READ, ADMIN);

    private Scopes() {
    }
}
