package io.realskin.support.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.Topics;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InboxRetentionTest {
    @Test
    void theWindowIsTheLongerOfTheTopicsAndItsDeadLettersRetention() {
        assertEquals(Duration.ofDays(30), Topics.redeliveryWindow(Topics.JOB_EVENTS), "job.events 7 days, its dead letters 30");
        assertEquals(Duration.ofDays(30), Topics.redeliveryWindow(Topics.BILLING_EVENTS));
        assertThrows(IllegalArgumentException.class, () -> Topics.redeliveryWindow("job.event"));
    }

    @Test
    void aRetentionShorterThanTheWindowIsRefusedWithThePropertyNamed() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> InboxRetention.require(Duration.ofDays(7), Topics.JOB_EVENTS, "realskin.retention.processed-events"));
        assertTrue(refused.getMessage().startsWith("realskin.retention.processed-events=PT168H is shorter than the 30 days"),
                refused.getMessage());
    }

    @Test
    void theWindowItselfAndLongerAreAccepted() {
        assertEquals(Duration.ofDays(30), InboxRetention.require(Duration.ofDays(30), Topics.JOB_EVENTS, "p"));
        assertEquals(Duration.ofDays(90), InboxRetention.require(Duration.ofDays(90), Topics.JOB_EVENTS, "p"));
    }
}
