package io.realskin.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.realskin.contracts.blob.BlobStore;
import io.realskin.gateway.images.ImageService;
import io.realskin.support.problem.ProblemException;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A blob store that fails (S3 down, wrong credentials, full disk) is a 503 the caller may retry, never a 500. */
class ImageStoreDownTest {
    private static final BlobStore DOWN = new BlobStore() {
        @Override
        public void put(String key, byte[] bytes) throws IOException {
            throw new IOException("S3 put s3://realskin-blobs/" + key + ": Unable to execute HTTP request: Connection refused");
        }

        @Override
        public Optional<byte[]> get(String key) throws IOException {
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
    };

    @Test
    void anUploadTheStoreCannotTakeIsA503WithRetryAfterAndNoImageRow() {
        // no repository: the image row is written only after the bytes are stored
        ImageService service = new ImageService(DOWN, null, null);
        ProblemException e = assertThrows(ProblemException.class, () -> service.upload("tenant-a", Api.png(16, 16)));
        assertEquals(503, e.problem().status());
        assertEquals("blob store", e.problem().extensions().get("backend"));
        assertEquals("5", e.headers().get("Retry-After"));
    }
}
