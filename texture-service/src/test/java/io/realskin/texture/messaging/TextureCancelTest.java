package io.realskin.texture.messaging;

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
import io.realskin.contracts.JobCompleted;
import io.realskin.contracts.JobFailed;
import io.realskin.contracts.Topics;
import io.realskin.local.CancelProbe;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalStackResource;
import io.realskin.support.messaging.JobCancels;
import io.realskin.texture.service.CompletedJobs;
import io.realskin.texture.service.TextureWorkerPool;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cancels reach texture-service: a job canceled while it waits for a pool slot is skipped, FAILED canceled, no engine
 * run; one canceled while it runs stops at its next stage, FAILED canceled, no result, and a result an earlier run
 * stored before it crashed is deleted; a completed job keeps its result; one canceled before the service started (its
 * request waited in Kafka through a restart) is skipped all the same.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@QuarkusTestResource(CanceledBeforeStart.class)
class TextureCancelTest extends KafkaWorkerTest {
    private static final Duration WAIT = Duration.ofSeconds(240);
    private static final String TENANT = "t1";

    @Inject
    JobCancels cancels;

    @Inject
    TextureWorkerPool pool;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @ConfigProperty(name = CanceledBeforeStart.JOB_PROPERTY)
    String canceledBeforeStart;

    private CancelProbe cancel;

    @BeforeEach
    void awaitTheCancelReader() {
        cancel = new CancelProbe(kafka);
        cancel.awaitReader(TENANT, cancels::isCanceled, WAIT);
    }

    @Test
    void aQueuedJobCanceledBeforeItStartsNeverRunsTheEngine() throws Exception {
        // every thread of the pool busy with a held job, so the job waits in the queue
        List<CountingProcessor.Hold> holds = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            String busy = "job-" + UUID.randomUUID();
            holds.add(CountingProcessor.holdAfterFirstStage(imageKey(busy)));
            send(busy);
        }
        for (CountingProcessor.Hold hold : holds) {
            assertTrue(hold.reached.await(WAIT.toSeconds(), TimeUnit.SECONDS), "a held job runs");
        }
        int runs = CountingProcessor.RUNS.get();
        String jobId = send();
        cancel.cancel(TENANT, jobId);
        CancelProbe.awaitTrue("the cancel seen", WAIT, () -> cancels.isCanceled(TENANT, jobId));
        holds.forEach(CountingProcessor.Hold::open); // the threads go back: the queued job starts now

        EventEnvelope end = workerEnd(jobId);
        assertEquals(EventTypes.FAILED, end.type(), end.payload().toString());
        assertEquals(FailureCodes.CANCELED, end.payloadAs(JobFailed.class).code());
        assertEquals(runs, CountingProcessor.RUNS.get(), "the engine never ran");
        List<KafkaProbe.Received> events = kafka.readToEnd(Topics.JOB_EVENTS, r -> jobId.equals(r.key()), WAIT);
        assertTrue(events.stream().noneMatch(r -> r.value().contains("\"STARTED\"")), "never started: " + events);
        given().when().get(metrics).then().statusCode(200)
                .body(containsString("realskin_texture_jobs_canceled_total"))
                .body(containsString("realskin_texture_jobs_failed_total{code=\"canceled\""))
                // what the lag rules and the system tests tell the two consumers apart by
                .body(containsString("kafka_consumer_coordinator_assigned_partitions{client_id=\"kafka-consumer-job-cancels\""))
                .body(containsString("kafka_consumer_coordinator_assigned_partitions{client_id=\"kafka-consumer-texture-requests\""));
    }

    /**
     * The cancel reader reads job.events from realskin.cancels.max-age back when it starts (CancelsRewind). Until
     * 2026-12-07 it began at the latest record in a group of its own, so a worker that restarted worked in full every job
     * canceled while its request waited (docs/operations.md).
     */
    @Test
    void aJobCanceledBeforeTheServiceStartedIsSkipped() throws Exception {
        String jobId = canceledBeforeStart;
        CancelProbe.awaitTrue("the cancel from before the start seen", Duration.ofSeconds(30), () -> cancels.isCanceled(TENANT, jobId));
        int runs = CountingProcessor.RUNS.get();
        send(jobId);
        EventEnvelope end = workerEnd(jobId);
        assertEquals(EventTypes.FAILED, end.type(), end.payload().toString());
        assertEquals(FailureCodes.CANCELED, end.payloadAs(JobFailed.class).code());
        assertEquals(runs, CountingProcessor.RUNS.get(), "the engine never ran");
    }

    @Test
    void aRunningJobCanceledStopsAtItsNextStageWithoutAResult() throws Exception {
        String jobId = "job-" + UUID.randomUUID();
        CountingProcessor.Hold hold = CountingProcessor.holdAfterFirstStage(imageKey(jobId));
        send(jobId);
        assertTrue(hold.reached.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the job started its first stage");
        cancel.cancel(TENANT, jobId);
        CancelProbe.awaitTrue("the cancel seen", WAIT, () -> cancels.isCanceled(TENANT, jobId));
        hold.open();

        EventEnvelope end = workerEnd(jobId);
        assertEquals(EventTypes.FAILED, end.type(), end.payload().toString());
        JobFailed failed = end.payloadAs(JobFailed.class);
        assertEquals(FailureCodes.CANCELED, failed.code());
        assertTrue(failed.message().contains("while it ran"), failed.message());
        List<KafkaProbe.Received> events = kafka.readToEnd(Topics.JOB_EVENTS, r -> jobId.equals(r.key()), WAIT);
        assertTrue(events.stream().anyMatch(r -> r.value().contains("\"STARTED\"")), "it had started: " + events);
        assertTrue(events.stream().noneMatch(r -> r.value().contains("\"COMPLETED\"")), "no result: " + events);

        // a result as a run stores it before it records its COMPLETED, left by one that crashed in between
        String crashedRunsResult = CompletedJobs.resultKey(restoreRequest(TENANT, jobId), ".png");
        blobs.put(crashedRunsResult, new byte[] {1, 2, 3});
        send(jobId); // a redelivery: no stored COMPLETED to re-emit, so FAILED canceled again
        List<KafkaProbe.Received> ends = kafka.await(Topics.JOB_EVENTS, r -> jobId.equals(r.key()) && isWorkerEnd(r),
                found -> found.size() >= 2, WAIT);
        assertEquals(2, ends.size(), ends.toString());
        assertTrue(ends.get(1).value().contains("\"FAILED\"") && ends.get(1).value().contains("\"canceled\""), ends.get(1).value());
        assertFalse(blobs.exists(crashedRunsResult), "a canceled job's result is deleted before its FAILED goes out");
    }

    /**
     * A cancel that arrives while the engine's last stage runs: the result is not stored, nor the COMPLETED recorded;
     * the job ends FAILED canceled. Until 2026-12-07 the result was stored and the COMPLETED recorded and published
     * after the cancel: the gateway deleted the result of its canceled job, and the completion record, which names it,
     * stayed in the store for good.
     */
    @Test
    void aJobCanceledWhileItsLastStageRanStoresNoResult() throws Exception {
        String jobId = "job-" + UUID.randomUUID();
        CountingProcessor.Hold hold = CountingProcessor.holdAfterRun(imageKey(jobId));
        send(jobId);
        assertTrue(hold.reached.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the engine made the result");
        cancel.cancel(TENANT, jobId);
        CancelProbe.awaitTrue("the cancel seen", WAIT, () -> cancels.isCanceled(TENANT, jobId));
        hold.open();

        EventEnvelope end = workerEnd(jobId);
        assertEquals(EventTypes.FAILED, end.type(), end.payload().toString());
        assertEquals(FailureCodes.CANCELED, end.payloadAs(JobFailed.class).code());
        EventEnvelope request = restoreRequest(TENANT, jobId);
        for (String key : CompletedJobs.resultKeys(request)) {
            assertFalse(blobs.exists(key), "no result stored: " + key);
        }
        assertFalse(blobs.exists(CompletedJobs.resultKey(request, ".completed.json")), "no COMPLETED recorded");
    }

    @Test
    void aCancelAfterTheJobEndedChangesNothing() throws Exception {
        String jobId = send();
        assertEquals(EventTypes.COMPLETED, workerEnd(jobId).type());
        cancel.cancel(TENANT, jobId);
        CancelProbe.awaitTrue("the cancel seen", WAIT, () -> cancels.isCanceled(TENANT, jobId));
        int runs = CountingProcessor.RUNS.get();

        send(jobId); // a redelivery: the stored COMPLETED again, not a FAILED
        List<KafkaProbe.Received> ends = kafka.await(Topics.JOB_EVENTS, r -> jobId.equals(r.key()) && isWorkerEnd(r),
                found -> found.size() >= 2, WAIT);
        assertEquals(2, ends.size(), ends.toString());
        assertEquals(ends.get(0).value(), ends.get(1).value(), "the very same COMPLETED");
        assertEquals(runs, CountingProcessor.RUNS.get(), "not worked again");
        String result = EventJson.readEnvelope(ends.get(1).value()).payloadAs(JobCompleted.class).resultKey();
        assertTrue(blobs.exists(result), "a completed job's result stays, canceled or not");
    }

    private String send() throws Exception {
        return send("job-" + UUID.randomUUID());
    }

    private String send(String jobId) throws Exception {
        return sendRestore(TENANT, jobId);
    }

    private static String imageKey(String jobId) {
        return imageKey(TENANT, jobId);
    }

    private static boolean isWorkerEnd(KafkaProbe.Received r) {
        return r.value().contains("\"COMPLETED\"") || r.value().contains("\"FAILED\"");
    }

    /** The worker's COMPLETED or FAILED (not the test's CANCELED), checked against the schema. */
    private EventEnvelope workerEnd(String jobId) {
        List<KafkaProbe.Received> ends = kafka.await(Topics.JOB_EVENTS, r -> jobId.equals(r.key()) && isWorkerEnd(r),
                found -> !found.isEmpty(), WAIT);
        assertTrue(!ends.isEmpty(), "no COMPLETED or FAILED for " + jobId);
        assertEquals(List.of(), ContractSchemas.violations(Topics.JOB_EVENTS, ends.get(0).value()));
        return EventJson.readEnvelope(ends.get(0).value());
    }
}
