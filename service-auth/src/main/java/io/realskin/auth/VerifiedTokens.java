package io.realskin.auth;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A service token is verified once, not on every call: the gateway reuses a token for the first 30 s of its 60 s life
 * (docs/security.md), so a backend sees the same token on hundreds of calls, and checking its RS256 signature and
 * claims each time cost a submit more CPU than billing's own work for it. The token SmallRye JWT verified (signature,
 * issuer, audience, expiry) is kept, as the JsonWebToken it became, under its whole text (signature included: no other
 * text finds it), and served until its {@code exp}; after that, and for a token not seen before, SmallRye JWT verifies it
 * in full again. A token that fails is never kept. The keys are fixed for the process's life (MP_JWT_VERIFY_PUBLICKEY),
 * so a kept token is one the keys still accept.
 */
@Alternative
@Priority(1)
@Singleton
public class VerifiedTokens implements JWTParser {
    static final int MAX_KEPT = 10_000;

    private record Verified(JsonWebToken token, long expiresAtSecond) {
    }

    private final JWTParser verifier;
    private final LongSupplier epochSeconds;
    private final ConcurrentHashMap<String, Verified> kept = new ConcurrentHashMap<>();

    @Inject
    public VerifiedTokens(DefaultJWTParser verifier) {
        this(verifier, () -> Instant.now().getEpochSecond());
    }

    /** The clock seam: unit tests move time by hand. */
    VerifiedTokens(JWTParser verifier, LongSupplier epochSeconds) {
        this.verifier = verifier;
        this.epochSeconds = epochSeconds;
    }

    /** What the backends' authentication calls for every request's bearer token. */
    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = epochSeconds.getAsLong();
        Verified hit = kept.get(token);
        if (hit != null && now < hit.expiresAtSecond()) {
            return hit.token();
        }
        JsonWebToken verified = verifier.parse(token);
        long expires = verified.getExpirationTime();
        if (expires > now) {
            if (kept.size() >= MAX_KEPT) {
                kept.values().removeIf(v -> now >= v.expiresAtSecond());
                if (kept.size() >= MAX_KEPT) {
                    kept.clear();
                }
            }
            kept.put(token, new Verified(verified, expires));
        } else if (hit != null) {
            kept.remove(token);
        }
        return verified;
    }

    int size() {
        return kept.size();
    }

    // Everything else is not the per-request check: passed through as it is.

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
