package io.realskin.gateway.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HoldReleaseSweepTest {
    @ParameterizedTest(name = "after attempt {0}: {1} s")
    @CsvSource({"0, 10", "1, 10", "2, 20", "3, 40", "5, 160", "6, 300", "40, 300", "2147483647, 300"})
    void aFailedReleaseWaitsLongerEachTimeUpToFiveMinutes(int attempts, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), HoldReleaseSweep.backoff(Duration.ofSeconds(10), attempts));
    }
}
