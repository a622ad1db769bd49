package io.realskin.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import java.lang.reflect.Proxy;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real RS256 tokens verified by SmallRye JWT's own parser; the cache in front of it must only ever save work. */
class VerifiedTokensTest {
    private static final String ISSUER = "realskin-gateway";
    private static KeyPair keys;
    private static KeyPair otherKeys;

    private final AtomicLong now = new AtomicLong(Instant.now().getEpochSecond());
    private final AtomicInteger verifications = new AtomicInteger();
    private final VerifiedTokens tokens = new VerifiedTokens(counting(smallRye()), now::get);

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        otherKeys = generator.generateKeyPair();
    }

    @Test
    void aTokenIsVerifiedOnceAndServedUntilItExpires() throws Exception {
        String token = sign(keys, "tenant-a", now.get() + 60);
        JsonWebToken first = tokens.parse(token);
        JsonWebToken again = tokens.parse(token);
        assertEquals("tenant-a", first.getSubject());
        assertEquals("jobs:write", first.getClaim("scope"));
        assertSame(first, again);
        assertEquals(1, verifications.get());

        now.addAndGet(59);
        tokens.parse(token);
        assertEquals(1, verifications.get());

        now.addAndGet(1); // exp reached: verified in full again (SmallRye JWT's clock skew decides)
        tokens.parse(token);
        assertEquals(2, verifications.get());
    }

    @Test
    void eachTokenTextIsItsOwnEntry() throws Exception {
        JsonWebToken a = tokens.parse(sign(keys, "tenant-a", now.get() + 60));
        JsonWebToken b = tokens.parse(sign(keys, "tenant-b", now.get() + 60));
        assertEquals("tenant-a", a.getSubject());
        assertEquals("tenant-b", b.getSubject());
        assertEquals(2, verifications.get());
    }

    @Test
    void aTokenThatFailsIsNeverKept() throws Exception {
        String foreign = sign(otherKeys, "tenant-a", now.get() + 60);
        assertThrows(ParseException.class, () -> tokens.parse(foreign));
        assertThrows(ParseException.class, () -> tokens.parse(foreign));
        assertEquals(2, verifications.get());
        assertEquals(0, tokens.size());
    }

    @Test
    void aKeptTokenDoesNotVouchForAnAlteredCopy() throws Exception {
        String token = sign(keys, "tenant-a", now.get() + 60);
        tokens.parse(token);
        String[] parts = token.split("\\.");
        String otherTenant = sign(otherKeys, "tenant-b", now.get() + 60).split("\\.")[1];
        assertThrows(ParseException.class, () -> tokens.parse(parts[0] + "." + otherTenant + "." + parts[2]));
        String badSignature = parts[0] + "." + parts[1] + "." + (parts[2].charAt(0) == 'A' ? 'B' : 'A') + parts[2].substring(1);
        assertThrows(ParseException.class, () -> tokens.parse(badSignature));
    }

    @Test
    void anExpiredTokenIsRefusedAndNotKept() throws Exception {
        String expired = sign(keys, "tenant-a", now.get() - 3600);
        assertThrows(ParseException.class, () -> tokens.parse(expired));
        assertEquals(0, tokens.size());
    }

    @Test
    void theNumberKeptIsBounded() throws Exception {
        VerifiedTokens small = new VerifiedTokens(stubbed(now.get() + 60), now::get);
        for (int i = 0; i < VerifiedTokens.MAX_KEPT + 10; i++) {
            small.parse("token-" + i);
        }
        assertTrue(small.size() <= VerifiedTokens.MAX_KEPT);
    }

    private static JWTParser smallRye() {
        JWTAuthContextInfo context = new JWTAuthContextInfo(keys.getPublic(), ISSUER);
        context.setExpectedAudience(Set.of("billing-service"));
        return new DefaultJWTParser(context);
    }

    private JWTParser counting(JWTParser parser) {
        return (JWTParser) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {JWTParser.class}, (proxy, method, args) -> {
            if (method.getName().equals("parse") && args.length == 1) {
                verifications.incrementAndGet();
            }
            try {
                return method.invoke(parser, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    /** Any text "verifies" to a token expiring at {@code exp}: for the bound alone. */
    private static JWTParser stubbed(long exp) {
        return (JWTParser) Proxy.newProxyInstance(VerifiedTokensTest.class.getClassLoader(), new Class<?>[] {JWTParser.class},
                (proxy, method, args) -> Proxy.newProxyInstance(VerifiedTokensTest.class.getClassLoader(),
                        new Class<?>[] {JsonWebToken.class}, (t, m, a) -> m.getName().equals("getExpirationTime") ? exp : null));
    }

    private static String sign(KeyPair pair, String tenant, long expiresAt) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience("billing-service");
        claims.setSubject(tenant);
        claims.setClaim("scope", "jobs:write");
        claims.setIssuedAt(NumericDate.fromSeconds(expiresAt - 60));
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt));
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(pair.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }
}
