package io.realskin.generation.service;

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
import io.realskin.contracts.GenerationRequest;
import io.realskin.contracts.JobCompleted;
import io.realskin.contracts.JobFailed;
import io.realskin.contracts.Topics;
import io.realskin.contracts.blob.BlobKeys;
import io.realskin.imaging.ImageLimits;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.generation.stub.OpenAiStub;
import io.realskin.generation.stub.ProviderStubs;
import io.realskin.generation.stub.ProviderStubsResource;
import io.realskin.generation.stub.StubImages;
import io.realskin.local.CancelProbe;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import io.realskin.support.messaging.BlobStoreWait;
import io.realskin.support.messaging.JobCancels;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A blob store that fails with I/O errors (an S3 outage, a failing disk) holds the generation job until it answers
 * again: no FAILED event, nothing dead-lettered, COMPLETED once the store is back, and a provider's answer that came
 * while the store was away is stored, not asked for (and paid) again; a job canceled meanwhile ends FAILED canceled,
 * a result it stored deleted. The store is the directory store the worker runs on, made to fail for one tenant: a
 * reference entry that is a link to a directory (every read fails, "Is a directory"), a file where the tenant's results
 * directory goes (every write of a result fails), or one where the job's journal directory goes. Each test has a tenant of its own. Providers stubbed on loopback, real Kafka.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@QuarkusTestResource(value = ProviderStubsResource.class, restrictToAnnotatedClass = true)
class GenerationBlobStoreOutageTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ProviderStubs STUBS = ProviderStubs.shared();

    @Inject
    BlobStore blobs;

    @Inject
    BlobStoreWait store;

    @Inject
    JobCancels cancels;

    @ConfigProperty(name = "realskin.blob.dir")
    String blobDir;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    private static KafkaProbe kafka;

    @BeforeAll
    static void start() {
        kafka = new KafkaProbe(LocalStack.shared().kafkaBootstrapServers());
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    /** What a test broke in the store, repaired even when it fails, so that no job of it waits into the next test class. */
    private final List<Path> broken = new ArrayList<>();

    @BeforeEach
    void resetStubs() {
        STUBS.reset();
    }

    @AfterEach
    void repairTheStore() throws Exception {
        for (Path path : broken) {
            if (Files.isSymbolicLink(path) || Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(path); // a directory there is the store's own again (the results written once repaired)
            }
        }
        CancelProbe.awaitTrue("no job waits any more", WAIT, () -> store.waiting() == 0);
    }

    @Test
    void aProviderAnswerWaitsForTheStoreAndIsStoredWithoutAskingAgain() throws Exception {
        String tenant = tenant();
        Path results = breakResults(tenant);
        String job = send(tenant, List.of());
        CancelProbe.awaitTrue("the job waits for the store", WAIT, () -> store.waiting() > 0);
        // the gauge's name only: its value reads NaN when an earlier test class's application registered it in this JVM
        given().when().get(metrics).then().statusCode(200).body(containsString("realskin_generation_jobs_waiting_for_store"));
        assertEquals(1, STUBS.openai.requests("/images/generations").size(), "the provider answered once");
        assertTrue(eventsOf(job).stream().noneMatch(r -> r.value().contains("\"FAILED\"")), "not failed while the store is away");

        Files.delete(results);

        EventEnvelope end = workerEnd(job);
        assertEquals(EventTypes.COMPLETED, end.type(), end.payload().toString());
        JobCompleted completed = end.payloadAs(JobCompleted.class);
        assertTrue(blobs.exists(completed.resultKey()), "the answer held while the store was away is stored");
        assertEquals(1, STUBS.openai.requests().size(), "the provider was not asked again");
        assertNothingDeadLettered(job);
        assertEquals(1, eventsOf(job).stream().filter(r -> r.value().contains("\"COMPLETED\"")).count());
        CancelProbe.awaitTrue("no job waits any more", WAIT, () -> store.waiting() == 0);
    }

    @Test
    void aJobWaitsToReadItsReferenceAndCompletesWhenTheStoreAnswers() throws Exception {
        String tenant = tenant();
        byte[] reference = StubImages.synthetic(256, 256, "png");
        Path entry = Path.of(blobDir).toAbsolutePath().normalize().resolve("images/" + tenant + "/" + BlobKeys.sha256Hex(reference));
        Files.createDirectories(entry.getParent());
        Files.createSymbolicLink(entry, Path.of("."));
        broken.add(entry);
        String key = "images/" + tenant + "/" + BlobKeys.sha256Hex(reference);
        String job = send(tenant, List.of(new GenerationRequest.ReferenceImage(key, 0.5)));
        CancelProbe.awaitTrue("the job waits for the store", WAIT, () -> store.waiting() > 0);
        assertTrue(STUBS.openai.requests().isEmpty(), "no provider call without the reference");
        assertTrue(eventsOf(job).stream().noneMatch(r -> r.value().contains("\"FAILED\"")), "not failed while the store is away");

        Path fixed = Files.write(entry.resolveSibling(entry.getFileName() + ".fixed"), reference);
        Files.move(fixed, entry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        EventEnvelope end = workerEnd(job);
        assertEquals(EventTypes.COMPLETED, end.type(), end.payload().toString());
        assertEquals(1, STUBS.openai.requests().size());
        assertNothingDeadLettered(job);
        CancelProbe.awaitTrue("no job waits any more", WAIT, () -> store.waiting() == 0);
    }

    @Test
    void aJobCanceledWhileItsAnswerWaitsForTheStoreEndsCanceled() throws Exception {
        String tenant = tenant();
        CancelProbe cancel = new CancelProbe(kafka);
        cancel.awaitReader(tenant, cancels::isCanceled, WAIT);
        Path results = breakResults(tenant);
        String job = send(tenant, List.of());
        CancelProbe.awaitTrue("the job waits for the store", WAIT, () -> store.waiting() > 0);

        cancel.cancel(tenant, job);

        EventEnvelope end = workerEnd(job);
        assertEquals(EventTypes.FAILED, end.type(), end.payload().toString());
        assertEquals(FailureCodes.CANCELED, end.payloadAs(JobFailed.class).code());
        assertNothingDeadLettered(job);
        CancelProbe.awaitTrue("no job waits any more", WAIT, () -> store.waiting() == 0);
        Files.delete(results);
        JobJournal journal = new JobJournal(blobs, tenant, job);
        assertEquals(FailureCodes.CANCELED, journal.terminal().orElseThrow().payloadAs(JobFailed.class).code(), "journaled");
        for (String extension : List.of(".jpg", ".png", ".webp")) {
            assertFalse(blobs.exists(journal.resultKey(tenant, job, extension)), "no result stored");
        }
    }

    /**
     * The result is stored, then the job's journal cannot be written (a file where its directory goes) and the job is
     * canceled while it waits: it ends FAILED canceled, unjournaled, and the stored result is deleted first (the FAILED
     * names no key, so the gateway could not).
     */
    @Test
    void aResultStoredBeforeACancelWhileItsJournalWaitsIsDeleted() throws Exception {
        String tenant = tenant();
        CancelProbe cancel = new CancelProbe(kafka);
        cancel.awaitReader(tenant, cancels::isCanceled, WAIT);
        CountDownLatch answer = new CountDownLatch(1);
        STUBS.openai.script("/images/generations", r -> {
            answer.await(WAIT.toSeconds(), TimeUnit.SECONDS); // held until the journal is broken
            return OpenAiStub.image("1024x1024", "jpeg");
        });
        String job = send(tenant, List.of());
        CancelProbe.awaitTrue("the provider holds the call", WAIT, () -> STUBS.openai.requests("/images/generations").size() == 1);
        Path journalDir = Path.of(blobDir).toAbsolutePath().normalize().resolve("generation/" + BlobKeys.sha256Hex(tenant + '\n' + job));
        Files.createDirectories(journalDir.getParent());
        Files.write(journalDir, new byte[] {0});
        broken.add(journalDir);
        answer.countDown();
        JobJournal journal = new JobJournal(blobs, tenant, job);
        String result = journal.resultKey(tenant, job, ".jpg");
        CancelProbe.awaitTrue("the result stored, the journal waits for the store", WAIT,
                () -> store.waiting() > 0 && Files.isRegularFile(Path.of(blobDir).toAbsolutePath().normalize().resolve(result)));

        cancel.cancel(tenant, job);

        EventEnvelope end = workerEnd(job);
        assertEquals(EventTypes.FAILED, end.type(), end.payload().toString());
        assertEquals(FailureCodes.CANCELED, end.payloadAs(JobFailed.class).code());
        assertFalse(blobs.exists(result), "the stored result is deleted");
        assertNothingDeadLettered(job);
    }

    @Test
    void aMissingReferenceIsNoOutageAndFailsBlobMissing() {
        String tenant = tenant();
        String job = send(tenant, List.of(new GenerationRequest.ReferenceImage("images/" + tenant + "/" + BlobKeys.sha256Hex(
                new byte[] {1, 2, 3}), 0.5)));
        EventEnvelope end = workerEnd(job);
        assertEquals(EventTypes.FAILED, end.type(), end.payload().toString());
        assertEquals(FailureCodes.BLOB_MISSING, end.payloadAs(JobFailed.class).code());
        assertTrue(STUBS.openai.requests().isEmpty());
    }

    /**
     * An inpaint record naming an image past the byte limit (references are capped by their stored sizes before this):
     * refused before it is read (a sparse file here), not decoded, no provider called.
     */
    @Test
    void anImageOverTheByteLimitFailsTooLargeUnread() throws Exception {
        String tenant = tenant();
        String key = "images/" + tenant + "/" + BlobKeys.sha256Hex(new byte[] {4, 5, 6});
        Path entry = Path.of(blobDir).toAbsolutePath().normalize().resolve(key);
        Files.createDirectories(entry.getParent());
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(entry.toFile(), "rw")) {
            file.setLength(ImageLimits.DEFAULT.maxBytes() + 1);
        }
        String job = "job-" + UUID.randomUUID();
        kafka.send(Topics.GENERATION_REQUESTS, job, EventJson.write(EventEnvelope.of(EventTypes.GENERATION_REQUESTED, tenant, job,
                new GenerationRequest("p", null, "gpt-image-2", null, key, "masks/" + tenant + "/" + BlobKeys.sha256Hex(new byte[] {7}),
                        64, 64, null, null, null))));
        EventEnvelope end = workerEnd(job);
        assertEquals(EventTypes.FAILED, end.type(), end.payload().toString());
        JobFailed failed = end.payloadAs(JobFailed.class);
        assertEquals(FailureCodes.TOO_LARGE, failed.code(), failed.message());
        assertTrue(failed.message().contains(key), failed.message());
        assertTrue(STUBS.openai.requests().isEmpty());
        assertNothingDeadLettered(job);
    }

    private static String tenant() {
        return "t-store-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A file where the tenant's results directory goes: every write of a result fails until it is deleted. */
    private Path breakResults(String tenant) throws Exception {
        Path results = Path.of(blobDir).toAbsolutePath().normalize().resolve("generated/" + tenant);
        Files.createDirectories(results.getParent());
        Files.write(results, new byte[] {0});
        broken.add(results);
        return results;
    }

    private static String send(String tenant, List<GenerationRequest.ReferenceImage> refs) {
        String job = "job-" + UUID.randomUUID();
        kafka.send(Topics.GENERATION_REQUESTS, job, EventJson.write(EventEnvelope.of(EventTypes.GENERATION_REQUESTED, tenant, job,
                new GenerationRequest("Portrait by a window, unretouched, visible pores", null, "gpt-image-2", refs, null, null,
                        1024, 1024, null, null, refs.isEmpty() ? null : Boolean.TRUE))));
        return job;
    }

    private static void assertNothingDeadLettered(String job) {
        assertEquals(List.of(), kafka.readToEnd(Topics.dlq(Topics.GENERATION_REQUESTS), r -> job.equals(r.key()), WAIT),
                "nothing dead-lettered");
    }

    private static List<KafkaProbe.Received> eventsOf(String job) {
        return kafka.readToEnd(Topics.JOB_EVENTS, r -> job.equals(r.key()), WAIT);
    }

    private static EventEnvelope workerEnd(String job) {
        List<KafkaProbe.Received> ends = kafka.await(Topics.JOB_EVENTS, r -> job.equals(r.key())
                && (r.value().contains("\"COMPLETED\"") || r.value().contains("\"FAILED\"")), found -> !found.isEmpty(), WAIT);
        assertTrue(!ends.isEmpty(), "no COMPLETED or FAILED for " + job);
        return EventJson.readEnvelope(ends.get(0).value());
    }
}
