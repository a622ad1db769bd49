package io.realskin.gateway.backends;

import io.realskin.local.ServiceKeys;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The signer on its own: no key, no gateway; both key forms give tokens the backends' key set verifies; reuse. */
class ServiceTokensUnitTest {
    /** One pair for the class: generating an RSA key is most of this class's time otherwise (once per test method). */
    private static final ServiceKeys KEYS = ServiceKeys.generate();

    @Test
    void withoutASigningKeyTheGatewayDoesNotStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ServiceTokens(Optional.empty()));
        assertTrue(e.getMessage().startsWith("SMALLRYE_JWT_SIGN_KEY is not set"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new ServiceTokens(Optional.of("{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}")));
    }

    @Test
    void aJwkSignsUnderItsKidAndAPemKeyUnderTheSameThumbprint() {
        for (ServiceTokens tokens : new ServiceTokens[] {new ServiceTokens(Optional.of(KEYS.signingKey())),
                new ServiceTokens(Optional.of(KEYS.signingKeyPem()))}) {
            assertEquals(KEYS.keyId(), tokens.keyId());
            String claims = KEYS.verifiedClaims(tokens.token("billing-service", "ten_a", "jobs:write"));
            assertTrue(claims.contains("\"iss\":\"realskin-gateway\"") && claims.contains("\"aud\":\"billing-service\"")
                    && claims.contains("\"sub\":\"ten_a\"") && claims.contains("\"scope\":\"jobs:write\""), claims);
        }
    }

    @Test
    void aTokenIsReusedForTheSameAudienceTenantAndScopeOnly() {
        ServiceTokens tokens = new ServiceTokens(Optional.of(KEYS.signingKey()));
        String first = tokens.token("billing-service", "ten_a", "jobs:write");
        assertEquals(first, tokens.token("billing-service", "ten_a", "jobs:write"));
        assertNotEquals(first, tokens.token("billing-service", "ten_b", "jobs:write"));
        assertNotEquals(first, tokens.token("billing-service", "ten_a", "admin"));
        assertNotEquals(first, tokens.token("prompt-service", "ten_a", "jobs:write"));
    }

    @Test
    void aTokenIsReusedForHalfItsLifeThenRenewed() {
        AtomicLong now = new AtomicLong();
        ServiceTokens tokens = new ServiceTokens(Optional.of(KEYS.signingKey()), now::get);
        String first = tokens.token("billing-service", "ten_a", "jobs:write");
        now.set(TimeUnit.SECONDS.toNanos(29));
        assertEquals(first, tokens.token("billing-service", "ten_a", "jobs:write"));
        now.set(TimeUnit.SECONDS.toNanos(31));
        String second = tokens.token("billing-service", "ten_a", "jobs:write");
        assertNotEquals(first, second);
        assertEquals(second, tokens.token("billing-service", "ten_a", "jobs:write"));
        KEYS.verifiedClaims(second);
    }

    @Test
    void concurrentCallsAfterTheReuseWindowSignOneSuccessorBetweenThem() throws Exception {
        AtomicLong now = new AtomicLong();
        ServiceTokens tokens = new ServiceTokens(Optional.of(KEYS.signingKey()), now::get);
        String first = tokens.token("billing-service", "ten_a", "jobs:write");
        now.set(TimeUnit.SECONDS.toNanos(31));
        Set<String> seen = concurrently(tokens);
        seen.remove(first); // calls while the successor was being signed keep the current token
        assertEquals(1, seen.size(), "one successor, signed once");
        assertEquals(seen.iterator().next(), tokens.token("billing-service", "ten_a", "jobs:write"));
    }

    @Test
    void concurrentCallsWithoutAUsableTokenShareOneSignature() throws Exception {
        AtomicLong now = new AtomicLong();
        ServiceTokens tokens = new ServiceTokens(Optional.of(KEYS.signingKey()), now::get);
        String first = tokens.token("billing-service", "ten_a", "jobs:write");
        now.set(ServiceTokens.USABLE_FOR.toNanos() + 1); // after a pause: nothing to hand out meanwhile
        Set<String> seen = concurrently(tokens);
        assertEquals(1, seen.size(), "one signature for all of them");
        assertNotEquals(first, seen.iterator().next());
    }

    /** The tokens 32 calls on 8 threads got, all at the same clock reading. */
    private static Set<String> concurrently(ServiceTokens tokens) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                calls.add(() -> tokens.token("billing-service", "ten_a", "jobs:write"));
            }
            Set<String> seen = new HashSet<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                seen.add(f.get());
            }
            return seen;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTokenPastItsUsableTimeIsNeverHandedOut() {
        AtomicLong now = new AtomicLong();
        ServiceTokens tokens = new ServiceTokens(Optional.of(KEYS.signingKey()), now::get);
        String first = tokens.token("billing-service", "ten_a", "jobs:write");
        now.set(ServiceTokens.USABLE_FOR.toNanos());
        assertNotEquals(first, tokens.token("billing-service", "ten_a", "jobs:write"));
    }
}
