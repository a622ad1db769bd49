package io.realskin.gateway.backends;

import io.quarkus.runtime.Startup;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * The gateway's service tokens (docs/security.md): RS256 JWTs, issuer {@value #ISSUER}, audience the backend, subject
 * the tenant, claim {@code scope}, 60 s, with the signing key's {@code kid}. A token is reused for the same audience,
 * tenant and scope during the first half of its life, so the submit path signs about once per 30 s per tenant instead
 * of once per call. Its successor is signed once, by the first call after that half: the calls meanwhile keep the
 * current token (handed out until it is {@link #USABLE_FOR} old), so the tenant's concurrent calls neither wait for a
 * signature nor each sign one of their own. Without a usable token (the first call, or after a pause), one call signs
 * and the others wait for its token. The key is {@code SMALLRYE_JWT_SIGN_KEY} (a private JWK, or a
 * PKCS#8 PEM key); without it the gateway does not start.
 */
@Startup
@ApplicationScoped
public class ServiceTokens {
    public static final String ISSUER = "realskin-gateway";
    static final Duration LIFETIME = Duration.ofSeconds(60);
    private static final long REUSE_NANOS = LIFETIME.toNanos() / 2;
    /** How long a token may be handed out while its successor is being signed: it then still has 20 s to live. */
    static final Duration USABLE_FOR = Duration.ofSeconds(40);
    private static final int MAX_CACHED = 10_000;
    private static final Logger LOG = Logger.getLogger(ServiceTokens.class);

    private record Key(String audience, String tenantId, String scope) {
    }

    /** {@code renewing}: a call is signing this token's successor. */
    private record Cached(String token, long signedAtNanos, AtomicBoolean renewing) {
    }

    private final PrivateKey signingKey;
    private final String keyId;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<Key, Cached> cache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key, CompletableFuture<String>> signing = new ConcurrentHashMap<>();

    @Inject
    public ServiceTokens(@ConfigProperty(name = "smallrye.jwt.sign.key") Optional<String> key) {
        this(key, System::nanoTime);
    }

    /** The clock seam: unit tests move time by hand. */
    ServiceTokens(Optional<String> key, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        String content = key.filter(k -> !k.isBlank()).orElseThrow(() -> new IllegalStateException("SMALLRYE_JWT_SIGN_KEY is not set:"
                + " the gateway signs a service token for every call to billing-service, prompt-service and texture-service"
                + " with it, and they refuse calls without one. Generate a key pair as docs/security.md says (the gateway"
                + " gets the private JWK, every backend the public JWKS in MP_JWT_VERIFY_PUBLICKEY)."));
        RSAPrivateCrtKey rsa;
        String kid;
        try {
            if (content.trim().startsWith("{")) {
                JsonWebKey jwk = JsonWebKey.Factory.newJwk(content.trim());
                if (!(jwk instanceof RsaJsonWebKey r) || r.getRsaPrivateKey() == null) {
                    throw new IllegalStateException("SMALLRYE_JWT_SIGN_KEY must be an RSA private key (a JWK with \"d\")");
                }
                rsa = (RSAPrivateCrtKey) r.getRsaPrivateKey();
                kid = r.getKeyId();
            } else {
                rsa = (RSAPrivateCrtKey) KeyUtils.decodePrivateKey(content.trim());
                kid = null;
            }
            this.keyId = kid == null || kid.isBlank() ? thumbprint(rsa) : kid;
        } catch (JoseException | GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("SMALLRYE_JWT_SIGN_KEY is not an RSA private key (a JWK, or PKCS#8 PEM): " + e.getMessage(), e);
        }
        this.signingKey = rsa;
        LOG.infof("service tokens are signed with key %s", keyId);
    }

    /** A token for {@code audience}, valid at least another 20 s. */
    public String token(String audience, String tenantId, String scope) {
        Key key = new Key(audience, tenantId, scope);
        long now = nanoTime.getAsLong();
        Cached cached = cache.get(key);
        if (cached != null) {
            long age = now - cached.signedAtNanos();
            if (age < REUSE_NANOS) {
                return cached.token();
            }
            if (age < USABLE_FOR.toNanos() && !cached.renewing().compareAndSet(false, true)) {
                return cached.token(); // another call is signing its successor
            }
        }
        return signOnce(key, now);
    }

    /** Signs the key's next token; calls that need one meanwhile wait for it instead of each signing their own. */
    private String signOnce(Key key, long now) {
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> running = signing.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            Cached fresh = cache.get(key); // signed by a call that finished just before this one began
            String token = fresh != null && now - fresh.signedAtNanos() < REUSE_NANOS ? fresh.token() : sign(key);
            if (fresh == null || !token.equals(fresh.token())) {
                if (cache.size() >= MAX_CACHED) {
                    cache.values().removeIf(c -> now - c.signedAtNanos() >= REUSE_NANOS);
                    if (cache.size() >= MAX_CACHED) {
                        cache.clear();
                    }
                }
                cache.put(key, new Cached(token, now, new AtomicBoolean()));
            }
            mine.complete(token);
            return token;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            signing.remove(key, mine);
        }
    }

    /** The {@code kid} of the signing key: the backends find its public half in their JWKS by it. */
    public String keyId() {
        return keyId;
    }

    private String sign(Key key) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER).audience(key.audience()).subject(key.tenantId()).claim("scope", key.scope())
                .issuedAt(now).expiresAt(now.plus(LIFETIME))
                .jws().keyId(keyId).algorithm(SignatureAlgorithm.RS256).sign(signingKey);
    }

    /** RFC 7638: what {@code kid} a key without one gets, the same as the project's key tool writes. */
    private static String thumbprint(RSAPrivateCrtKey key) throws GeneralSecurityException, JoseException {
        var publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        return PublicJsonWebKey.Factory.newPublicJwk(publicKey).calculateBase64urlEncodedThumbprint("SHA-256");
    }
}
