package io.realskin.gateway.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A cap below 1 is a configuration error named at start, not a failing statement at every creation. */
class KeyCapsTest {
    @Test
    void eachCapIsAtLeastOne() {
        assertEquals(1, new KeyCaps(1, 1).maxCreatedPerDay());
        IllegalArgumentException active = assertThrows(IllegalArgumentException.class, () -> new KeyCaps(0, 100));
        assertTrue(active.getMessage().contains("realskin.keys.max-active-per-tenant"), active.getMessage());
        IllegalArgumentException created = assertThrows(IllegalArgumentException.class, () -> new KeyCaps(50, 0));
        assertTrue(created.getMessage().contains("realskin.keys.max-created-per-tenant-per-day"), created.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new KeyCaps(50, -1));
    }
}
