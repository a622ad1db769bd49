package io.realskin.support.blob;

import io.realskin.contracts.blob.BlobStore;
import io.realskin.contracts.blob.FileSystemBlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/** The service's blob store, chosen by {@code REALSKIN_BLOB_STORE}; a wrong setting stops the service at start. */
@ApplicationScoped
public class BlobStoreProducer {
    @Produces
    @ApplicationScoped
    BlobStore blobStore(BlobStoreConfig config, S3Config s3) {
        return switch (config.store()) {
            case "fs" -> directory(config.dir());
            case "s3" -> S3BlobStore.open(s3.bucket().filter(b -> !b.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                    "REALSKIN_BLOB_STORE=s3 needs REALSKIN_S3_BUCKET")), s3.endpoint(), region(s3),
                    DefaultCredentialsProvider.builder().build(), s3.callTimeout());
            default -> throw new IllegalArgumentException("REALSKIN_BLOB_STORE=" + config.store() + ": use fs or s3");
        };
    }

    void close(@Disposes BlobStore store) {
        if (store instanceof S3BlobStore s3) {
            s3.close();
        }
    }

    private static BlobStore directory(String dir) {
        try {
            return new FileSystemBlobStore(Path.of(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("blob directory " + dir + " is not usable", e);
        }
    }

    private static Region region(S3Config s3) {
        if (s3.region().isPresent()) {
            return Region.of(s3.region().get());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (RuntimeException noRegionConfigured) {
            return Region.US_EAST_1;
        }
    }
}
