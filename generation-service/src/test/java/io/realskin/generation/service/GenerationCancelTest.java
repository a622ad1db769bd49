package io.realskin.generation.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.ContractSchemas;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.FailureCodes;
import io.realskin.contracts.GenerationRequest;
import io.realskin.contracts.JobFailed;
import io.realskin.contracts.Topics;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.support.messaging.JobCancels;
import io.realskin.generation.stub.OpenAiStub;
import io.realskin.generation.stub.ProviderStubs;
import io.realskin.generation.stub.ProviderStubsResource;
import io.realskin.local.CancelProbe;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cancels reach generation-service: a CANCELED on job.events stops a running job before its next provider call or
 * poll or before its answer is stored, and a job canceled before the worker reached it makes no provider call; either ends FAILED {@code canceled},
 * journaled, with no result. Providers stubbed on loopback, real Kafka.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@QuarkusTestResource(value = ProviderStubsResource.class, restrictToAnnotatedClass = true)
class GenerationCancelTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String TENANT = "t-cancel";
    private static final ProviderStubs STUBS = ProviderStubs.shared();

    @Inject
    BlobStore blobs;

    @Inject
    JobCancels cancels;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    private static KafkaProbe kafka;
    private static CancelProbe cancel;

    @BeforeAll
    static void start() {
        kafka = new KafkaProbe(LocalStack.shared().kafkaBootstrapServers());
        cancel = new CancelProbe(kafka);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @BeforeEach
    void ready() {
        STUBS.reset();
        cancel.awaitReader(TENANT, cancels::isCanceled, WAIT);
    }

    @Test
    void aBflJobCanceledWhilePollingStopsPollingAndStoresNothing() throws Exception {
        STUBS.bfl.pendingPolls(1_000_000);
        String job = send("job-" + UUID.randomUUID(), "flux-2-pro");
        CancelProbe.awaitTrue("BFL polled", WAIT, () -> STUBS.bfl.requests("/get_result").size() >= 2);
        cancel.cancel(TENANT, job);

        JobFailed failed = workerFailure(job);
        assertEquals(FailureCodes.CANCELED, failed.code(), failed.message());
        String task = STUBS.bfl.requests("/get_result").get(0).param("id");
        long polls = polls(task);
        assertEquals(1, submits(), "one task submitted, none again");
        assertTrue(STUBS.bfl.requests("/delivery/").isEmpty(), "no result downloaded");
        JobJournal journal = new JobJournal(blobs, TENANT, job);
        for (String extension : List.of(".jpg", ".png", ".webp")) {
            assertFalse(blobs.exists(journal.resultKey(TENANT, job, extension)), "no result stored");
        }
        assertEquals(FailureCodes.CANCELED, journal.terminal().orElseThrow().payloadAs(JobFailed.class).code(), "journaled");

        // another job runs to its end meanwhile; the canceled one's task was polled no more
        STUBS.bfl.pendingPolls(2);
        String next = send("job-" + UUID.randomUUID(), "flux-2-pro");
        assertEquals(EventTypes.COMPLETED, terminal(next).type());
        assertEquals(polls, polls(task), "no poll after the cancel was seen");

        // a redelivery re-emits the journaled FAILED and submits nothing
        send(job, "flux-2-pro");
        List<EventEnvelope> failures = await(job, found -> found.stream().filter(r -> r.value().contains("\"FAILED\"")).count() >= 2)
                .stream().filter(e -> e.type().equals(EventTypes.FAILED)).toList();
        assertEquals(2, failures.size());
        assertEquals(failures.get(0).eventId(), failures.get(1).eventId(), "the journaled event, same eventId");
        assertEquals(2, submits(), "only the other job's task");
        given().when().get(metrics).then().statusCode(200)
                .body(containsString("realskin_generation_jobs_canceled_total"))
                .body(containsString("realskin_generation_jobs_failed_total{code=\"canceled\""));
    }

    @Test
    void aJobCanceledWhileItsProviderAnswersStoresNoResult() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        STUBS.openai.script("/images/generations", r -> {
            answer.await(WAIT.toSeconds(), TimeUnit.SECONDS); // the call is held until the cancel has arrived
            return OpenAiStub.image("1024x1024", "jpeg");
        });
        String job = send("job-" + UUID.randomUUID(), "gpt-image-2");
        CancelProbe.awaitTrue("the provider holds the call", WAIT, () -> STUBS.openai.requests("/images/generations").size() == 1);
        cancel.cancel(TENANT, job);
        CancelProbe.awaitTrue("the cancel seen", WAIT, () -> cancels.isCanceled(TENANT, job));
        answer.countDown();

        assertEquals(FailureCodes.CANCELED, workerFailure(job).code());
        assertEquals(1, STUBS.openai.requests().size(), "the call in flight answered; nothing after it");
        JobJournal journal = new JobJournal(blobs, TENANT, job);
        for (String extension : List.of(".jpg", ".png", ".webp")) {
            assertFalse(blobs.exists(journal.resultKey(TENANT, job, extension)), "the answer was not stored");
        }
    }

    /**
     * A redelivered request whose job was canceled meanwhile makes no provider call, and the result its first run stored
     * before it crashed, unjournaled, is deleted: the FAILED names no key the gateway could delete.
     */
    @Test
    void aJobCanceledBeforeTheWorkerReachedItMakesNoProviderCall() throws Exception {
        String job = "job-" + UUID.randomUUID();
        JobJournal journal = new JobJournal(blobs, TENANT, job);
        String crashedRunsResult = journal.resultKey(TENANT, job, ".webp");
        blobs.put(crashedRunsResult, new byte[] {1, 2, 3});
        cancel.cancel(TENANT, job);
        CancelProbe.awaitTrue("the cancel seen", WAIT, () -> cancels.isCanceled(TENANT, job));
        send(job, "gpt-image-2");

        assertEquals(FailureCodes.CANCELED, workerFailure(job).code());
        assertFalse(blobs.exists(crashedRunsResult), "the result an earlier run stored is deleted");
        List<EventEnvelope> events = kafka.readToEnd(Topics.JOB_EVENTS, r -> job.equals(r.key()), WAIT).stream()
                .map(r -> EventJson.readEnvelope(r.value())).toList();
        assertTrue(events.stream().noneMatch(e -> e.type().equals(EventTypes.STARTED)), "never started: " + events);
        assertTrue(STUBS.openai.requests().isEmpty() && STUBS.gemini.requests().isEmpty() && STUBS.bfl.requests().isEmpty(),
                "no provider call");
    }

    @Test
    void aMalformedJobEventDoesNotStopTheCancelReader() {
        String job = "job-" + UUID.randomUUID();
        // the same key as the cancel after them: one partition, read in this order
        kafka.send(Topics.JOB_EVENTS, job, "not json at all");
        kafka.send(Topics.JOB_EVENTS, job, "{\"type\":\"CANCELED\",\"jobId\":\"" + job + "\"}");
        cancel.cancel(TENANT, job);
        CancelProbe.awaitTrue("the cancel after the malformed records seen", WAIT, () -> cancels.isCanceled(TENANT, job));
        given().when().get(metrics).then().statusCode(200).body(containsString("realskin_cancels_skipped_total"));
    }

    private static String send(String job, String model) {
        kafka.send(Topics.GENERATION_REQUESTS, job, EventJson.write(EventEnvelope.of(EventTypes.GENERATION_REQUESTED, TENANT, job,
                new GenerationRequest("Portrait by a window, unretouched, visible pores", null, model, List.of(), null, null, 1024,
                        1024, null))));
        return job;
    }

    private static long submits() {
        return STUBS.bfl.requests().stream().filter(r -> r.method().equals("POST")).count();
    }

    private static long polls(String task) {
        return STUBS.bfl.requests("/get_result").stream().filter(r -> task.equals(r.param("id"))).count();
    }

    /** The job's events (the test's CANCELED among them) until {@code done}, each checked against the schema. */
    private static List<EventEnvelope> await(String job, java.util.function.Predicate<List<KafkaProbe.Received>> done) {
        List<KafkaProbe.Received> received = kafka.await(Topics.JOB_EVENTS, r -> job.equals(r.key()), done, WAIT);
        for (KafkaProbe.Received r : received) {
            assertEquals(List.of(), ContractSchemas.violations(Topics.JOB_EVENTS, r.value()), r.value());
        }
        return received.stream().map(r -> EventJson.readEnvelope(r.value())).toList();
    }

    /** The worker's own terminal event (COMPLETED or FAILED), not the test's CANCELED. */
    private static EventEnvelope terminal(String job) {
        return await(job, found -> found.stream().anyMatch(r -> r.value().contains("\"COMPLETED\"") || r.value().contains("\"FAILED\"")))
                .stream().filter(e -> e.type().equals(EventTypes.COMPLETED) || e.type().equals(EventTypes.FAILED)).findFirst()
                .orElseThrow(() -> new AssertionError("no COMPLETED or FAILED for " + job));
    }

    private static JobFailed workerFailure(String job) {
        EventEnvelope end = terminal(job);
        assertEquals(EventTypes.FAILED, end.type(), end.payload().toString());
        return end.payloadAs(JobFailed.class);
    }
}
