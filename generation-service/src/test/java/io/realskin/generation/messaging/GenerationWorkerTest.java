package io.realskin.generation.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.ContractSchemas;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.FailureCodes;
import io.realskin.contracts.GenerationRequest;
import io.realskin.contracts.JobFailed;
import io.realskin.contracts.Topics;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Without provider keys every request ends FAILED with a stable code; poison ends its job FAILED {@code bad_request} and
 * goes to the DLQ as it came, with RealSkin's reason headers beside the connector's.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class GenerationWorkerTest {
    private static final String POISON = "{\"type\":\"GENERATION_REQUESTED\"}";
    private static final Duration WAIT = Duration.ofSeconds(180); // generous for a busy machine; each wait ends when the record is there

    @Test
    void reportsAMissingProviderKeyAndDeadLettersPoison() {
        try (KafkaProbe kafka = new KafkaProbe(LocalStack.shared().kafkaBootstrapServers())) {
            String poison = "job-" + UUID.randomUUID();
            kafka.send(Topics.GENERATION_REQUESTS, poison, POISON);
            String job = sendRequest(kafka);

            assertEquals(FailureCodes.PROVIDER_NOT_CONFIGURED, failureOf(kafka, job).code());
            assertEquals(FailureCodes.BAD_REQUEST, failureOf(kafka, poison).code());
            List<KafkaProbe.Received> dlq = kafka.await(Topics.dlq(Topics.GENERATION_REQUESTS), r -> poison.equals(r.key()),
                    found -> !found.isEmpty(), WAIT);
            assertEquals(1, dlq.size());
            KafkaProbe.Received deadLetter = dlq.get(0);
            assertEquals(FailureCodes.BAD_REQUEST, deadLetter.headers().get(Topics.DLQ_CODE_HEADER));
            assertTrue(deadLetter.headers().get(Topics.DLQ_REASON_HEADER).startsWith("not a generation request: "),
                    deadLetter.headers().toString());
            assertTrue(deadLetter.headers().get("dead-letter-reason").contains("not a generation request"));
            assertEquals(POISON, deadLetter.value()); // as it came, for a replay

            // the consumer went on: a request sent after the dead letter is worked too
            String after = sendRequest(kafka);
            assertEquals(FailureCodes.PROVIDER_NOT_CONFIGURED, failureOf(kafka, after).code());
        }
    }

    /** A record naming another tenant's image (as a reference, or as the image to inpaint) is refused unread. */
    @Test
    void aRequestNamingAnotherTenantsBlobFailsAndIsDeadLettered() {
        try (KafkaProbe kafka = new KafkaProbe(LocalStack.shared().kafkaBootstrapServers())) {
            String reference = "job-" + UUID.randomUUID();
            kafka.send(Topics.GENERATION_REQUESTS, reference, EventJson.write(EventEnvelope.of(EventTypes.GENERATION_REQUESTED, "t1",
                    reference, new GenerationRequest("a portrait", null, "flux-2-pro",
                            List.of(new GenerationRequest.ReferenceImage("images/t2/" + "a".repeat(64), 0.5)), null, null, 1024, 1024, null,
                            null, true))));
            String inpaint = "job-" + UUID.randomUUID();
            kafka.send(Topics.GENERATION_REQUESTS, inpaint, EventJson.write(EventEnvelope.of(EventTypes.GENERATION_REQUESTED, "t1",
                    inpaint, new GenerationRequest("natural skin", null, "flux-2-pro", null, "images/t2/" + "b".repeat(64),
                            "images/t1/" + "c".repeat(64), null, null, null, null, null))));
            for (String job : List.of(reference, inpaint)) {
                JobFailed failed = failureOf(kafka, job);
                assertEquals(FailureCodes.BAD_REQUEST, failed.code(), failed.message());
                assertTrue(failed.message().contains("is not tenant t1's"), failed.message());
                List<KafkaProbe.Received> dlq = kafka.await(Topics.dlq(Topics.GENERATION_REQUESTS), r -> job.equals(r.key()),
                        found -> !found.isEmpty(), WAIT);
                assertEquals(FailureCodes.BAD_REQUEST, dlq.get(0).headers().get(Topics.DLQ_CODE_HEADER));
            }
        }
    }

    /**
     * A reference weight outside 0.4-0.6 (the gateway's range, and the contract's) from a record that did not come
     * through the gateway is refused before anything is read or any provider asked: FAILED bad_request, dead-lettered.
     */
    @Test
    void aReferenceWeightOutsideItsRangeIsRefusedUnread() {
        try (KafkaProbe kafka = new KafkaProbe(LocalStack.shared().kafkaBootstrapServers())) {
            for (double weight : new double[] {0.9, 0.1, -0.5}) {
                String job = "job-" + UUID.randomUUID();
                kafka.send(Topics.GENERATION_REQUESTS, job, EventJson.write(EventEnvelope.of(EventTypes.GENERATION_REQUESTED, "t1", job,
                        new GenerationRequest("a portrait", null, "flux-2-pro",
                                List.of(new GenerationRequest.ReferenceImage("images/t1/" + "d".repeat(64), weight)), null, null, 1024,
                                1024, null, null, true))));
                JobFailed failed = failureOf(kafka, job);
                assertEquals(FailureCodes.BAD_REQUEST, failed.code(), weight + ": " + failed.message());
                assertTrue(failed.message().contains("weight"), failed.message());
                List<KafkaProbe.Received> dlq = kafka.await(Topics.dlq(Topics.GENERATION_REQUESTS), r -> job.equals(r.key()),
                        found -> !found.isEmpty(), WAIT);
                assertEquals(FailureCodes.BAD_REQUEST, dlq.get(0).headers().get(Topics.DLQ_CODE_HEADER));
            }
        }
    }

    /**
     * Hostile records, each keyed by a job id: a tombstone (no value), a JSON array, wrong types in the payload, bytes
     * that are not UTF-8 beside a traceparent header that is no trace context, a value near 1 MB; and one without a key.
     * Each keyed one ends FAILED {@code bad_request} and every one is dead-lettered; the consumer works the record after
     * them.
     */
    @Test
    void hostileRecordsEachEndFailedAndDeadLetteredAndTheConsumerGoesOn() throws Exception {
        String valid = EventJson.write(EventEnvelope.of(EventTypes.GENERATION_REQUESTED, "t1", "job-x",
                new GenerationRequest("a portrait", null, "flux-2-pro", null, null, null, 1024, 1024, null)));
        java.util.Map<String, byte[]> hostile = new java.util.LinkedHashMap<>();
        hostile.put("job-" + UUID.randomUUID(), null);
        hostile.put("job-" + UUID.randomUUID(), "[1,2,3]".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        hostile.put("job-" + UUID.randomUUID(), valid.replace("\"width\":1024", "\"width\":\"1024\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        hostile.put("job-" + UUID.randomUUID(), valid.replace("\"model\":\"flux-2-pro\"", "\"model\":\"flux-2-pro\",\"referenceImages\":\"x\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        hostile.put("job-" + UUID.randomUUID(), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, '{', '}'});
        hostile.put("job-" + UUID.randomUUID(), valid.replace("a portrait", "a".repeat(900_000)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", LocalStack.shared().kafkaBootstrapServers());
        p.put("key.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class.getName());
        p.put("value.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class.getName());
        p.put("max.request.size", "2000000");
        try (KafkaProbe kafka = new KafkaProbe(LocalStack.shared().kafkaBootstrapServers());
             var raw = new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(p)) {
            for (var e : hostile.entrySet()) {
                var record = new org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>(Topics.GENERATION_REQUESTS,
                        e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8), e.getValue());
                record.headers().add("traceparent", new byte[] {(byte) 0xFF, 0x00, '-', '-'});
                raw.send(record).get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            raw.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.GENERATION_REQUESTS, null,
                    "{\"no\":\"key\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))).get(30, java.util.concurrent.TimeUnit.SECONDS);
            String after = sendRequest(kafka);

            for (String job : hostile.keySet()) {
                JobFailed failed = failureOf(kafka, job);
                assertEquals(FailureCodes.BAD_REQUEST, failed.code(), job + ": " + failed.message());
                List<KafkaProbe.Received> dlq = kafka.await(Topics.dlq(Topics.GENERATION_REQUESTS), r -> job.equals(r.key()),
                        found -> !found.isEmpty(), WAIT);
                assertEquals(FailureCodes.BAD_REQUEST, dlq.get(0).headers().get(Topics.DLQ_CODE_HEADER), job);
            }
            assertFalse(kafka.await(Topics.dlq(Topics.GENERATION_REQUESTS), r -> r.key() == null && r.value() != null
                    && r.value().contains("\"no\""), found -> !found.isEmpty(), WAIT).isEmpty(), "the record without a key is dead-lettered");
            assertEquals(FailureCodes.PROVIDER_NOT_CONFIGURED, failureOf(kafka, after).code(), "the consumer went on");
        }
    }

    private static String sendRequest(KafkaProbe kafka) {
        String job = "job-" + UUID.randomUUID();
        kafka.send(Topics.GENERATION_REQUESTS, job, EventJson.write(EventEnvelope.of(EventTypes.GENERATION_REQUESTED, "t1", job,
                new GenerationRequest("a portrait", null, "flux-2-pro", null, null, null, 1024, 1024, null))));
        return job;
    }

    private static JobFailed failureOf(KafkaProbe kafka, String job) {
        List<KafkaProbe.Received> events = kafka.await(Topics.JOB_EVENTS, r -> job.equals(r.key()), found -> !found.isEmpty(), WAIT);
        assertFalse(events.isEmpty(), "no event for " + job);
        assertEquals(List.of(), ContractSchemas.violations(Topics.JOB_EVENTS, events.get(0).value()));
        return EventJson.readEnvelope(events.get(0).value()).payloadAs(JobFailed.class);
    }
}
