package io.realskin.support.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestAgeTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @ParameterizedTest(name = "{0} s old")
    @CsvSource(delimiter = '|', value = {
        "0    | ",
        "3000 | ",
        "-600 | ",
        "3001 | the request waited 50 min for a worker, more than 50 min: its credit hold would expire before the result; nothing was charged, submit it again",
        "7300 | the request waited 121 min for a worker, more than 50 min: its credit hold would expire before the result; nothing was charged, submit it again",
    })
    void aRequestOlderThanTheMaximumIsTooOld(long secondsOld, String why) {
        EventEnvelope request = new EventEnvelope(UUID.randomUUID(), "TEXTURE_REQUESTED", NOW.minusSeconds(secondsOld), "t1",
                "job-1", EventJson.MAPPER.createObjectNode());
        assertEquals(Optional.ofNullable(why), RequestAge.tooOld(request, Duration.ofMinutes(50), NOW));
    }
}
