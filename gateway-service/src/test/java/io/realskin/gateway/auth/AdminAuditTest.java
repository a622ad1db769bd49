package io.realskin.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AdminAuditTest {
    @Test
    void aLineNamesTheActionTheTenantWhatItMovedAndTheAdminKey() {
        assertEquals("admin action credits-granted on tenant ten_a (amount=500, entry=42, booked=true) by admin key key_b",
                AdminAudit.line("credits-granted", "ten_a", "key_b", "amount", 500L, "job", null, "entry", 42L, "booked", true));
        assertEquals("admin action tenant-created on tenant ten_a by admin key key_b", AdminAudit.line("tenant-created", "ten_a", "key_b"));
        assertThrows(IllegalArgumentException.class, () -> AdminAudit.line("x", "ten_a", "key_b", "amount"));
    }
}
