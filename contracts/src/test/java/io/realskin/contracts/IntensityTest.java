package io.realskin.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IntensityTest {
    @Test
    void aLevelOrAutoOrNothing() {
        assertEquals(new Intensity(55, false), Intensity.ofJson(55));
        assertEquals(new Intensity(40, false), Intensity.ofJson(40.0));
        assertEquals(new Intensity(40, false), Intensity.ofParameter("40"), "a query parameter, or a job stored before 2026-12-05");
        assertEquals(Intensity.DEFAULT, Intensity.ofJson(null));
        Intensity auto = Intensity.ofJson("auto");
        assertTrue(auto.auto());
        assertEquals("auto", auto.json());
        assertNull(auto.requestLevel());
        assertEquals(Boolean.TRUE, auto.requestAuto());
        assertEquals(55, Intensity.ofJson(55).requestLevel());
        assertNull(Intensity.ofJson(55).requestAuto());
        assertEquals(Intensity.DEFAULT, Intensity.ofParameter(null));
        assertEquals(new Intensity(0, false), Intensity.ofParameter("0"));
        assertTrue(Intensity.ofParameter("auto").auto());
        assertEquals(40, Intensity.asRead(40.0), "stored and shown as the integer it is");
        assertEquals(List.of("auto", 40.5, "40"), List.of(Intensity.asRead("auto"), Intensity.asRead(40.5), Intensity.asRead("40")));
    }

    @Test
    void anythingElseIsRefused() {
        for (Object bad : List.of("high", "AUTO", "", "40", "0", 101, -1, 40.5, true, List.of(40), 1L << 40)) {
            assertFalse(Intensity.isValidJson(bad), String.valueOf(bad));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Intensity.ofJson(bad));
            assertTrue(e.getMessage().startsWith("intensity must be 0..100 or \"auto\""), e.getMessage());
        }
        for (String bad : List.of("101", "-1", "40.5", "high", " 40")) {
            assertThrows(IllegalArgumentException.class, () -> Intensity.ofParameter(bad), bad);
        }
    }
}
