package io.realskin.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realskin.contracts.ApiKeys;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.config.TestGatewayConfig;
import io.realskin.gateway.keys.ApiKeyHashes;
import io.realskin.gateway.keys.ApiKeyRepository;
import io.realskin.gateway.keys.KeyUses;
import io.realskin.gateway.keys.StoredKey;
import io.realskin.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A client sending random keys (each well formed, none known) against the key cache: before, every unknown key was
 * cached like a known one and a full cache (100,000) was cleared, so a flood of them grew the cache to its bound and
 * then pushed every real key out of it, each going back to the database.
 */
class AuthCacheTest {
    private final String known = ApiKeys.generate(false);
    private final AtomicInteger knownLookups = new AtomicInteger();
    private final ApiKeyRepository keys = new ApiKeyRepository(null) {
        private final String knownHash = ApiKeyHashes.hash(known);

        @Override
        public Uni<Optional<StoredKey>> findByHash(String keyHash) {
            if (!keyHash.equals(knownHash)) {
                return Uni.createFrom().item(Optional.empty());
            }
            knownLookups.incrementAndGet();
            return Uni.createFrom().item(Optional.of(new StoredKey("key_known", "ten_a", "ci", "…", Set.of("jobs:read"),
                    Instant.now(), null, null, "pro", null, null, null, null)));
        }
    };
    // a TTL far beyond the test's time, so that only the cache's bound can take the known key out
    private final GatewayConfig config = TestGatewayConfig.with(Map.of("realskin.auth.cache-ttl", "1h"));
    private final AuthService auth = new AuthService(keys, new KeyUses(keys, config), config, new SimpleMeterRegistry());

    @Test
    void unknownKeysNeitherGrowTheCacheNorPushOutAKnownOne() {
        assertEquals("ten_a", auth.authenticate("Bearer " + known).await().indefinitely().tenantId());
        for (int i = 0; i < AuthService.MAX_CACHED; i++) {
            String random = ApiKeys.generate(false);
            assertThrows(ProblemException.class, () -> auth.authenticate("Bearer " + random).await().indefinitely());
            if (i == AuthService.MAX_CACHED / 2) {
                assertEquals(1, auth.cachedKeys(), "unknown keys do not grow the cache");
            }
        }
        assertEquals(1, auth.cachedKeys(), "only the known key is cached");
        assertEquals("ten_a", auth.authenticate("Bearer " + known).await().indefinitely().tenantId());
        assertEquals(1, knownLookups.get(), "the known key was answered from the cache");
    }
}
