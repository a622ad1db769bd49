package io.realskin.gateway.tenants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.gateway.keys.StoredKey;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/** The start says what is true of REALSKIN_ADMIN_KEY: it said "is active" of a key revoked long before. */
class BootstrapServiceTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final String HINT = "rsk_test_…abcdef";

    private static StoredKey key(Instant revokedAt, Instant expiresAt) {
        return new StoredKey("key_admin_0123456789abcdef", "admin", "bootstrap admin", HINT, Set.of("admin"),
                NOW.minusSeconds(86_400), expiresAt, revokedAt, "ultimate", null, null, null, null);
    }

    @Test
    void aKeyStoredNowIsCreated() {
        BootstrapService.Line line = BootstrapService.line(HINT, "admin", true, Optional.empty(), NOW);
        assertEquals(Logger.Level.INFO, line.level());
        assertEquals("admin key rsk_test_…abcdef (REALSKIN_ADMIN_KEY) created for tenant admin", line.text());
    }

    @Test
    void aKeyStoredBeforeAndUsableIsAlreadyPresent() {
        BootstrapService.Line line = BootstrapService.line(HINT, "admin", false, Optional.of(key(null, null)), NOW);
        assertEquals(Logger.Level.INFO, line.level());
        assertTrue(line.text().contains("already present and active"), line.text());
    }

    @Test
    void aRevokedOrExpiredKeyIsAWarningThatItDoesNotWork() {
        for (StoredKey dead : new StoredKey[] {key(NOW.minusSeconds(60), null), key(null, NOW.minusSeconds(1))}) {
            BootstrapService.Line line = BootstrapService.line(HINT, "admin", false, Optional.of(dead), NOW);
            assertEquals(Logger.Level.WARN, line.level(), line.text());
            assertFalse(line.text().contains("is active") || line.text().contains("and active"), line.text());
            assertTrue(line.text().contains("REALSKIN_ADMIN_KEY only counts on a fresh install"), line.text());
        }
        assertTrue(BootstrapService.line(HINT, "admin", false, Optional.of(key(NOW.minusSeconds(60), null)), NOW).text()
                .contains("was revoked at " + NOW.minusSeconds(60)));
    }
}
