package io.realskin.texture.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.FailureCodes;
import io.realskin.contracts.JobFailed;
import io.realskin.contracts.TextureOperation;
import io.realskin.contracts.TextureRequest;
import io.realskin.contracts.Topics;
import io.realskin.local.CancelProbe;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalStackResource;
import io.realskin.support.messaging.BlobStoreWait;
import io.realskin.support.messaging.JobCancels;
import io.realskin.texture.service.CompletedJobs;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A blob store that fails with I/O errors (an S3 outage, a failing disk) holds the job until it answers again: no
 * FAILED event, nothing dead-lettered, and the job completes once the store is back; a job canceled meanwhile ends
 * FAILED canceled, a result it stored deleted. The store here is the directory store the worker runs on, an entry made
 * unreadable (the job's image, or its result's record): a link to a directory, so every read of it fails with "Is a
 * directory", until a file replaces the link in one rename.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class TextureBlobStoreOutageTest extends KafkaWorkerTest {
    private static final Duration WAIT = Duration.ofSeconds(240);
    private static final String TENANT = "t1";

    @Inject
    BlobStoreWait store;

    @Inject
    JobCancels cancels;

    @ConfigProperty(name = "realskin.blob.dir")
    String blobDir;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void aJobWaitsForTheStoreAndCompletesWhenItAnswersAgain() throws Exception {
        String jobId = "job-" + UUID.randomUUID();
        Path image = breakImage(jobId);
        sendRestoreRequest(jobId);
        CancelProbe.awaitTrue("the job waits for the store", WAIT, () -> store.waiting() > 0);
        given().when().get(metrics).then().statusCode(200).body(containsString("realskin_texture_jobs_waiting_for_store 1.0"));
        assertTrue(eventsOf(jobId).stream().noneMatch(r -> r.value().contains("\"FAILED\"")), "not failed while the store is away");

        Path fixed = Files.write(image.resolveSibling(image.getFileName() + ".fixed"), TextureWorkerTest.png(64, 48));
        Files.move(fixed, image, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        EventEnvelope end = workerEnd(jobId);
        assertEquals(EventTypes.COMPLETED, end.type(), end.payload().toString());
        assertEquals(List.of(), kafka.readToEnd(Topics.dlq(Topics.TEXTURE_REQUESTS), r -> jobId.equals(r.key()), WAIT),
                "nothing dead-lettered");
        assertEquals(1, eventsOf(jobId).stream().filter(r -> r.value().contains("\"COMPLETED\"")).count());
        assertTrue(eventsOf(jobId).stream().noneMatch(r -> r.value().contains("\"FAILED\"")));
    }

    @Test
    void aJobCanceledWhileItWaitsForTheStoreEndsCanceled() throws Exception {
        CancelProbe cancel = new CancelProbe(kafka);
        cancel.awaitReader(TENANT, cancels::isCanceled, WAIT);
        String jobId = "job-" + UUID.randomUUID();
        Path image = breakImage(jobId);
        sendRestoreRequest(jobId);
        CancelProbe.awaitTrue("the job waits for the store", WAIT, () -> store.waiting() > 0);

        cancel.cancel(TENANT, jobId);

        EventEnvelope end = workerEnd(jobId);
        assertEquals(EventTypes.FAILED, end.type(), end.payload().toString());
        assertEquals(FailureCodes.CANCELED, end.payloadAs(JobFailed.class).code());
        assertEquals(List.of(), kafka.readToEnd(Topics.dlq(Topics.TEXTURE_REQUESTS), r -> jobId.equals(r.key()), WAIT),
                "nothing dead-lettered");
        CancelProbe.awaitTrue("no job waits any more", WAIT, () -> store.waiting() == 0);
        Files.delete(image);
    }

    /**
     * The result is stored, then its COMPLETED cannot be recorded (the record's entry a link to a directory: the write
     * finds it there, and the read back fails) and the job is canceled while it waits: FAILED canceled, and the stored
     * result deleted first (the FAILED names no key, so the gateway could not).
     */
    @Test
    void aResultStoredBeforeACancelWhileItsRecordWaitsIsDeleted() throws Exception {
        CancelProbe cancel = new CancelProbe(kafka);
        cancel.awaitReader(TENANT, cancels::isCanceled, WAIT);
        String jobId = "job-" + UUID.randomUUID();
        CountingProcessor.Hold hold = CountingProcessor.holdAfterFirstStage(imageKey(TENANT, jobId));
        sendRestore(TENANT, jobId);
        assertTrue(hold.reached.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the job runs");
        String result = CompletedJobs.resultKey(restoreRequest(TENANT, jobId), ".png");
        Path record = Path.of(blobDir).toAbsolutePath().normalize().resolve(result.replace(".png", ".completed.json"));
        Files.createDirectories(record.getParent());
        Files.createSymbolicLink(record, Path.of("."));
        try {
            hold.open();
            CancelProbe.awaitTrue("the result stored, its record waits for the store", WAIT,
                    () -> store.waiting() > 0 && Files.isRegularFile(Path.of(blobDir).toAbsolutePath().normalize().resolve(result)));

            cancel.cancel(TENANT, jobId);

            EventEnvelope end = workerEnd(jobId);
            assertEquals(EventTypes.FAILED, end.type(), end.payload().toString());
            assertEquals(FailureCodes.CANCELED, end.payloadAs(JobFailed.class).code());
            assertFalse(blobs.exists(result), "the stored result is deleted");
            CancelProbe.awaitTrue("no job waits any more", WAIT, () -> store.waiting() == 0);
        } finally {
            hold.open();
            Files.delete(record);
        }
    }

    /** The job's image entry as a link to its own directory: the store finds it, and every read fails. */
    private Path breakImage(String jobId) throws Exception {
        Path image = Path.of(blobDir).toAbsolutePath().normalize().resolve(imageKey(TENANT, jobId));
        Files.createDirectories(image.getParent());
        Files.createSymbolicLink(image, Path.of("."));
        return image;
    }

    private void sendRestoreRequest(String jobId) {
        kafka.send(Topics.TEXTURE_REQUESTS, jobId, EventJson.write(EventEnvelope.of(EventTypes.TEXTURE_REQUESTED, TENANT, jobId,
                new TextureRequest(TextureOperation.RESTORE, imageKey(TENANT, jobId), null, null, null, 40, 1L))));
    }

    private List<KafkaProbe.Received> eventsOf(String jobId) {
        return kafka.readToEnd(Topics.JOB_EVENTS, r -> jobId.equals(r.key()), WAIT);
    }

    private EventEnvelope workerEnd(String jobId) {
        List<KafkaProbe.Received> ends = kafka.await(Topics.JOB_EVENTS, r -> jobId.equals(r.key())
                && (r.value().contains("\"COMPLETED\"") || r.value().contains("\"FAILED\"")), found -> !found.isEmpty(), WAIT);
        assertTrue(!ends.isEmpty(), "no COMPLETED or FAILED for " + jobId);
        return EventJson.readEnvelope(ends.get(0).value());
    }
}
