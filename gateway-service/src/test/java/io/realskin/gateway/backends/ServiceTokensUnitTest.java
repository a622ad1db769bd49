package io.realskin.gateway.backends;

import io.realskin.local.ServiceKeys;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The signer on its own: no key, no gateway; both key forms give tokens the backends' key set verifies; reuse. */
class ServiceTokensUnitTest {
    private final ServiceKeys keys = ServiceKeys.generate();

    @Test
    void withoutASigningKeyTheGatewayDoesNotStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ServiceTokens(Optional.empty()));
        assertTrue(e.getMessage().startsWith("SMALLRYE_JWT_SIGN_KEY is not set"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new ServiceTokens(Optional.of("{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}")));
    }

    @Test
    void aJwkSignsUnderItsKidAndAPemKeyUnderTheSameThumbprint() {
        for (ServiceTokens tokens : new ServiceTokens[] {new ServiceTokens(Optional.of(keys.signingKey())),
                new ServiceTokens(Optional.of(keys.signingKeyPem()))}) {
            assertEquals(keys.keyId(), tokens.keyId());
            String claims = keys.verifiedClaims(tokens.token("billing-service", "ten_a", "jobs:write"));
            assertTrue(claims.contains("\"iss\":\"realskin-gateway\"") && claims.contains("\"aud\":\"billing-service\"")
                    && claims.contains("\"sub\":\"ten_a\"") && claims.contains("\"scope\":\"jobs:write\""), claims);
        }
    }

    @Test
    void aTokenIsReusedForTheSameAudienceTenantAndScopeOnly() {
        ServiceTokens tokens = new ServiceTokens(Optional.of(keys.signingKey()));
        String first = tokens.token("billing-service", "ten_a", "jobs:write");
        assertEquals(first, tokens.token("billing-service", "ten_a", "jobs:write"));
        assertNotEquals(first, tokens.token("billing-service", "ten_b", "jobs:write"));
        assertNotEquals(first, tokens.token("billing-service", "ten_a", "admin"));
        assertNotEquals(first, tokens.token("prompt-service", "ten_a", "jobs:write"));
    }
}
