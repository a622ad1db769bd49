package io.realskin.contracts.blob;

import java.io.IOException;
import java.io.InputStream;

/** A blob's body read under a bound, for {@link BlobStore#get(String, long)} of each store. */
public final class BoundedReads {
    /** The most one read may return: the largest array a JVM allocates. */
    public static final long MAX_BOUND = Integer.MAX_VALUE - 8;

    private BoundedReads() {
    }

    /** @throws IllegalArgumentException for a bound below 0 or above {@link #MAX_BOUND} */
    public static long requireBound(long maxBytes) {
        if (maxBytes < 0 || maxBytes > MAX_BOUND) {
            throw new IllegalArgumentException("a blob read's bound must be 0.." + MAX_BOUND + ", not " + maxBytes);
        }
        return maxBytes;
    }

    /**
     * The body of the blob under {@code key}, whose size the store stated as {@code size} (-1: not stated): refused
     * before a byte is read when the stated size is over the bound; read into an array of exactly that size otherwise.
     * A body without a stated size is read up to one byte past the bound, and refused there.
     *
     * @throws BlobTooLargeException over the bound
     * @throws IOException when the body ends before its stated size or runs past it (the store changed under the read)
     */
    public static byte[] read(String key, InputStream body, long size, long maxBytes) throws IOException {
        requireBound(maxBytes);
        if (size > maxBytes) {
            throw new BlobTooLargeException(key, size, maxBytes);
        }
        if (size < 0) {
            byte[] bytes = body.readNBytes((int) Math.min(maxBytes + 1, MAX_BOUND));
            if (bytes.length > maxBytes) {
                throw new BlobTooLargeException(key, -1, maxBytes);
            }
            return bytes;
        }
        byte[] bytes = new byte[(int) size];
        int read = body.readNBytes(bytes, 0, bytes.length);
        if (read < size) {
            throw new IOException(key + ": the body ended after " + read + " of its " + size + " bytes");
        }
        if (body.read() >= 0) {
            throw new IOException(key + ": the body runs past its stated " + size + " bytes");
        }
        return bytes;
    }
}
