package io.realskin.gateway.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code Prefer: wait=N} as partners' HTTP clients send it (RFC 7240's grammar, RFC 9110's header lines). */
class PreferWaitTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "wait=5                     | 5",
            "WAIT=5                     | 5",
            "Wait=5                     | 5",
            "wait = 5                   | 5",
            "wait=\"5\"                 | 5",
            "respond-async, wait=5      | 5",
            "respond-async; wait=5      | 5",
            "return=minimal,wait=7      | 7",
            "wait=600                   | 60",
            "wait=99999                 | 60",
            "wait=99999999999999999999  | 60",
            "wait=\"1234567890\"        | 60",
            "wait=00000000000000000005  | 5",
            "handling=lenient           | 0",
            "nowait=5                   | 0",
            "wait=5x                    | 0",
            "wait=                      | 0"})
    void readsTheWaitPreference(String header, int seconds) {
        assertEquals(seconds, JobWaits.requestedSeconds(List.of(header), 60), header);
    }

    /** A list-based header may come in several lines; they are one list (RFC 9110, section 5.3). */
    @Test
    void readsItFromAnyLineOfTheHeader() {
        assertEquals(5, JobWaits.requestedSeconds(List.of("respond-async", "wait=5"), 60));
        assertEquals(0, JobWaits.requestedSeconds(List.of(), 60));
        assertEquals(0, JobWaits.requestedSeconds(null, 60));
    }
}
