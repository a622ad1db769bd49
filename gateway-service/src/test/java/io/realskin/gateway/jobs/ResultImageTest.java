package io.realskin.gateway.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
 * another tenant's key fail as before.
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

    private static JobEventService service(BlobStore blobs) {
        // resultImage touches the blob store only
        return new JobEventService(null, null, null, null, null, blobs, null, null, null, null, TestGatewayConfig.with(Map.of()));
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
