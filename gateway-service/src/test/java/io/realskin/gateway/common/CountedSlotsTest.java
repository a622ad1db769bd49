package io.realskin.gateway.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CountedSlotsTest {
    @Test
    void countsPerKeyAndInAll() {
        CountedSlots slots = new CountedSlots(2);
        assertTrue(slots.tryTake("a"));
        assertTrue(slots.tryTake("a"));
        assertFalse(slots.tryTake("a"));
        assertTrue(slots.tryTake("b"));
        assertEquals(3, slots.total());
        assertEquals(Set.of("a"), slots.full());
        slots.release("a");
        slots.release("b");
        slots.release("b");
        assertEquals(1, slots.total(), "a release of a key holding nothing changes nothing");
        assertEquals(Set.of(), slots.full());
    }
}
