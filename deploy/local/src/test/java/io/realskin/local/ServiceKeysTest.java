package io.realskin.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The harness's key pair: tokens it signs verify with its public half only, and the key tool keeps old keys on rotation. */
class ServiceKeysTest {
    /** Generated once for the class: an RSA key pair is the costly part of every test here. */
    private static final ServiceKeys KEYS = ServiceKeys.generate();
    private static final ServiceKeys OTHER = ServiceKeys.generate();

    @Test
    void aTokenCarriesTheGatewaysClaimsAndVerifiesWithThePairOnly() {
        String claims = KEYS.verifiedClaims(KEYS.token("billing-service", "ten_a", "jobs:write").sign());
        assertTrue(claims.contains("\"iss\":\"realskin-gateway\""), claims);
        assertTrue(claims.contains("\"aud\":\"billing-service\""), claims);
        assertTrue(claims.contains("\"sub\":\"ten_a\""), claims);
        assertTrue(claims.contains("\"scope\":\"jobs:write\""), claims);
        String forged = KEYS.token("billing-service", "ten_a", "admin").signedBy(OTHER).sign();
        assertThrows(IllegalArgumentException.class, () -> KEYS.verifiedClaims(forged));
        assertThrows(IllegalArgumentException.class, () -> OTHER.verifiedClaims(KEYS.bearer("x", "y", "z").substring(7)));
    }

    @Test
    void aBearerIsReusedForTheSameAudienceTenantAndScopeOnly() {
        String first = KEYS.bearer("billing-service", "ten_a", "admin");
        assertEquals(first, KEYS.bearer("billing-service", "ten_a", "admin"));
        assertNotEquals(first, KEYS.bearer("billing-service", "ten_b", "admin"));
        assertNotEquals(first, KEYS.bearer("billing-service", "ten_a", "jobs:write"));
        assertNotEquals(first, KEYS.bearer("prompt-service", "ten_a", "admin"));
        assertNotEquals(first, OTHER.bearer("billing-service", "ten_a", "admin"));
        KEYS.verifiedClaims(first.substring("Bearer ".length()));
    }

    @Test
    void anExpiredTokenSaysSo() {
        String claims = KEYS.verifiedClaims(KEYS.token("prompt-service", "ten_a", "jobs:read").issuedAgo(Duration.ofMinutes(10)).sign());
        long exp = Long.parseLong(claims.replaceAll(".*\"exp\":(\\d+).*", "$1"));
        assertTrue(exp < System.currentTimeMillis() / 1000 - 500, claims);
    }

    @Test
    void thePrivateJwkRoundTripsAndThePublicSetNamesTheKeyId() {
        ServiceKeys again = ServiceKeys.fromSigningKey(KEYS.signingKey());
        assertEquals(KEYS.keyId(), again.keyId());
        KEYS.verifiedClaims(again.token("texture-service", "t", "s").sign());
        assertTrue(KEYS.verificationKeys().contains("\"kid\":\"" + KEYS.keyId() + "\""));
        assertFalse(KEYS.verificationKeys().contains("\"d\""), "no private part in the public set");
    }

    @Test
    void theKeyToolKeepsThePreviousKeysForARotation() {
        ServiceKeys old = OTHER;
        String printed = run(old.verificationKeys());
        String jwks = printed.lines().filter(l -> l.startsWith("MP_JWT_VERIFY_PUBLICKEY='")).findFirst().orElseThrow();
        String signing = printed.lines().filter(l -> l.startsWith("SMALLRYE_JWT_SIGN_KEY='")).findFirst().orElseThrow();
        ServiceKeys fresh = ServiceKeys.fromSigningKey(signing.substring(signing.indexOf('\'') + 1, signing.length() - 1));
        int newKey = jwks.indexOf("\"kid\":\"" + fresh.keyId() + "\"");
        int oldKey = jwks.indexOf("\"kid\":\"" + old.keyId() + "\"");
        assertTrue(newKey > 0 && oldKey > newKey, "the new key first, then the old one: " + jwks);
        assertTrue(jwks.endsWith("]}'"), jwks);
    }

    private static String run(String previous) {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ServiceKeys.main(new String[] {previous});
        } finally {
            System.setOut(out);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
