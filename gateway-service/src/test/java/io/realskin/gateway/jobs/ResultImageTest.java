package io.realskin.gateway.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realskin.contracts.ContractViolation;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.JobCompleted;
import io.realskin.contracts.JobTypes;
import io.realskin.contracts.blob.BlobKeys;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.contracts.blob.FileSystemBlobStore;
import io.realskin.gateway.ForwardingBlobStore;
import io.realskin.gateway.config.TestGatewayConfig;
import io.realskin.gateway.images.Image;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's result registered as its tenant's image: size and SHA-256 are taken from the blob streamed, never from the
 * blob read whole into memory (results are tens of MB, and many jobs end at once); a missing blob, a failing store and
 * another tenant's key fail as before. A late result whose delete fails is counted for an operator.
 */
class ResultImageTest {
    @TempDir
    Path dir;

    @Test
    void aResultIsHashedStreamedNeverReadWhole() throws IOException {
        BlobStore store = new FileSystemBlobStore(dir);
        byte[] result = new byte[3 * 1024 * 1024 + 17];
        new Random(5).nextBytes(result);
        store.put("results/tenant-a/job-1.png", result);

        Image image = service(new NoWholeReads(store)).resultImage(completed("tenant-a", "results/tenant-a/job-1.png"));

        assertEquals(result.length, image.bytes());
        assertEquals(BlobKeys.sha256Hex(result), image.sha256());
        assertEquals("results/tenant-a/job-1.png", image.blobKey());
        assertEquals("tenant-a", image.tenantId());
        assertEquals("job-1", image.jobId());
    }

    @Test
    void aMissingResultAFailingStoreAndAnotherTenantsKeyFailAsBefore() throws IOException {
        JobEventService service = service(new NoWholeReads(new FileSystemBlobStore(dir)));
        assertEquals("result blob results/tenant-a/none.png is missing", assertThrows(IllegalStateException.class,
                () -> service.resultImage(completed("tenant-a", "results/tenant-a/none.png"))).getMessage());
        assertThrows(ContractViolation.class, () -> service.resultImage(completed("tenant-a", "results/tenant-b/x.png")));

        BlobStore down = new NoWholeReads(new FileSystemBlobStore(dir)) {
            @Override
            public <T> Optional<T> read(String key, BodyReader<T> reader) throws IOException {
                throw new IOException("down");
            }
        };
        assertThrows(UncheckedIOException.class, () -> service(down).resultImage(completed("tenant-a", "results/tenant-a/x.png")));
    }

    /**
     * A late result (its job ended, no image names it) whose delete fails stays in the store: nothing tries again, so it is
     * counted in realskin_gateway_job_results_left_total, which exists at 0 before any. Until 2026-12-07 it was only logged.
     */
    @Test
    void aLateResultWhoseDeleteFailsIsCountedAsLeft() throws IOException {
        MeterRegistry registry = new SimpleMeterRegistry();
        JobMetrics metrics = new JobMetrics(registry);
        assertEquals(0.0, registry.get("realskin.gateway.job.results.left").counter().count(), "exported at 0 from the start");

        BlobStore store = new FileSystemBlobStore(dir);
        store.put("results/tenant-a/job-1.png", new byte[] {1, 2, 3});
        service(store, metrics).deleteUnwanted("results/tenant-a/job-1.png");
        assertFalse(store.exists("results/tenant-a/job-1.png"));
        assertEquals(0.0, registry.get("realskin.gateway.job.results.left").counter().count(), "a delete that worked leaves nothing");

        store.put("results/tenant-a/job-2.png", new byte[] {1, 2, 3});
        BlobStore failing = new ForwardingBlobStore(store) {
            @Override
            public void delete(String key) throws IOException {
                throw new IOException("down");
            }
        };
        service(failing, metrics).deleteUnwanted("results/tenant-a/job-2.png");
        assertEquals(1.0, registry.get("realskin.gateway.job.results.left").counter().count(), "the blob left is counted");
    }

    private static JobEventService service(BlobStore blobs) {
        return service(blobs, null);
    }

    private static JobEventService service(BlobStore blobs, JobMetrics metrics) {
        // resultImage and deleteUnwanted touch the blob store (and the metrics) only
        return new JobEventService(null, null, null, null, null, blobs, null, null, null, metrics, TestGatewayConfig.with(Map.of()));
    }

    private static EventEnvelope completed(String tenant, String resultKey) {
        return EventEnvelope.of(EventTypes.COMPLETED, tenant, "job-1", new JobCompleted(resultKey, "image/png", 640, 480,
                null, null, new JobCompleted.Usage(JobTypes.TEXTURE_RESTORE, "engine", 0.3, null), null));
    }

    /** A store whose whole reads fail the test: a result must be streamed. */
    private static class NoWholeReads extends ForwardingBlobStore {
        NoWholeReads(BlobStore store) {
            super(store);
        }

        @Override
        public Optional<byte[]> get(String key) {
            throw new AssertionError("a result is read whole: " + key);
        }

        @Override
        public Optional<byte[]> get(String key, long maxBytes) {
            throw new AssertionError("a result is read whole: " + key);
        }
    }
}
