package io.realskin.gateway;

import io.realskin.contracts.blob.BlobStore;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** A blob store that hands every call to another: a test overrides the calls it changes. */
public class ForwardingBlobStore implements BlobStore {
    private final BlobStore store;

    public ForwardingBlobStore(BlobStore store) {
        this.store = store;
    }

    @Override
    public void put(String key, byte[] bytes) throws IOException {
        store.put(key, bytes);
    }

    @Override
    public <T> Optional<T> read(String key, BodyReader<T> reader) throws IOException {
        return store.read(key, reader);
    }

    @Override
    public boolean exists(String key) throws IOException {
        return store.exists(key);
    }

    @Override
    public long size(String key) throws IOException {
        return store.size(key);
    }

    @Override
    public void delete(String key) throws IOException {
        store.delete(key);
    }

    @Override
    public List<String> keysUnder(String prefix, int max) throws IOException {
        return store.keysUnder(prefix, max);
    }
}
