package io.realskin.support.blob;

import io.realskin.contracts.blob.BlobStore;
import io.realskin.contracts.blob.BlobStores;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

@ApplicationScoped
public class BlobStoreProducer {
    @Produces
    @ApplicationScoped
    BlobStore blobStore(BlobStoreConfig config) {
        return BlobStores.open(config.store(), config.dir());
    }
}
