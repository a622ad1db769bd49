package io.realskin.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalRunOptionsTest {
    @Test
    void oneWorkerAndNoMonitoringByDefault() {
        assertEquals(new LocalRunOptions(1, false), LocalRunOptions.parse(List.of(), Map.of()));
    }

    @Test
    void theFlagWinsOverTheEnvironment() {
        assertEquals(new LocalRunOptions(3, true),
                LocalRunOptions.parse(List.of("--monitoring", "--texture-workers", "3"), Map.of("REALSKIN_TEXTURE_WORKERS", "5")));
        assertEquals(new LocalRunOptions(4, false), LocalRunOptions.parse(List.of("--texture-workers=4"), Map.of()));
        assertEquals(new LocalRunOptions(5, false), LocalRunOptions.parse(List.of(), Map.of("REALSKIN_TEXTURE_WORKERS", "5")));
    }

    @Test
    void moreWorkersThanPartitionsNoneOrNonsenseAreRefused() {
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> LocalRunOptions.parse(List.of("--texture-workers", "13"), Map.of()));
        assertTrue(tooMany.getMessage().contains("1 to 12"), tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LocalRunOptions.parse(List.of("--texture-workers", "0"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> LocalRunOptions.parse(List.of(), Map.of("REALSKIN_TEXTURE_WORKERS", "two")));
        assertThrows(IllegalArgumentException.class, () -> LocalRunOptions.parse(List.of("--texture-workers"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> LocalRunOptions.parse(List.of("--verbose"), Map.of()));
    }
}
