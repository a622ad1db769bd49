package io.realskin.texture.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BusySlotsTest {
    @Test
    void oneMoreThanTheSlotsIsRefusedAtOnceAndASlotIsFreeAgainAfterwards() {
        BusySlots slots = new BusySlots(1, "thumbnail");
        BusySlots.BusyException refused = slots.run(() -> assertThrows(BusySlots.BusyException.class, () -> slots.run(() -> "second")));
        assertEquals("every thumbnail slot is busy", refused.getMessage());
        assertEquals("again", slots.run(() -> "again"));
        assertThrows(IllegalStateException.class, () -> slots.run(() -> {
            throw new IllegalStateException("work failed");
        }));
        assertEquals("after a failure", slots.run(() -> "after a failure"), "a failed computation gives its slot back");
    }
}
