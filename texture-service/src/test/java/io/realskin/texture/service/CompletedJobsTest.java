package io.realskin.texture.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.TextureIntensity;
import io.realskin.contracts.TextureOperation;
import io.realskin.contracts.TextureRequest;
import org.junit.jupiter.api.Test;

class CompletedJobsTest {
    private static EventEnvelope request(String tenant, String job, int intensity) {
        return EventEnvelope.of(EventTypes.TEXTURE_REQUESTED, tenant, job,
                new TextureRequest(TextureOperation.RESTORE, "images/" + tenant + "/abc", null, null, null,
                        TextureIntensity.of(intensity), null));
    }

    @Test
    void theResultKeyIsKnownBeforeAnyWorkAndTheSameOnRedelivery() {
        EventEnvelope first = request("t1", "job-1", 40);
        EventEnvelope redelivered = new EventEnvelope(first.eventId(), first.type(), first.occurredAt().plusSeconds(5),
                first.tenantId(), first.jobId(), first.payload());
        assertEquals(CompletedJobs.resultKey(first, ".jpg"), CompletedJobs.resultKey(redelivered, ".jpg"));
        assertTrue(CompletedJobs.resultKey(first, ".jpg").matches("results/t1/[0-9a-f]{64}\\.jpg"), CompletedJobs.resultKey(first, ".jpg"));
    }

    @Test
    void anyDifferenceInTheRequestGivesAnotherKey() {
        String base = CompletedJobs.digest(request("t1", "job-1", 40));
        assertNotEquals(base, CompletedJobs.digest(request("t1", "job-1", 41)));
        assertNotEquals(base, CompletedJobs.digest(request("t1", "job-2", 40)));
        assertNotEquals(base, CompletedJobs.digest(request("t2", "job-1", 40)));
    }

    @Test
    void aTenantIdThatIsNoSafeKeySegmentIsHashed() {
        assertTrue(CompletedJobs.resultKey(request("a/../b", "job-1", 40), ".png").matches("results/[0-9a-f]{32}/[0-9a-f]{64}\\.png"));
    }

    @Test
    void everyCompletedOfAJobHasTheSameEventId() {
        assertEquals(TextureJobService.completedEventId("job-1"), TextureJobService.completedEventId("job-1"));
        assertNotEquals(TextureJobService.completedEventId("job-1"), TextureJobService.completedEventId("job-2"));
    }
}
