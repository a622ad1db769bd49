package io.realskin.imaging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static io.realskin.imaging.Bytes.ascii;
import static io.realskin.imaging.Bytes.le32;

/**
 * The chunks of a WebP file in order (RIFF, RFC 9649 2.4), from byte 12 to the end of the RIFF's data (the file's
 * end when that comes first): each chunk's size checked to be inside that before the visitor sees it; the padding
 * byte that follows a chunk of odd size skipped (a last one the data does not hold is not asked for); what a chunk the
 * data ends inside does is the caller's {@link ChunkOverrun}. Shared by the readers that walk a WebP for what its
 * chunks hold or to copy them, so each bounds them the same way. {@link WebpImageChunk#find} keeps its own loop, since
 * it must find the image chunk that a file cut short ends inside.
 */
final class WebpChunks {
    private WebpChunks() {
    }

    /** One chunk: its type (FourCC), where its data starts and ends, and where the next chunk starts. */
    @FunctionalInterface
    interface Visitor {
        /**
         * @param next {@code end}, or the byte after it for a chunk of odd size (its padding), within the RIFF's data
         * @return false to stop the walk there
         */
        boolean chunk(String type, int body, int end, int next);
    }

    /**
     * Visits every chunk of a file that starts with a RIFF header (12 bytes): fewer than a chunk header's 8 bytes at
     * the end of the RIFF's data are not a chunk.
     *
     * @return true when the walk reached the end of the RIFF's data; false when the visitor stopped it or, with
     *         {@link ChunkOverrun#STOP}, a chunk ran past the RIFF's data
     * @throws ImageRejectedException with {@link ChunkOverrun#REFUSE}, when a chunk runs past the RIFF's data
     */
    static boolean walk(byte[] webp, ChunkOverrun overrun, Visitor visitor) {
        int riffEnd = (int) Math.min(webp.length, 8 + le32(webp, 4));
        int pos = 12;
        while (pos + 8 <= riffEnd) {
            String type = ascii(webp, pos, 4);
            long size = le32(webp, pos + 4);
            if (pos + 8 + size > riffEnd) {
                if (overrun == ChunkOverrun.REFUSE) {
                    throw ImageRejectedException.badImage("WebP chunk " + type + " overruns the file");
                }
                return false;
            }
            int body = pos + 8;
            int end = body + (int) size;
            int next = Math.min(riffEnd, end + (int) (size & 1));
            if (!visitor.chunk(type, body, end, next)) return false;
            pos = next;
        }
        return true;
    }

    /** A chunk of {@code type} holding {@code data}, padded to an even size. */
    static byte[] chunk(String type, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 9);
        out.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le(data.length));
        out.writeBytes(data);
        if ((data.length & 1) == 1) out.write(0);
        return out.toByteArray();
    }

    /** A WebP file of these chunks: the RIFF header, its size counting "WEBP" and the chunks, then the chunks. */
    static byte[] riff(byte[]... chunks) {
        int size = 4;
        for (byte[] c : chunks) size += c.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 8);
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le(size));
        out.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        for (byte[] c : chunks) out.writeBytes(c);
        return out.toByteArray();
    }

    private static byte[] le(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }
}
