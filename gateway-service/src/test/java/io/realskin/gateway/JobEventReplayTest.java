package io.realskin.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.JobTrace;
import io.realskin.contracts.Topics;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.gateway.jobs.JobEventConsumer;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import io.realskin.support.messaging.DeadLetterReplay;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md's DLQ replay, for the gateway's job events: an event that cannot be applied (its result blob is
 * missing) is dead-lettered and the consumer goes on; once the cause is fixed, copying the dead letter back to
 * job.events applies it, and copying it again (an operator replaying twice) changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class JobEventReplayTest {
    private static final Duration KAFKA = Duration.ofSeconds(30);

    @Inject
    BlobStore blobs;

    @Test
    void aDeadLetteredEventIsAppliedOnceHoweverOftenItIsReplayed() throws Exception {
        String[] tk = Api.tenantAndKey();
        String key = tk[1];
        String job = Api.submitTexture(key, Api.upload(key));
        String resultKey = "results/" + tk[0] + "/" + java.util.UUID.randomUUID() + ".png";
        Events.completed(tk[0], job, resultKey, 64, 48, null);

        List<KafkaProbe.Received> dead = Events.await(Topics.dlq(Topics.JOB_EVENTS), job, 1, KAFKA);
        assertEquals(1, dead.size(), "the event whose result blob is missing was dead-lettered");
        assertTrue(dead.get(0).headers().containsKey("dead-letter-reason"), dead.get(0).headers().toString());
        Api.as(key).get("/v1/jobs/" + job).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("queued"));

        blobs.put(resultKey, Api.png(64, 48));
        try (KafkaProbe probe = Events.probe()) {
            probe.send(Topics.JOB_EVENTS, dead.get(0).key(), dead.get(0).value());
            String imageId = Api.awaitJobStatus(key, job, "completed", KAFKA).getString("result.imageId");

            probe.send(Topics.JOB_EVENTS, dead.get(0).key(), dead.get(0).value());
            // a poison record behind it on the same partition: once it is dead-lettered, the replay before it was consumed
            probe.send(Topics.JOB_EVENTS, job, "not an event");
            assertEquals(2, Events.await(Topics.dlq(Topics.JOB_EVENTS), job, 2, KAFKA).size());

            Api.as(key).get("/v1/jobs/" + job).then().statusCode(200).body("result.imageId", org.hamcrest.Matchers.equalTo(imageId));
            assertEquals(1, imagesOf(resultKey), "the result was registered once");
        }
    }

    /**
     * A COMPLETED delivered again after its result blob went (at-least-once: a worker re-emits its stored COMPLETED when
     * a request comes back, the gateway's consumer re-reads what it had not committed) is the event applied before: it
     * changes nothing and is not dead-lettered. The blob went because the tenant deleted the result image, or because the
     * COMPLETED came after its job's cancel and the gateway deleted the result. Until 2026-12-07 the blob was read before
     * the inbox was asked, and each such duplicate was dead-lettered (the DeadLettersWritten alert) as a missing result.
     */
    @Test
    void aCompletedDeliveredAgainAfterItsResultWentIsNotDeadLettered() throws Exception {
        String[] tk = Api.tenantAndKey();
        String key = tk[1];
        String kept = Api.submitTexture(key, Api.upload(key));
        String keptResult = "results/" + tk[0] + "/" + java.util.UUID.randomUUID() + ".png";
        blobs.put(keptResult, Api.png(64, 48));
        String keptEvent = completedEvent(tk[0], kept, keptResult);
        String canceled = Api.submitTexture(key, Api.upload(key));
        String canceledResult = "results/" + tk[0] + "/" + java.util.UUID.randomUUID() + ".png";
        blobs.put(canceledResult, Api.png(64, 48));
        String canceledEvent = completedEvent(tk[0], canceled, canceledResult);
        Api.as(key).post("/v1/jobs/" + canceled + "/cancel").then().statusCode(200);
        try (KafkaProbe probe = Events.probe()) {
            probe.send(Topics.JOB_EVENTS, kept, keptEvent);
            probe.send(Topics.JOB_EVENTS, canceled, canceledEvent);
            String imageId = Api.awaitJobStatus(key, kept, "completed", KAFKA).getString("result.imageId");
            Api.as(key).delete("/v1/images/" + imageId).then().statusCode(204);
            awaitGone(canceledResult);
            assertTrue(!blobs.exists(keptResult), "the deleted image's blob went with it");

            probe.send(Topics.JOB_EVENTS, kept, keptEvent);
            probe.send(Topics.JOB_EVENTS, canceled, canceledEvent);
            // poison behind each on the same partition: once it is dead-lettered, the duplicate before it was consumed
            probe.send(Topics.JOB_EVENTS, kept, "not an event");
            probe.send(Topics.JOB_EVENTS, canceled, "not an event");
            for (String job : List.of(kept, canceled)) {
                List<KafkaProbe.Received> dead = Events.await(Topics.dlq(Topics.JOB_EVENTS), job, 1, KAFKA);
                assertEquals("not an event", dead.get(0).value(), "only the poison was dead-lettered: " + dead);
            }
        }
        Api.as(key).get("/v1/jobs/" + kept).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("completed"));
        Api.as(key).get("/v1/jobs/" + canceled).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("canceled"));
        assertEquals(0, imagesOf(keptResult) + imagesOf(canceledResult), "no image registered again");
    }

    private static String completedEvent(String tenant, String job, String resultKey) {
        return EventJson.write(EventEnvelope.of(EventTypes.COMPLETED, tenant, job, new io.realskin.contracts.JobCompleted(resultKey,
                "image/png", 64, 48, 0.7, 0.2, new io.realskin.contracts.JobCompleted.Usage("texture-restore", null, 0.003, null), null)));
    }

    /** The gateway deletes a result that came after its job's end once the event's transaction has committed. */
    private void awaitGone(String blobKey) throws Exception {
        long until = System.nanoTime() + KAFKA.toNanos();
        while (blobs.exists(blobKey)) {
            assertTrue(System.nanoTime() < until, blobKey + " still stored");
            Thread.sleep(50);
        }
    }

    /**
     * A COMPLETED whose payload does not fit its type breaks the topic's schema: it is poison, dead-lettered at once
     * (not held as if the database were away; before the schema check it failed inside the consumer's outage-aware
     * retry with an error Jackson reports as an IOException), and the next event of the same partition is applied.
     */
    @Test
    void anEventWhosePayloadDoesNotFitIsDeadLetteredAndTheConsumerGoesOn() {
        String[] tk = Api.tenantAndKey();
        String key = tk[1];
        String job = Api.submitTexture(key, Api.upload(key));
        try (KafkaProbe probe = Events.probe()) {
            probe.send(Topics.JOB_EVENTS, job, EventJson.write(EventEnvelope.of(EventTypes.COMPLETED, tk[0], job,
                    java.util.Map.of("resultKey", "results/x.png", "width", "wide"))));
        }
        Events.failed(tk[0], job, "internal");

        List<KafkaProbe.Received> dead = Events.await(Topics.dlq(Topics.JOB_EVENTS), job, 1, KAFKA);
        assertEquals(1, dead.size(), "the COMPLETED that does not fit was dead-lettered");
        assertTrue(dead.get(0).value().contains("\"wide\""), dead.get(0).value());
        Api.awaitJobStatus(key, job, "failed", KAFKA);
    }

    /**
     * A producer that names another tenant: a COMPLETED of tenant A's job whose result is tenant B's upload, and events
     * of A's job that say they are B's. None changes A's job or registers an image for anyone; each is dead-lettered
     * as a contract violation, and the worker's FAILED behind them (which names no tenant) is applied.
     */
    @Test
    void anEventNamingAnotherTenantOrItsBlobChangesNothingAndIsDeadLettered() throws Exception {
        String[] a = Api.tenantAndKey();
        String[] b = Api.tenantAndKey();
        String theirSha = Api.as(b[1]).contentType("image/png").body(Api.png(64, 48)).post("/v1/images")
                .then().statusCode(201).extract().path("sha256");
        String theirUpload = "images/" + b[0] + "/" + theirSha;
        String theirResult = "results/" + b[0] + "/" + java.util.UUID.randomUUID() + ".png";
        blobs.put(theirResult, Api.png(64, 48));
        String job = Api.submitTexture(a[1], Api.upload(a[1]));

        try (CapturedLog log = new CapturedLog(JobEventConsumer.class, null)) {
            Events.completed(a[0], job, theirUpload, 64, 48, null);
            Events.completed(b[0], job, theirResult, 64, 48, null);
            Events.failed(b[0], job, "internal");
            List<KafkaProbe.Received> dead = Events.await(Topics.dlq(Topics.JOB_EVENTS), job, 3, KAFKA);
            assertEquals(3, dead.size(), dead.toString());
            for (KafkaProbe.Received letter : dead) {
                assertEquals("contract_violation", letter.headers().get(Topics.DLQ_CODE_HEADER), letter.toString());
            }
            // each dead-lettered event's WARN names its job in the line's jobId field, as every line of the job does
            List<ExtLogRecord> warned = log.records().stream()
                    .filter(r -> r.getFormattedMessage().contains("of job " + job + " cannot be applied")).toList();
            assertEquals(3, warned.size(), "one WARN per dead-lettered event");
            for (ExtLogRecord r : warned) {
                assertEquals(job, r.getMdc(JobTrace.MDC_JOB_ID), r.getFormattedMessage());
            }
        }

        // a worker's FAILED for a request record it could not read names no tenant, and still ends the job
        Events.failed(EventEnvelope.UNKNOWN_TENANT, job, "bad_request");
        Api.awaitJobStatus(a[1], job, "failed", KAFKA);
        Api.as(a[1]).get("/v1/jobs/" + job).then().statusCode(200).body("error.code", org.hamcrest.Matchers.equalTo("bad_request"));
        assertEquals(1, imagesOf(theirUpload), "B's upload is B's one image of those bytes");
        assertEquals(0, imagesOf(theirResult), "no image registered from B's blob");
        Api.as(b[1]).get("/v1/images").then().statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(1));
    }

    /**
     * A CANCELED of a job the gateway completed is none of the gateway's (it cancels only jobs it has not ended): one
     * that breaks the topic's schema ({@code "payload":[1,2]}) and a well-formed one are both dead-lettered as contract
     * violations, and the job stays completed with its result. Until 2026-12-07 both were taken silently, while billing
     * gave the malformed one's job its charge back.
     */
    @Test
    void aCancelOfACompletedJobIsDeadLetteredAndChangesNothing() throws Exception {
        String[] tk = Api.tenantAndKey();
        String key = tk[1];
        String job = Api.submitTexture(key, Api.upload(key));
        String resultKey = "results/" + tk[0] + "/" + java.util.UUID.randomUUID() + ".png";
        blobs.put(resultKey, Api.png(64, 48));
        Events.completed(tk[0], job, resultKey, 64, 48, null);
        String imageId = Api.awaitJobStatus(key, job, "completed", KAFKA).getString("result.imageId");

        String malformed = EventJson.write(EventEnvelope.of(EventTypes.CANCELED, tk[0], job, List.of(1, 2)));
        String wellFormed = EventJson.write(EventEnvelope.of(EventTypes.CANCELED, tk[0], job,
                new io.realskin.contracts.JobFailed("canceled", "canceled by the user")));
        try (KafkaProbe probe = Events.probe()) {
            probe.send(Topics.JOB_EVENTS, job, malformed);
            probe.send(Topics.JOB_EVENTS, job, wellFormed);
        }
        List<KafkaProbe.Received> dead = Events.await(Topics.dlq(Topics.JOB_EVENTS), job, 2, KAFKA);
        assertEquals(2, dead.size(), dead.toString());
        for (KafkaProbe.Received letter : dead) {
            assertEquals("contract_violation", letter.headers().get(Topics.DLQ_CODE_HEADER), letter.toString());
        }
        Api.as(key).get("/v1/jobs/" + job).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("completed"))
                .body("result.imageId", org.hamcrest.Matchers.equalTo(imageId));
    }

    /**
     * docs/operations.md's replay of job.events.dlq with {@code DeadLetterReplay}: from the offset recorded before, it
     * copies back one record per original (the gateway's dead letter and billing's of the same record are one) and only
     * those dead-lettered processing_failed, never a contract violation. Copying the whole topic back (the kcat line of
     * the docs until 2026-12-07) sent each of job.events' dead letters twice and re-dead-lettered the poison.
     */
    @Test
    void theReplayToolCopiesEachFailedRecordOnceAndNoContractViolation() throws Exception {
        String bootstrap = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        DeadLetterReplay replay = new DeadLetterReplay(bootstrap);
        String dlq = Topics.dlq(Topics.JOB_EVENTS);
        long from = replay.replay(dlq, Long.MAX_VALUE, true).next().get(0);

        String[] tk = Api.tenantAndKey();
        String key = tk[1];
        String job = Api.submitTexture(key, Api.upload(key));
        String resultKey = "results/" + tk[0] + "/" + java.util.UUID.randomUUID() + ".png";
        Events.completed(tk[0], job, resultKey, 64, 48, null);
        KafkaProbe.Received gateways = Events.await(dlq, job, 1, KAFKA).get(0);
        assertEquals("processing_failed", gateways.headers().get(Topics.DLQ_CODE_HEADER), gateways.toString());
        String origin = gateways.headers().get("dead-letter-topic") + "-" + gateways.headers().get("dead-letter-partition")
                + "@" + gateways.headers().get("dead-letter-offset");
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", bootstrap);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(props,
                new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.StringSerializer())) {
            // billing's dead letter of the same record, and a contract violation of the job
            var billings = new org.apache.kafka.clients.producer.ProducerRecord<>(dlq, job, gateways.value());
            billings.headers().add(Topics.DLQ_CODE_HEADER, "processing_failed".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .add("realskin-dlq-origin", origin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            var poison = new org.apache.kafka.clients.producer.ProducerRecord<>(dlq, job, "not an event");
            poison.headers().add(Topics.DLQ_CODE_HEADER, "contract_violation".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            producer.send(billings).get();
            producer.send(poison).get();
        }

        blobs.put(resultKey, Api.png(64, 48));
        DeadLetterReplay.Result done = replay.replay(dlq, from, false);
        assertTrue(done.replayed() >= 1 && done.duplicates() >= 1 && done.notProcessingFailed() >= 1, done.toString());
        Api.awaitJobStatus(key, job, "completed", KAFKA);
        try (KafkaProbe probe = Events.probe()) {
            List<KafkaProbe.Received> onTopic = probe.readToEnd(Topics.JOB_EVENTS, r -> job.equals(r.key()), KAFKA);
            assertEquals(2, onTopic.stream().filter(r -> r.value().equals(gateways.value())).count(),
                    "the COMPLETED and one copy of it: " + onTopic);
            assertTrue(onTopic.stream().noneMatch(r -> r.value().equals("not an event")), "no contract violation replayed");
        }
        assertEquals(1, imagesOf(resultKey), "the result was registered once");
        assertEquals(0, replay.replay(dlq, done.next().get(0), true).replayed(), "the next replay starts after this one");
    }

    private static long imagesOf(String blobKey) throws Exception {
        try (Connection c = LocalStack.shared().postgres().connect("gateway");
             PreparedStatement ps = c.prepareStatement("select count(*) from images where blob_key = ?")) {
            ps.setString(1, blobKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
