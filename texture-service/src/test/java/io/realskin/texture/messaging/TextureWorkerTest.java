package io.realskin.texture.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.ContractSchemas;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.FailureCodes;
import io.realskin.contracts.JobCompleted;
import io.realskin.contracts.JobFailed;
import io.realskin.contracts.JobProgress;
import io.realskin.contracts.JobTypes;
import io.realskin.contracts.TextureOperation;
import io.realskin.contracts.TextureRequest;
import io.realskin.contracts.Topics;
import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.TestImages;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalStackResource;
import io.realskin.support.messaging.DeadLetterSerializer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The worker on a real broker: requests in on texture.requests, events out on job.events, poison to the DLQ. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class TextureWorkerTest extends KafkaWorkerTest {
    /** Generous, for a busy machine (a portrait restore competes with other builds); each wait ends when its event is there. */
    private static final Duration WAIT = Duration.ofSeconds(240);
    static final String PORTRAIT = "/fixtures/real_cc0avatar__047.jpg";

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

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
        assertNull(completed.plasticScoreBefore(), "no face, no score");
    }

    @Test
    void restoresAPortraitWithProgressScoresAndUsage() throws Exception {
        String jobId = "job-" + UUID.randomUUID();
        blobs.put("images/t1/" + jobId, fixture(PORTRAIT));
        send(jobId, new TextureRequest(TextureOperation.RESTORE, "images/t1/" + jobId, null, null, null, 50, null));

        List<EventEnvelope> events = eventsOf(jobId, EventTypes.COMPLETED).stream().map(r -> EventJson.readEnvelope(r.value())).toList();
        List<String> stages = events.stream().filter(e -> e.type().equals(EventTypes.PROGRESS))
                .map(e -> e.payloadAs(JobProgress.class).stage()).toList();
        assertEquals(List.of("detection", "synthesis", "encode", "locality"), stages);
        JobCompleted completed = events.get(events.size() - 1).payloadAs(JobCompleted.class);
        assertEquals("image/jpeg", completed.contentType());
        assertTrue(completed.resultKey().startsWith("results/t1/") && completed.resultKey().endsWith(".jpg"), completed.resultKey());
        assertNotNull(completed.plasticScoreBefore());
        assertNotNull(completed.plasticScoreAfter());
        assertEquals(JobTypes.TEXTURE_RESTORE, completed.usage().operation());
        assertEquals(1.0, completed.usage().megapixels(), 1e-9);
        assertTrue(completed.usage().maskedFraction() > 0 && completed.usage().maskedFraction() < 1, "masked " + completed.usage());
        assertEquals(50, completed.faceRestores().get(0).get("intensity").asInt());
        assertTrue(completed.locality().get("identical").asBoolean(), completed.locality().toString());
        assertTrue(completed.locality().get("changedPixels").asLong() > 0);
    }

    @Test
    void analyzeCompletesWithTheEnginesScoreDocument() throws Exception {
        String jobId = "job-" + UUID.randomUUID();
        blobs.put("images/t1/" + jobId, fixture(PORTRAIT));
        send(jobId, new TextureRequest(TextureOperation.ANALYZE, "images/t1/" + jobId, null, null, null, null, null));

        JobCompleted completed = lastEnvelope(eventsOf(jobId, EventTypes.COMPLETED)).payloadAs(JobCompleted.class);
        assertNull(completed.resultKey());
        assertEquals(JobTypes.ANALYZE, completed.usage().operation());
        assertTrue(completed.analysis().get("faces").size() >= 1, completed.analysis().toString());
        assertEquals(completed.plasticScoreBefore(), completed.analysis().get("plasticScore").asDouble(), 1e-4);
        assertTrue(completed.analysis().has("skinFraction"));
    }

    @Test
    void aRedeliveredRequestReEmitsTheSameCompletedWithoutWorkingAgain() throws Exception {
        String jobId = "job-" + UUID.randomUUID();
        blobs.put("images/t1/" + jobId, fixture(PORTRAIT));
        String record = EventJson.write(EventEnvelope.of(EventTypes.TEXTURE_REQUESTED, "t1", jobId,
                new TextureRequest(TextureOperation.RESTORE, "images/t1/" + jobId, null, null, null, 40, null)));
        kafka.send(Topics.TEXTURE_REQUESTS, jobId, record);
        eventsOf(jobId, EventTypes.COMPLETED);

        kafka.send(Topics.TEXTURE_REQUESTS, jobId, record);
        List<EventEnvelope> events = kafka.await(Topics.JOB_EVENTS, r -> jobId.equals(r.key()),
                        found -> found.stream().filter(r -> r.value().contains("\"COMPLETED\"")).count() == 2, WAIT)
                .stream().map(r -> EventJson.readEnvelope(r.value())).toList();
        List<EventEnvelope> completions = events.stream().filter(e -> e.type().equals(EventTypes.COMPLETED)).toList();
        assertEquals(2, completions.size(), "COMPLETED re-emitted: " + events);
        assertEquals(completions.get(0), completions.get(1), "the very same event, eventId included");
        assertEquals(1, events.stream().filter(e -> e.type().equals(EventTypes.STARTED)).count(), "worked once: " + events);
    }

    /**
     * A request that reached the worker after the maximum age (a backlog after an outage) fails expired unworked: its
     * credit hold would expire before the result. A stored result is still answered whatever the record's age.
     */
    @Test
    void aRequestOlderThanTheMaximumAgeFailsExpiredUnworked() throws Exception {
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        String stale = "job-" + UUID.randomUUID();
        blobs.put("images/t1/" + stale, png(64, 48));
        kafka.send(Topics.TEXTURE_REQUESTS, stale, EventJson.write(new EventEnvelope(UUID.randomUUID(),
                EventTypes.TEXTURE_REQUESTED, twoHoursAgo, "t1", stale, EventJson.MAPPER.valueToTree(
                        new TextureRequest(TextureOperation.ANALYZE, "images/t1/" + stale, null, null, null, null, null)))));
        List<KafkaProbe.Received> events = eventsOf(stale, EventTypes.FAILED);
        JobFailed failed = lastEnvelope(events).payloadAs(JobFailed.class);
        assertEquals(FailureCodes.EXPIRED, failed.code(), failed.toString());
        assertTrue(failed.message().startsWith("the request waited 120 min for a worker, more than 50 min"), failed.message());
        assertEquals(1, events.size(), "no STARTED: " + events);
        assertFalse(CountingProcessor.STARTED.contains("images/t1/" + stale), "the engine never ran");

        String done = "job-" + UUID.randomUUID();
        blobs.put("images/t1/" + done, png(64, 48));
        EventEnvelope request = EventEnvelope.of(EventTypes.TEXTURE_REQUESTED, "t1", done,
                new TextureRequest(TextureOperation.ANALYZE, "images/t1/" + done, null, null, null, null, null));
        kafka.send(Topics.TEXTURE_REQUESTS, done, EventJson.write(request));
        EventEnvelope completed = lastEnvelope(eventsOf(done, EventTypes.COMPLETED));
        kafka.send(Topics.TEXTURE_REQUESTS, done, EventJson.write(new EventEnvelope(request.eventId(), request.type(),
                twoHoursAgo, "t1", done, request.payload())));
        List<EventEnvelope> again = kafka.await(Topics.JOB_EVENTS, r -> done.equals(r.key()),
                        found -> found.stream().filter(r -> r.value().contains("\"COMPLETED\"")).count() == 2, WAIT)
                .stream().map(r -> EventJson.readEnvelope(r.value())).filter(e -> e.type().equals(EventTypes.COMPLETED)).toList();
        assertEquals(List.of(completed, completed), again, "the stored COMPLETED answered again, not expired");
    }

    @Test
    void anImageTheEngineRefusesFailsWithItsCodeAndIsNoDeadLetter() throws Exception {
        String jobId = "job-" + UUID.randomUUID();
        blobs.put("images/t1/" + jobId, "this is text, not a JPEG".getBytes(StandardCharsets.UTF_8));
        send(jobId, new TextureRequest(TextureOperation.RESTORE, "images/t1/" + jobId, null, null, null, null, null));

        assertEquals(FailureCodes.BAD_IMAGE, lastEnvelope(eventsOf(jobId, EventTypes.FAILED)).payloadAs(JobFailed.class).code());
        // a small JPEG in 5,000 empty comments: more marker segments than any reader should pay for
        String flood = "job-" + UUID.randomUUID();
        blobs.put("images/t1/" + flood, TestImages.withEmptyComments(TestImages.jpeg(64, 48, false, false, 0), 5000));
        send(flood, new TextureRequest(TextureOperation.RESTORE, "images/t1/" + flood, null, null, null, null, null));
        JobFailed failed = lastEnvelope(eventsOf(flood, EventTypes.FAILED)).payloadAs(JobFailed.class);
        assertEquals(FailureCodes.BAD_IMAGE, failed.code());
        assertTrue(failed.message().contains("marker segments"), failed.message());
    }

    /**
     * A record naming a blob over the byte limit (the gateway refuses such uploads, but a record is untrusted): FAILED
     * too_large naming the field and the sizes, refused from the stored size, so the engine never sees it and the
     * worker never holds it.
     */
    @Test
    void aBlobOverTheByteLimitFailsTooLargeUnreadAndIsNoDeadLetter() throws Exception {
        long limit = ImageLimits.DEFAULT.maxBytes();
        String huge = "images/t1/huge-" + UUID.randomUUID();
        blobs.put(huge, new byte[(int) limit + 1]);
        String asImage = "job-" + UUID.randomUUID();
        send(asImage, new TextureRequest(TextureOperation.RESTORE, huge, null, null, null, 40, null));
        String mine = "images/t1/" + UUID.randomUUID();
        blobs.put(mine, png(64, 48));
        String asReference = "job-" + UUID.randomUUID();
        send(asReference, new TextureRequest(TextureOperation.REFERENCE, mine, null, huge, null, 40, null));

        for (String[] job : List.of(new String[] {asImage, "imageKey"}, new String[] {asReference, "referenceKey"})) {
            JobFailed failed = lastEnvelope(eventsOf(job[0], EventTypes.FAILED)).payloadAs(JobFailed.class);
            assertEquals(FailureCodes.TOO_LARGE, failed.code(), failed.toString());
            assertEquals(job[1] + " " + huge + " is " + (limit + 1) + " bytes, the limit is " + limit, failed.message());
        }
        assertFalse(CountingProcessor.STARTED.contains(huge), "the engine never ran on the oversized image");
        assertFalse(CountingProcessor.STARTED.contains(mine), "nor on the job whose reference was oversized");
    }

    @Test
    void garbageGoesToTheDeadLetterTopicAndTheConsumerGoesOn() throws Exception {
        String poisonJob = "job-" + UUID.randomUUID();
        kafka.send(Topics.TEXTURE_REQUESTS, poisonJob, "this is not json");
        String missingBlobJob = "job-" + UUID.randomUUID();
        send(missingBlobJob, new TextureRequest(TextureOperation.RESTORE, "images/t1/nothing-here", null, null, null, null, null));
        String validJob = "job-" + UUID.randomUUID();
        blobs.put("images/t1/" + validJob, fixture(PORTRAIT));
        send(validJob, new TextureRequest(TextureOperation.RESTORE, "images/t1/" + validJob, null, null, null, 40, null));

        assertEquals(FailureCodes.BAD_REQUEST, lastEnvelope(eventsOf(poisonJob, EventTypes.FAILED)).payloadAs(JobFailed.class).code());
        assertEquals(FailureCodes.BLOB_MISSING, lastEnvelope(eventsOf(missingBlobJob, EventTypes.FAILED)).payloadAs(JobFailed.class).code());
        JobCompleted valid = lastEnvelope(eventsOf(validJob, EventTypes.COMPLETED)).payloadAs(JobCompleted.class);
        assertTrue(blobs.exists(valid.resultKey()), "the valid job after the poison completed");

        for (String[] expected : List.of(new String[] {poisonJob, FailureCodes.BAD_REQUEST}, new String[] {missingBlobJob, FailureCodes.BLOB_MISSING})) {
            String job = expected[0];
            List<KafkaProbe.Received> dlq = kafka.await(Topics.dlq(Topics.TEXTURE_REQUESTS), r -> job.equals(r.key()),
                    found -> !found.isEmpty(), WAIT);
            assertEquals(1, dlq.size(), "one dead letter for " + job);
            var headers = dlq.get(0).headers();
            assertEquals(expected[1], headers.get(Topics.DLQ_CODE_HEADER), "code header on " + dlq.get(0));
            assertNotNull(headers.get(Topics.DLQ_REASON_HEADER), "reason header on " + dlq.get(0));
            assertNotNull(headers.get("dead-letter-reason"), "the connector's own reason header on " + dlq.get(0));
        }
        given().when().get(metrics).then().statusCode(200)
                .body(containsString("realskin_texture_jobs_failed_total{code=\"blob_missing\""))
                .body(containsString("realskin_texture_jobs_failed_total{code=\"bad_request\""));
    }

    /**
     * A record near the broker's size limit does not fit the dead-letter topic beside its reason headers: the producer
     * refused it, its dead letter was lost and the connector's dead-letter stream ended, so no later poison record was
     * dead-lettered either. Its value now goes cut, with its length before in a header, and the next one goes too.
     */
    @Test
    void aRecordTooLargeForTheDeadLetterTopicGoesCutAndTheNextPoisonStillGoes() {
        String huge = "job-" + UUID.randomUUID();
        String oversized = "x" + "a".repeat(1_048_300); // as large as a producer with Kafka's default limit sends
        kafka.send(Topics.TEXTURE_REQUESTS, huge, oversized);
        assertEquals(FailureCodes.BAD_REQUEST, lastEnvelope(eventsOf(huge, EventTypes.FAILED)).payloadAs(JobFailed.class).code());
        String next = "job-" + UUID.randomUUID();
        kafka.send(Topics.TEXTURE_REQUESTS, next, "not json either");
        assertEquals(FailureCodes.BAD_REQUEST, lastEnvelope(eventsOf(next, EventTypes.FAILED)).payloadAs(JobFailed.class).code());

        KafkaProbe.Received cut = kafka.await(Topics.dlq(Topics.TEXTURE_REQUESTS), r -> huge.equals(r.key()), found -> !found.isEmpty(), WAIT)
                .stream().findFirst().orElseThrow(() -> new AssertionError("no dead letter for the oversized record"));
        assertTrue(cut.value().length() < oversized.length() && oversized.startsWith(cut.value()), "the value's beginning, cut");
        assertEquals(String.valueOf(oversized.length()), cut.headers().get(DeadLetterSerializer.CUT_HEADER), cut.headers().toString());
        assertEquals(FailureCodes.BAD_REQUEST, cut.headers().get(Topics.DLQ_CODE_HEADER));
        List<KafkaProbe.Received> after = kafka.await(Topics.dlq(Topics.TEXTURE_REQUESTS), r -> next.equals(r.key()), found -> !found.isEmpty(), WAIT);
        assertFalse(after.isEmpty(), "no dead letter for the poison record after the oversized one");
        assertEquals("not json either", after.get(0).value());
        assertNull(after.get(0).headers().get(DeadLetterSerializer.CUT_HEADER), "a record that fits goes as it came");
    }

    @Test
    void aRequestNamingAnotherTenantsBlobFailsUnreadAndIsDeadLettered() throws Exception {
        String theirs = "images/t2/" + UUID.randomUUID();
        blobs.put(theirs, fixture(PORTRAIT));
        String mine = "images/t1/" + UUID.randomUUID();
        blobs.put(mine, png(64, 48));
        String asImage = "job-" + UUID.randomUUID();
        send(asImage, new TextureRequest(TextureOperation.RESTORE, theirs, null, null, null, 40, null));
        String asReference = "job-" + UUID.randomUUID();
        send(asReference, new TextureRequest(TextureOperation.RESTORE, mine, null, theirs, null, 40, null));

        for (String job : List.of(asImage, asReference)) {
            List<KafkaProbe.Received> events = eventsOf(job, EventTypes.FAILED);
            assertEquals(FailureCodes.BAD_REQUEST, lastEnvelope(events).payloadAs(JobFailed.class).code(), events.toString());
            assertTrue(events.stream().noneMatch(r -> r.value().contains("\"COMPLETED\"")), events.toString());
            List<KafkaProbe.Received> dlq = kafka.await(Topics.dlq(Topics.TEXTURE_REQUESTS), r -> job.equals(r.key()),
                    found -> !found.isEmpty(), WAIT);
            assertEquals(FailureCodes.BAD_REQUEST, dlq.get(0).headers().get(Topics.DLQ_CODE_HEADER), dlq.toString());
        }
    }

    @Test
    void metricsShowJobsDurationsMegapixelsInFlightAndConsumerLag() throws Exception {
        String jobId = "job-" + UUID.randomUUID();
        blobs.put("images/t1/" + jobId, fixture(PORTRAIT));
        send(jobId, new TextureRequest(TextureOperation.RESTORE, "images/t1/" + jobId, null, null, null, 40, null));
        eventsOf(jobId, EventTypes.COMPLETED);

        given().when().get(metrics).then().statusCode(200)
                .body(containsString("realskin_texture_jobs_completed_total{mode=\"restore\""))
                .body(containsString("realskin_texture_job_duration_seconds_bucket{mode=\"restore\""))
                .body(containsString("realskin_texture_job_duration_seconds{mode=\"restore\",quantile=\"0.99\""))
                .body(containsString("realskin_texture_megapixels_total{mode=\"restore\""))
                .body(containsString("realskin_texture_jobs_in_flight"))
                .body(containsString("realskin_texture_worker_threads"))
                .body(containsString("kafka_consumer_fetch_manager_records_lag"));
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

    static byte[] fixture(String resource) throws Exception {
        try (InputStream in = TextureWorkerTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            return in.readAllBytes();
        }
    }

    static byte[] png(int width, int height) throws Exception {
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
