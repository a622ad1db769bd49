package io.realskin.gateway;

import static io.realskin.gateway.jobs.StaleJobCheck.Action.ENDED_FAILED;
import static io.realskin.gateway.jobs.StaleJobCheck.Action.REPORTED;
import static io.realskin.gateway.jobs.StaleJobCheck.Action.REQUESTED_AGAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realskin.contracts.Topics;
import io.realskin.gateway.jobs.StaleJobCheck;
import org.junit.jupiter.api.Test;

class StaleJobDecisionTest {
    private static final String TEXTURE = Topics.TEXTURE_REQUESTS;

    @Test
    void billingsHoldDecides() {
        assertEquals(ENDED_FAILED, StaleJobCheck.decide("RELEASED", TEXTURE, 1, true, 3));
        assertEquals(ENDED_FAILED, StaleJobCheck.decide("EXPIRED", Topics.GENERATION_REQUESTS, 1, true, 3));
        assertEquals(REQUESTED_AGAIN, StaleJobCheck.decide("CAPTURED", TEXTURE, 1, true, 3));
        assertEquals(REQUESTED_AGAIN, StaleJobCheck.decide("HELD", TEXTURE, 3, true, 3));
        assertEquals(REPORTED, StaleJobCheck.decide("HELD", TEXTURE, 4, true, 3), "the original and 3 repeats were sent");
        assertEquals(REPORTED, StaleJobCheck.decide("HELD", TEXTURE, 2, false, 3), "the last request is younger than the timeout");
        assertEquals(REPORTED, StaleJobCheck.decide("CAPTURED", Topics.GENERATION_REQUESTS, 1, true, 3));
        assertEquals(REPORTED, StaleJobCheck.decide("NONE", TEXTURE, 1, true, 3));
        assertEquals(REPORTED, StaleJobCheck.decide("HELD", null, 0, false, 3));
    }
}
