package io.realskin.gateway.keys;

import io.realskin.gateway.auth.Caller;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.problems.Problems;
import io.realskin.support.problem.ProblemException;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a tenant's key may give a key it creates ({@code POST /v1/api-keys}): never more than it has itself; and which of
 * its tenant's keys it may revoke ({@link #requireRevocable}): none holding more than itself. Each refusal
 * is 403 grant-exceeds-key naming the field (and the scope); what no key may have at all (an unknown scope, a past
 * expiry) is left to {@link ApiKeyService#requireValid}'s 400. Pure: no I/O, no clock.
 * <ul>
 * <li>scopes: only ones the calling key holds ({@link Caller#has}), and never {@code admin};</li>
 * <li>live or test: the calling key's (a test key cannot make a live key); {@code live}, when sent, must agree;</li>
 * <li>rate limit: at most the calling key's; none asked, the calling key's own (or, like it, the plan's);</li>
 * <li>expiry: when the calling key expires, no later than it; none asked, the calling key's.</li>
 * </ul>
 */
public final class KeyGrantPolicy {
    /** What the new key gets. */
    public record Grant(KeySpec spec, boolean live) {
    }

    /** {@code own} is the calling key as stored, {@code caller} as authenticated (its scopes and effective rate limit). */
    public static Grant grant(Caller caller, StoredKey own, KeySpec requested, Boolean live) {
        for (String scope : new TreeSet<>(requested.scopes())) {
            if (scope.equals(Scopes.ADMIN)) {
                throw Problems.scopeNotGrantable(scope, "the admin scope is never granted with POST /v1/api-keys; an administrator "
                        + "grants it with POST /v1/admin/api-keys");
            }
            if (!caller.has(scope) && Scopes.ALL.contains(scope)) { // an unknown one is ApiKeyService.requireValid's 400
                throw Problems.scopeNotGrantable(scope, "this key may not grant the scope " + scope
                        + ": a new key holds only scopes the key creating it holds");
            }
        }
        if (live != null && live != own.live()) {
            throw Problems.grantExceedsKey("live", own.live() ? "a live key creates live keys only"
                    : "a test key cannot create live keys");
        }
        Integer rate = requested.rateLimitPerMinute();
        if (rate != null && rate > caller.ratePerMinute()) {
            boolean ownIsLower = caller.keyPerMinute() != null && caller.keyPerMinute() < caller.tenantPerMinute();
            throw Problems.grantExceedsKey("rateLimitPerMinute", "rateLimitPerMinute " + rate + " is above this key's limit of "
                    + caller.ratePerMinute() + " requests per minute, " + (ownIsLower ? "its own" : "its tenant's plan limit"));
        }
        Instant expiresAt = requested.expiresAt();
        if (expiresAt != null && own.expiresAt() != null && expiresAt.isAfter(own.expiresAt())) {
            throw Problems.grantExceedsKey("expiresAt", "expiresAt " + expiresAt + " is after this key's own expiry, "
                    + own.expiresAt() + ": a new key expires no later than the key creating it");
        }
        return new Grant(new KeySpec(requested.name(), Set.copyOf(requested.scopes()),
                expiresAt != null ? expiresAt : own.expiresAt(), rate != null ? rate : own.rateLimitPerMinute()), own.live());
    }

    /**
     * A key may revoke only keys that hold nothing it lacks (itself included): a key with {@code keys:write} alone cannot
     * take away the tenant's production key, nor a non-admin key the admin tenant's admin key.
     */
    public static void requireRevocable(Caller caller, StoredKey target) {
        for (String scope : new TreeSet<>(target.scopes())) {
            if (!caller.has(scope)) {
                throw notRevocable(scope);
            }
        }
    }

    /** The refusal of {@link #requireRevocable}: a key to revoke holds {@code scope}, which the calling key lacks. */
    public static ProblemException notRevocable(String scope) {
        return Problems.scopeNotGrantable(scope, "this key may not revoke a key holding the scope " + scope
                + ", which it lacks itself; a key holding it (or an administrator) may");
    }

    private KeyGrantPolicy() {
    }
}
