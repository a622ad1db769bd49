package io.realskin.local;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RSA key pair for the gateway's service tokens (docs/security.md), JDK only: the local run and the test harness
 * make a fresh one per start, tests mint tokens with it, and operators create production keys with it:
 * {@code java deploy/local/src/main/java/io/realskin/local/ServiceKeys.java [previous JWKS] > .env} prints
 * {@code SMALLRYE_JWT_SIGN_KEY} (the private JWK, for the gateway) and {@code MP_JWT_VERIFY_PUBLICKEY} (a JWKS with the
 * new public key first, then the previous set's keys, for the backends) in {@code .env} syntax.
 */
public final class ServiceKeys {
    public static final String ISSUER = "realskin-gateway";
    public static final Duration LIFETIME = Duration.ofSeconds(60);
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String SHARED_PROPERTY = "io.realskin.local.ServiceKeys.shared";
    private static ServiceKeys shared;

    private final RSAPrivateCrtKey key;
    private final String keyId;
    /** {@link #bearer}'s tokens by audience, tenant and scope, with when each was signed. */
    private final Map<List<String>, Signed> bearers = new ConcurrentHashMap<>();

    private record Signed(String header, Instant at) {
    }

    private ServiceKeys(RSAPrivateCrtKey key) {
        this.key = key;
        this.keyId = thumbprint(key);
    }

    public static ServiceKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new ServiceKeys((RSAPrivateCrtKey) generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no RSA in this JDK", e);
        }
    }

    /**
     * One pair per test JVM: every {@code @QuarkusTest} of the JVM and the tests' own tokens use it. Kept in a system
     * property too, so that a class loader of its own (a Quarkus test's) finds the same pair.
     */
    public static synchronized ServiceKeys shared() {
        if (shared == null) {
            String kept = System.getProperty(SHARED_PROPERTY);
            shared = kept == null ? generate() : fromSigningKey(kept);
            System.setProperty(SHARED_PROPERTY, shared.signingKey());
        }
        return shared;
    }

    /** The pair of a private JWK as {@link #signingKey()} writes it. */
    public static ServiceKeys fromSigningKey(String jwk) {
        try {
            RSAPrivateCrtKeySpec spec = new RSAPrivateCrtKeySpec(member(jwk, "n"), member(jwk, "e"), member(jwk, "d"),
                    member(jwk, "p"), member(jwk, "q"), member(jwk, "dp"), member(jwk, "dq"), member(jwk, "qi"));
            return new ServiceKeys((RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(spec));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA private JWK", e);
        }
    }

    /** The pair of a PKCS#8 PEM RSA key, as {@link #signingKeyPem()} writes it (and {@code deploy/k8s/create-secrets}). */
    public static ServiceKeys fromPem(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return new ServiceKeys((RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body))));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("not a PKCS#8 PEM RSA private key", e);
        }
    }

    private static BigInteger member(String jwk, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([A-Za-z0-9_-]+)\"").matcher(jwk);
        if (!m.find()) {
            throw new IllegalArgumentException("the JWK has no \"" + name + "\"");
        }
        return new BigInteger(1, Base64.getUrlDecoder().decode(m.group(1)));
    }

    /** RFC 7638 thumbprint of the public key: the gateway derives the same {@code kid} from a key that has none. */
    public String keyId() {
        return keyId;
    }

    /** The private key as a JWK, for {@code SMALLRYE_JWT_SIGN_KEY}. */
    public String signingKey() {
        Map<String, String> jwk = publicJwk();
        jwk.put("d", b64(key.getPrivateExponent()));
        jwk.put("p", b64(key.getPrimeP()));
        jwk.put("q", b64(key.getPrimeQ()));
        jwk.put("dp", b64(key.getPrimeExponentP()));
        jwk.put("dq", b64(key.getPrimeExponentQ()));
        jwk.put("qi", b64(key.getCrtCoefficient()));
        return json(jwk);
    }

    /** The private key as PKCS#8 PEM, the other form {@code SMALLRYE_JWT_SIGN_KEY} takes (its kid is then the thumbprint). */
    public String signingKeyPem() {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    /** The public key as a JWKS, for {@code MP_JWT_VERIFY_PUBLICKEY}. */
    public String verificationKeys() {
        return "{\"keys\":[" + json(publicJwk()) + "]}";
    }

    /** The same as configuration properties, for a {@code @QuarkusTest}: both, since a test may need either. */
    public Map<String, String> quarkusConfig() {
        return Map.of("smallrye.jwt.sign.key", signingKey(), "mp.jwt.verify.publickey", verificationKeys());
    }

    /** A token as the gateway makes it: {@link #ISSUER}, 60 s, RS256 with this pair's {@code kid}. */
    public Token token(String audience, String tenantId, String scope) {
        Instant now = Instant.now();
        return new Token(ISSUER, audience, tenantId, scope, now, now.plus(LIFETIME), keyId, this);
    }

    /**
     * {@code Bearer <token>} for an {@code Authorization} header. As the gateway does (ServiceTokens), a token is reused
     * for the same audience, tenant and scope during the first half of its life: an RS256 signature is the costly part
     * of a test's call (several milliseconds with the tests' C1-only JIT), and a test making a thousand calls signed a
     * thousand. {@link #token} signs a new one each time.
     */
    public String bearer(String audience, String tenantId, String scope) {
        Instant now = Instant.now();
        return bearers.compute(List.of(audience, tenantId, scope), (k, signed) -> signed != null
                && signed.at().plus(LIFETIME.dividedBy(2)).isAfter(now) ? signed
                : new Signed("Bearer " + token(audience, tenantId, scope).sign(), now)).header();
    }

    /**
     * The claims (JSON) of a compact JWS signed RS256 by this pair under its {@code kid}; a test's stand-in for a
     * backend checks the gateway's tokens with it. Throws {@link IllegalArgumentException} for anything else.
     */
    public String verifiedClaims(String jws) {
        String[] parts = jws.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a compact JWS");
        }
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        if (!header.replace(" ", "").contains("\"alg\":\"RS256\"") || !header.contains("\"" + keyId + "\"")) {
            throw new IllegalArgumentException("not RS256 with kid " + keyId + ": " + header);
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())));
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw new IllegalArgumentException("bad signature");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot verify", e);
        }
        return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    }

    /** A token's claims; the {@code with…} copies let tests make wrong ones (another issuer, expired, signed by another pair). */
    public record Token(String issuer, String audience, String subject, String scope, Instant issuedAt, Instant expiresAt,
                        String keyId, ServiceKeys signer) {
        public Token withIssuer(String issuer) {
            return new Token(issuer, audience, subject, scope, issuedAt, expiresAt, keyId, signer);
        }

        public Token withAudience(String audience) {
            return new Token(issuer, audience, subject, scope, issuedAt, expiresAt, keyId, signer);
        }

        public Token withSubject(String subject) {
            return new Token(issuer, audience, subject, scope, issuedAt, expiresAt, keyId, signer);
        }

        public Token withScope(String scope) {
            return new Token(issuer, audience, subject, scope, issuedAt, expiresAt, keyId, signer);
        }

        /** Issued {@code ago} and expired at once after 60 s: {@code ago} over a minute (plus clock skew) is expired. */
        public Token issuedAgo(Duration ago) {
            Instant issued = Instant.now().minus(ago);
            return new Token(issuer, audience, subject, scope, issued, issued.plus(LIFETIME), keyId, signer);
        }

        /** Signed by another key pair under this one's {@code kid}: a forgery. */
        public Token signedBy(ServiceKeys other) {
            return new Token(issuer, audience, subject, scope, issuedAt, expiresAt, keyId, other);
        }

        /** The compact JWS. */
        public String sign() {
            Map<String, String> header = new LinkedHashMap<>();
            header.put("alg", "RS256");
            header.put("typ", "JWT");
            header.put("kid", keyId);
            StringBuilder claims = new StringBuilder("{");
            claims.append("\"iss\":").append(quote(issuer)).append(",\"aud\":").append(quote(audience))
                    .append(",\"sub\":").append(quote(subject)).append(",\"scope\":").append(quote(scope))
                    .append(",\"iat\":").append(issuedAt.getEpochSecond()).append(",\"exp\":").append(expiresAt.getEpochSecond())
                    .append(",\"jti\":").append(quote(java.util.UUID.randomUUID().toString())).append('}');
            String signingInput = B64URL.encodeToString(json(header).getBytes(StandardCharsets.UTF_8)) + "."
                    + B64URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
            try {
                Signature rsa = Signature.getInstance("SHA256withRSA");
                rsa.initSign(signer.key);
                rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
                return signingInput + "." + B64URL.encodeToString(rsa.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot sign a token", e);
            }
        }
    }

    private Map<String, String> publicJwk() {
        Map<String, String> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("kid", keyId);
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("n", b64(key.getModulus()));
        jwk.put("e", b64(key.getPublicExponent()));
        return jwk;
    }

    private static String thumbprint(RSAPrivateCrtKey key) {
        String canonical = "{\"e\":\"" + b64(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\"" + b64(key.getModulus()) + "\"}";
        try {
            return B64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Unsigned big-endian bytes, base64url (RFC 7518 section 6.3). */
    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return B64URL.encodeToString(bytes);
    }

    private static String json(Map<String, String> members) {
        StringBuilder out = new StringBuilder("{");
        members.forEach((name, value) -> out.append(out.length() > 1 ? "," : "").append(quote(name)).append(':').append(quote(value)));
        return out.append('}').toString();
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** Prints a new pair in .env syntax; with a previous JWKS as argument, its keys stay in the new set (rotation). */
    public static void main(String[] args) {
        ServiceKeys keys = generate();
        String jwks = keys.verificationKeys();
        if (args.length > 0 && !args[0].isBlank()) {
            String previous = args[0].trim();
            int open = previous.indexOf('[');
            int close = previous.lastIndexOf(']');
            if (!previous.startsWith("{") || open < 0 || close < open) {
                System.err.println("the argument must be the current JWKS ({\"keys\":[...]}), as in MP_JWT_VERIFY_PUBLICKEY");
                System.exit(2);
            }
            String kept = previous.substring(open + 1, close).trim();
            jwks = kept.isEmpty() ? jwks : jwks.substring(0, jwks.length() - 2) + "," + kept + "]}";
        }
        System.out.println("# service-token keys, kid " + keys.keyId() + " (docs/security.md)");
        System.out.println("SMALLRYE_JWT_SIGN_KEY='" + keys.signingKey() + "'");
        System.out.println("MP_JWT_VERIFY_PUBLICKEY='" + jwks + "'");
    }
}
