package io.realskin.support.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.ContractSchemas;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.FailureCodes;
import io.realskin.contracts.JobFailed;
import io.realskin.contracts.TextureOperation;
import io.realskin.contracts.TextureRequest;
import io.realskin.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestReaderTest {
    private final List<EventEnvelope> published = new ArrayList<>();
    private final List<String> failedCodes = new ArrayList<>();
    private final RequestReader reader = new RequestReader(Topics.TEXTURE_REQUESTS, TextureRequest.class, "texture request",
            new JobEventSender(null) {
                @Override
                public void publish(EventEnvelope event) {
                    published.add(event);
                }
            }, failedCodes::add);

    @Test
    void aRequestThatKeepsTheContractIsReadAndNothingIsSent() {
        String value = EventJson.write(EventEnvelope.of(EventTypes.TEXTURE_REQUESTED, "t1", "job-1",
                new TextureRequest(TextureOperation.LOCAL, "images/a.png", "images/m.png", null, null, 40, 7L)));

        EventEnvelope request = reader.read("job-1", value);

        assertEquals("job-1", request.jobId());
        assertEquals(TextureOperation.LOCAL, request.payloadAs(TextureRequest.class).operation());
        assertEquals(List.of(), published);
    }

    @Test
    void aBrokenRecordFailsItsJobAsBadRequestOfAnUnknownTenantAndIsPoison() {
        PoisonRecordException poison = assertThrows(PoisonRecordException.class, () -> reader.read("job-2", "{\"not\":\"an envelope\"}"));

        assertEquals(FailureCodes.BAD_REQUEST, poison.code());
        assertTrue(poison.getMessage().startsWith("not a texture request: "), poison.getMessage());
        assertEquals(1, published.size());
        EventEnvelope failed = published.get(0);
        assertEquals(EventTypes.FAILED, failed.type());
        assertEquals(EventEnvelope.UNKNOWN_TENANT, failed.tenantId());
        assertEquals("job-2", failed.jobId());
        assertEquals(FailureCodes.BAD_REQUEST, failed.payloadAs(JobFailed.class).code());
        assertEquals(poison.getMessage(), failed.payloadAs(JobFailed.class).message());
        assertEquals(List.of(FailureCodes.BAD_REQUEST), failedCodes);
        assertEquals(List.of(), ContractSchemas.violations(Topics.JOB_EVENTS, failed));
    }

    @Test
    void withoutAKeyThatIsAJobIdThereIsNoJobToFailOnlyPoison() {
        for (String key : new String[] {null, " ", "j".repeat(101), "job 1", "job-1\n"}) {
            assertThrows(PoisonRecordException.class, () -> reader.read(key, "not json"));
        }
        assertEquals(List.of(), published);
        assertEquals(List.of(), failedCodes);
    }
}
