package io.realskin.gateway.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.realskin.contracts.EventJson;
import io.realskin.gateway.jobs.Job;
import io.realskin.gateway.jobs.JobStatus;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An analysis that failed or was canceled within a Prefer: wait was answered 202 with Retry-After: 2, telling a client
 * that follows the header to ask again, which starts a new analysis (a new hold) each time; Retry-After is only for one
 * that is still queued or running.
 */
class AnalysisAnswersTest {
    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void retryAfterOnlyWhileTheAnalysisRuns(JobStatus status) {
        Job job = new Job("job_a1", "ten_a1", "analyze", status, EventJson.MAPPER.createObjectNode(), 0, null, null,
                status == JobStatus.FAILED ? EventJson.MAPPER.createObjectNode().put("code", "bad_image") : null,
                Instant.EPOCH, Instant.EPOCH, status.terminal() ? Instant.EPOCH : null, null, null, null);
        Response answer = AnalysisAnswers.answer("img_a1", job).build();
        assertEquals(status == JobStatus.COMPLETED ? 200 : 202, answer.getStatus());
        if (status.terminal()) {
            assertNull(answer.getHeaderString("Retry-After"), status.toString());
        } else {
            assertEquals("2", answer.getHeaderString("Retry-After"), status.toString());
        }
        assertEquals("Prefer", answer.getHeaderString("Vary"));
    }
}
