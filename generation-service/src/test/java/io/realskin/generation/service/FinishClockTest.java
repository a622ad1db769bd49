package io.realskin.generation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Each lap is the time since the previous one, the first since the answer arrived; the steps add up to the total. */
class FinishClockTest {

    @Test
    void lapsSplitTheTimeFromTheAnswerIntoSteps() {
        AtomicLong now = new AtomicLong(1_000);
        FinishClock clock = new FinishClock(400, now::get);
        clock.lap(FinishClock.READ);        // 600 since the answer
        now.set(5_000);
        clock.lap(FinishClock.CHECK);       // 4000
        now.set(5_250);
        clock.lap(FinishClock.STORE);       // 250
        now.set(9_000);
        clock.lap(FinishClock.PUBLISH);     // 3750
        Map<String, Duration> steps = clock.steps();
        assertEquals(List.of("read", "check", "store", "publish"), List.copyOf(steps.keySet()));
        assertEquals(List.of(600L, 4000L, 250L, 3750L), steps.values().stream().map(Duration::toNanos).toList());
        assertEquals(Duration.ofNanos(8_600), clock.total());
    }

    @Test
    void aStepEndedTwiceAddsUp() {
        AtomicLong now = new AtomicLong(10);
        FinishClock clock = new FinishClock(0, now::get);
        clock.lap(FinishClock.STORE);
        now.set(30);
        clock.lap(FinishClock.JOURNAL);
        now.set(35);
        clock.lap(FinishClock.STORE);
        assertEquals(Duration.ofNanos(15), clock.steps().get(FinishClock.STORE));
        assertEquals(Duration.ofNanos(35), clock.total());
    }
}
