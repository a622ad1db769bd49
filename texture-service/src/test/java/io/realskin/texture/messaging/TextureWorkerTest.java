package io.realskin.texture.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.ContractSchemas;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.FailureCodes;
import io.realskin.contracts.JobCompleted;
import io.realskin.contracts.JobFailed;
import io.realskin.contracts.TextureOperation;
import io.realskin.contracts.TextureRequest;
import io.realskin.contracts.Topics;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker on a real broker: requests in on texture.requests, events out on job.events, poison to the DLQ. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class TextureWorkerTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    BlobStore blobs;

    private KafkaProbe kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaProbe(LocalStack.shared().kafkaBootstrapServers());
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void completesAValidRequestWithSchemaConformingEvents() throws Exception {
        String jobId = "job-" + UUID.randomUUID();
        blobs.put("images/t1/" + jobId, png(64, 48));
        send(jobId, new TextureRequest(TextureOperation.RESTORE, "images/t1/" + jobId, null, null, null, 40, 1L));

        List<KafkaProbe.Received> events = eventsOf(jobId, EventTypes.COMPLETED);
        for (KafkaProbe.Received event : events) {
            assertEquals(List.of(), ContractSchemas.violations(Topics.JOB_EVENTS, event.value()), event.value());
        }
        assertEquals(EventTypes.STARTED, EventJson.readEnvelope(events.get(0).value()).type());
        JobCompleted completed = lastEnvelope(events).payloadAs(JobCompleted.class);
        assertEquals(64, completed.width());
        assertEquals(48, completed.height());
        assertEquals("image/png", completed.contentType());
        assertTrue(blobs.exists(completed.resultKey()), "result stored under " + completed.resultKey());
        assertEquals(64 * 48 / 1e6, completed.usage().megapixels(), 1e-9);
    }

    @Test
    void garbageGoesToTheDeadLetterTopicAndTheConsumerGoesOn() throws Exception {
        String poisonJob = "job-" + UUID.randomUUID();
        kafka.send(Topics.TEXTURE_REQUESTS, poisonJob, "this is not json");
        String missingBlobJob = "job-" + UUID.randomUUID();
        send(missingBlobJob, new TextureRequest(TextureOperation.RESTORE, "images/t1/nothing-here", null, null, null, null, null));
        String validJob = "job-" + UUID.randomUUID();
        blobs.put("images/t1/" + validJob, png(32, 32));
        send(validJob, new TextureRequest(TextureOperation.RESTORE, "images/t1/" + validJob, null, null, null, 0, null));

        assertEquals(FailureCodes.BAD_REQUEST, lastEnvelope(eventsOf(poisonJob, EventTypes.FAILED)).payloadAs(JobFailed.class).code());
        assertEquals(FailureCodes.BLOB_MISSING, lastEnvelope(eventsOf(missingBlobJob, EventTypes.FAILED)).payloadAs(JobFailed.class).code());
        assertNotNull(lastEnvelope(eventsOf(validJob, EventTypes.COMPLETED)).payloadAs(JobCompleted.class).resultKey());

        for (String job : List.of(poisonJob, missingBlobJob)) {
            List<KafkaProbe.Received> dlq = kafka.await(Topics.dlq(Topics.TEXTURE_REQUESTS), r -> job.equals(r.key()),
                    found -> !found.isEmpty(), WAIT);
            assertEquals(1, dlq.size(), "one dead letter for " + job);
            assertNotNull(dlq.get(0).headers().get("dead-letter-reason"), "reason header on " + dlq.get(0));
        }
    }

    private void send(String jobId, TextureRequest request) {
        kafka.send(Topics.TEXTURE_REQUESTS, jobId, EventJson.write(EventEnvelope.of(EventTypes.TEXTURE_REQUESTED, "t1", jobId, request)));
    }

    private List<KafkaProbe.Received> eventsOf(String jobId, String until) {
        List<KafkaProbe.Received> events = kafka.await(Topics.JOB_EVENTS, r -> jobId.equals(r.key()),
                found -> !found.isEmpty() && until.equals(lastEnvelope(found).type()), WAIT);
        assertTrue(!events.isEmpty() && until.equals(lastEnvelope(events).type()), "expected " + until + " for " + jobId + ", got " + events);
        return events;
    }

    private static EventEnvelope lastEnvelope(List<KafkaProbe.Received> records) {
        return EventJson.readEnvelope(records.get(records.size() - 1).value());
    }

    private static byte[] png(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 120);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
