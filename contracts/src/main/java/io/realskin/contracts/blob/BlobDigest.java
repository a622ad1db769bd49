package io.realskin.contracts.blob;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A blob's size and SHA-256 (hex, as {@link BlobKeys#sha256Hex(byte[])}), taken from its body as a stream. */
public record BlobDigest(long bytes, String sha256) {
    private static final int BUFFER = 64 * 1024;

    /**
     * Reads the body to its end through one 64 KiB buffer: a body of any size costs that buffer. A {@code size} of 0 or
     * more is the size the store stated, which the body must have: a digest of a cut-off body would name another blob.
     */
    public static BlobDigest of(InputStream body, long size) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[BUFFER];
        long bytes = 0;
        for (int n; (n = body.read(buffer)) >= 0; ) {
            sha256.update(buffer, 0, n);
            bytes += n;
        }
        if (size >= 0 && bytes != size) {
            throw new IOException("the body had " + bytes + " bytes, the store stated " + size);
        }
        return new BlobDigest(bytes, HexFormat.of().formatHex(sha256.digest()));
    }
}
