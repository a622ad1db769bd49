package io.realskin.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.realskin.contracts.blob.BlobStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realskin.gateway.config.TestGatewayConfig;
import io.realskin.gateway.images.ImageMetrics;
import io.realskin.gateway.images.ImageService;
import io.realskin.gateway.images.StorageQuota;
import io.realskin.gateway.images.StorageUsageRepository;
import io.realskin.gateway.images.StorageUsageRepository.Reservation;
import io.smallrye.mutiny.Uni;
import io.realskin.support.problem.ProblemException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A blob store that fails (S3 down, wrong credentials, full disk) is a 503 the caller may retry, never a 500, and the
 * upload's bytes reserved from the tenant's storage quota are given back.
 */
class ImageStoreDownTest {
    private static final BlobStore DOWN = new BlobStore() {
        @Override
        public void put(String key, byte[] bytes) throws IOException {
            throw new IOException("S3 put s3://realskin-blobs/" + key + ": Unable to execute HTTP request: Connection refused");
        }

        @Override
        public <T> Optional<T> read(String key, BodyReader<T> reader) throws IOException {
            throw new IOException("down");
        }

        @Override
        public boolean exists(String key) throws IOException {
            throw new IOException("down");
        }

        @Override
        public long size(String key) throws IOException {
            throw new IOException("down");
        }

        @Override
        public void delete(String key) throws IOException {
            throw new IOException("down");
        }

        @Override
        public List<String> keysUnder(String prefix, int max) throws IOException {
            throw new IOException("down");
        }
    };

    @Test
    void anUploadTheStoreCannotTakeIsA503WithRetryAfterNoImageRowAndItsBytesGivenBack() {
        List<Long> reserved = new ArrayList<>();
        StorageUsageRepository usage = new StorageUsageRepository(null) {
            @Override
            public Uni<Optional<Reservation>> reserve(String tenantId, long bytes, long limitBytes, long limitImages, String blobKey) {
                reserved.add(bytes);
                return Uni.createFrom().item(Optional.of(new Reservation(1, tenantId, bytes)));
            }

            @Override
            public Uni<Boolean> giveBackKeepingBlobKey(Reservation reservation) {
                reserved.add(-reservation.bytes());
                return Uni.createFrom().item(true);
            }
        };
        StorageQuota quota = new StorageQuota(usage, new ImageMetrics(new SimpleMeterRegistry()), TestGatewayConfig.with(Map.of()));
        // no repository nor pool: the image row is written only after the bytes are stored
        ImageService service = new ImageService(DOWN, null, null, usage, quota, TestGatewayConfig.with(Map.of()));
        byte[] png = Api.png(16, 16);
        ProblemException e = assertThrows(ProblemException.class, () -> service.upload("tenant-a", png));
        assertEquals(503, e.problem().status());
        assertEquals("blob store", e.problem().extensions().get("backend"));
        assertEquals("5", e.headers().get("Retry-After"));
        assertEquals(List.of((long) png.length, (long) -png.length), reserved, "reserved before the write, given back after it failed");
    }
}
