package io.realskin.contracts.blob;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The claim-check store shared by the services: records carry keys, the bytes live here.
 * Keys are relative paths such as {@code images/<tenant>/<sha256>}; they never contain {@code ..}.
 */
public interface BlobStore {
    /** Writes the bytes under the key; an existing key is left as it is: of writers racing for a key, the first wins for good. */
    void put(String key, byte[] bytes) throws IOException;

    /** The bytes, or empty when nothing is stored under the key. */
    default Optional<byte[]> get(String key) throws IOException {
        return get(key, BoundedReads.MAX_BOUND);
    }

    /**
     * The bytes, or empty when nothing is stored under the key, for a caller that takes at most {@code maxBytes}: the
     * stored size is checked before a byte is read, and the read stops past the bound (a size the store misreported),
     * so an object of any size costs at most {@code maxBytes} of memory. Use it for every key from outside (a record).
     *
     * @throws BlobTooLargeException when more than {@code maxBytes} are stored under the key
     */
    default Optional<byte[]> get(String key, long maxBytes) throws IOException {
        BoundedReads.requireBound(maxBytes);
        return read(key, (body, size) -> BoundedReads.read(key, body, size, maxBytes));
    }

    /**
     * What {@code reader} makes of the body under the key, read as a stream within the store's call (the store's call
     * timeout bounds it, and the store closes the stream), or empty when nothing is stored under the key: a blob of any
     * size costs the reader's buffer, not its size. The reader may be called again with a fresh stream when the store
     * retries, so it starts from nothing each call. A reader that refuses the body with {@link BlobTooLargeException}
     * gets it back as it threw it, and the store does not read the rest of that body.
     */
    <T> Optional<T> read(String key, BodyReader<T> reader) throws IOException;

    /** Reads a blob's body; {@link BlobStore#read} gives it the stream and the stored size (-1 when the store did not state it). */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(InputStream body, long size) throws IOException;
    }

    boolean exists(String key) throws IOException;

    /** The size in bytes, or -1 when nothing is stored under the key. */
    long size(String key) throws IOException;

    /** Removes what is stored under the key; a key with nothing stored is no error. */
    void delete(String key) throws IOException;

    /**
     * Up to {@code max} keys stored under {@code prefix} (one or more whole key segments ending in {@code /}, such as
     * {@code results/<tenant>/}), in no set order: with {@link #delete} a batch at a time, what removes everything one
     * owner has under its prefixes (a tenant's erasure), named by no row.
     */
    List<String> keysUnder(String prefix, int max) throws IOException;

    /** The prefix of {@link #keysUnder}, checked: whole safe segments and a closing {@code /}. */
    static String requirePrefix(String prefix) {
        if (prefix == null || !prefix.endsWith("/") || !BlobKeys.isSafe(prefix.substring(0, prefix.length() - 1))) {
            throw new IllegalArgumentException("unsafe blob key prefix: " + prefix);
        }
        return prefix;
    }
}
