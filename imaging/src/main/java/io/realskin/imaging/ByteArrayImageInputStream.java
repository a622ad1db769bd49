package io.realskin.imaging;

import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An image reader's input over bytes already in memory. {@code ImageIO.createImageInputStream} over a
 * {@code ByteArrayInputStream} caches what it reads: in a temporary file (ImageIO's default), or on the heap when
 * caching is off, so an upload of up to 30 MiB was written to disk, or copied, once more per decode.
 */
public final class ByteArrayImageInputStream extends ImageInputStreamImpl {
    private final byte[] bytes;

    public ByteArrayImageInputStream(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public int read() {
        bitOffset = 0;
        return streamPos < bytes.length ? bytes[(int) streamPos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        bitOffset = 0;
        if (len == 0) return 0;
        if (streamPos >= bytes.length) return -1;
        int n = (int) Math.min(len, bytes.length - streamPos);
        System.arraycopy(bytes, (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return bytes.length;
    }
}
