package io.realskin.support.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.blob.BlobStore;
import io.realskin.contracts.blob.FileSystemBlobStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** REALSKIN_BLOB_STORE picks the store; the S3 one takes its credentials from the AWS chain, never from settings. */
class BlobStoreProducerTest {
    private final BlobStoreProducer producer = new BlobStoreProducer();

    @Test
    void fsIsADirectory(@TempDir Path dir) throws Exception {
        BlobStore store = producer.blobStore(blob("fs", dir.resolve("blobs").toString()), s3(null, null));
        assertInstanceOf(FileSystemBlobStore.class, store);
        store.put("images/t/a", new byte[] {4, 2});
        assertTrue(Files.isRegularFile(dir.resolve("blobs/images/t/a")));
    }

    @Test
    void s3UsesTheBucketAndEndpointWithCredentialsFromTheAwsChain(@TempDir Path dir) throws Exception {
        System.setProperty("aws.accessKeyId", S3TestServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3TestServer.SECRET_KEY);
        try (S3TestServer s3 = S3TestServer.start(); S3BlobStore direct = s3.open(S3TestServer.BUCKET, S3TestServer.SECRET_KEY)) {
            BlobStore store = producer.blobStore(blob("s3", dir.toString()), s3(S3TestServer.BUCKET, s3.endpoint()));
            assertInstanceOf(S3BlobStore.class, store);
            store.put("images/t/via-producer", new byte[] {7, 7, 7});
            assertArrayEquals(new byte[] {7, 7, 7}, direct.get("images/t/via-producer").orElseThrow());
            producer.close(store);
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void s3WithoutABucketOrAnUnknownStoreStopsTheServiceWithTheSettingToFix(@TempDir Path dir) {
        IllegalArgumentException noBucket = assertThrows(IllegalArgumentException.class,
                () -> producer.blobStore(blob("s3", dir.toString()), s3(" ", null)));
        assertTrue(noBucket.getMessage().contains("REALSKIN_S3_BUCKET"), noBucket.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> producer.blobStore(blob("gcs", dir.toString()), s3(null, null)));
        assertTrue(unknown.getMessage().contains("REALSKIN_BLOB_STORE=gcs: use fs or s3"), unknown.getMessage());
    }

    private static BlobStoreConfig blob(String store, String dir) {
        return new BlobStoreConfig() {
            @Override
            public String store() {
                return store;
            }

            @Override
            public String dir() {
                return dir;
            }
        };
    }

    private static S3Config s3(String bucket, URI endpoint) {
        return new S3Config() {
            @Override
            public Optional<String> bucket() {
                return Optional.ofNullable(bucket);
            }

            @Override
            public Optional<URI> endpoint() {
                return Optional.ofNullable(endpoint);
            }

            @Override
            public Optional<String> region() {
                return Optional.of("us-east-1");
            }

            @Override
            public Duration callTimeout() {
                return Duration.ofMinutes(2);
            }
        };
    }
}
