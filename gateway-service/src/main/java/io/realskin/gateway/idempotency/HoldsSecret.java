package io.realskin.gateway.idempotency;

/**
 * An answer's entity that holds a secret minted for the caller (a new API key, a webhook signing secret), shown in this
 * answer only: the idempotency store never keeps it ({@link IdempotencyInterceptor}), and its route is
 * {@code @Uncompressed} (BREACH; docs/security.md). Text the caller chose that merely looks like a secret is no secret.
 */
public interface HoldsSecret {
}
