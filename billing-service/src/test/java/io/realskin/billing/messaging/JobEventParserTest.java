package io.realskin.billing.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.billing.domain.JobOutcome;
import io.realskin.billing.domain.Settlement;
import io.realskin.contracts.ContractViolation;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.FailureCodes;
import io.realskin.contracts.JobFailed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A job.events value is held to the topic's schema before billing books anything on it. Until 2026-12-07 a CANCELED
 * with {@code "payload":[1,2]} for a completed job was read as a cancel and gave the job's charge back, while the
 * gateway kept the job completed.
 */
class JobEventParserTest {

    @Test
    void theGatewaysCancelIsAReleaseWithItsCode() {
        String value = EventJson.write(EventEnvelope.of(EventTypes.CANCELED, "t1", "job-1",
                new JobFailed(FailureCodes.CANCELED, "canceled by the user")));
        JobOutcome outcome = JobEventParser.parse(value).orElseThrow();
        assertEquals(Settlement.Outcome.RELEASE, outcome.settlement().outcome());
        assertTrue(outcome.settlement().canceled());
        assertEquals("CANCELED: canceled", outcome.settlement().reason());
    }

    @Test
    void anEventThatBreaksTheSchemaIsAContractViolation() {
        for (String type : List.of(EventTypes.CANCELED, EventTypes.FAILED, EventTypes.COMPLETED)) {
            for (Object payload : List.of(List.of(1, 2), Map.of(), Map.of("code", "made-up", "message", "x"))) {
                String value = EventJson.write(EventEnvelope.of(type, "t1", "job-1", payload));
                assertThrows(ContractViolation.class, () -> JobEventParser.parse(value), value);
            }
        }
        assertThrows(ContractViolation.class, () -> JobEventParser.parse("{\"type\":\"CANCELED\",\"jobId\":\"job-1\"}"));
    }
}
