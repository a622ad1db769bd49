package io.realskin.support.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentCancelsTest {
    private final AtomicLong now = new AtomicLong();

    @Test
    void aFloodKeepsOnlyTheNewestEntries() {
        RecentCancels cancels = new RecentCancels(3, Duration.ofHours(1), now::get);
        for (int i = 0; i < 1000; i++) {
            cancels.add("t", "job-" + i);
        }
        assertEquals(3, cancels.size());
        assertFalse(cancels.contains("t", "job-996"));
        assertTrue(cancels.contains("t", "job-997"));
        assertTrue(cancels.contains("t", "job-999"));
    }

    @Test
    void anEntryAgesOut() {
        RecentCancels cancels = new RecentCancels(10, Duration.ofMinutes(60), now::get);
        cancels.add("t", "old");
        now.addAndGet(Duration.ofMinutes(30).toNanos());
        cancels.add("t", "newer");
        now.addAndGet(Duration.ofMinutes(31).toNanos());
        assertFalse(cancels.contains("t", "old"), "past the age");
        assertTrue(cancels.contains("t", "newer"));
        assertEquals(1, cancels.size());
    }

    @Test
    void aJobIsMatchedWithinItsTenantOnly() {
        RecentCancels cancels = new RecentCancels(10, Duration.ofHours(1), now::get);
        cancels.add("t1", "job-1");
        assertTrue(cancels.contains("t1", "job-1"));
        assertFalse(cancels.contains("t2", "job-1"));
    }
}
