package io.realskin.contracts.blob;

/**
 * A bounded read ({@link BlobStore#get(String, long)}) found more bytes under the key than the caller takes. Not an
 * {@link java.io.IOException}: the store answered, so no wait for it helps; the caller refuses the input.
 */
public final class BlobTooLargeException extends RuntimeException {
    private final String key;
    private final long size;
    private final long maxBytes;

    /** @param size the stored size, or -1 when the store did not say it and the read stopped past the bound */
    public BlobTooLargeException(String key, long size, long maxBytes) {
        super(key + (size >= 0 ? " is " + size + " bytes" : " is more than " + maxBytes + " bytes") + ", the limit is "
                + maxBytes, null, false, false);
        this.key = key;
        this.size = size;
        this.maxBytes = maxBytes;
    }

    public String key() {
        return key;
    }

    /** The stored size, or -1 when unknown (only that it is over {@link #maxBytes()}). */
    public long size() {
        return size;
    }

    public long maxBytes() {
        return maxBytes;
    }
}
