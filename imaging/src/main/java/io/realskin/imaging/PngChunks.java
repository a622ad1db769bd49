package io.realskin.imaging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import static io.realskin.imaging.Bytes.ascii;
import static io.realskin.imaging.Bytes.be32;

/**
 * The chunks of a PNG file in order, from after its signature up to and with its IEND (PNG specification, 5.3): each
 * chunk's length, type and CRC checked to be inside the data before the visitor sees it (the CRC's value is not
 * checked); what a chunk the data ends inside does is the caller's {@link ChunkOverrun}. Shared by the readers that
 * walk a PNG for what its chunks hold or to copy them, so each bounds them the same way; the one chunk writer
 * ({@link #write}, the engine's PNG encoder's too). {@link PngData}'s proof keeps
 * its own loop, since it refuses a chunk by its type letters, length limit and CRC before anything else, as does
 * {@link PngDecoderInput}, which copies the bytes after IEND too.
 */
public final class PngChunks {
    private PngChunks() {
    }

    /** One chunk: its type, where its data starts and where it ends (its CRC is the 4 bytes after). */
    @FunctionalInterface
    interface Visitor {
        /** @return false to stop the walk there */
        boolean chunk(String type, int body, int end);
    }

    /**
     * Visits every chunk from byte 8 on until the IEND, which is visited too.
     *
     * @return true when an IEND ended the walk; false when the visitor stopped it or, with {@link ChunkOverrun#STOP},
     *         the data ended inside a chunk (or where the next one should start)
     * @throws ImageRejectedException with {@link ChunkOverrun#REFUSE}, when the data ends inside a chunk or before IEND
     */
    static boolean walk(byte[] png, ChunkOverrun overrun, Visitor visitor) {
        int pos = 8;
        while (true) {
            long length = pos + 12 <= png.length ? be32(png, pos) : -1; // -1: not even its length, type and CRC are there
            if (length < 0 || pos + 12 + length > png.length) {
                if (overrun == ChunkOverrun.REFUSE) throw cut(png, pos);
                return false;
            }
            String type = ascii(png, pos + 4, 4);
            int body = pos + 8;
            int end = body + (int) length;
            if (!visitor.chunk(type, body, end)) return false;
            if (type.equals("IEND")) return true;
            pos = end + 4;
        }
    }

    /** The chunk at {@code at} that the data ends inside, named by as much of its type as the data holds. */
    private static ImageRejectedException cut(byte[] png, int at) {
        if (at + 4 > png.length) return ImageRejectedException.badImage("PNG structure is truncated");
        return ImageRejectedException.badImage("PNG chunk " + ascii(png, at + 4, Math.min(4, png.length - at - 4))
                + " overruns the file");
    }

    /** A chunk of {@code type} holding {@code data}, with its length and CRC. */
    static byte[] chunk(String type, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 12);
        write(out, type, data, 0, data.length);
        return out.toByteArray();
    }

    /** Writes a chunk of {@code type} holding {@code length} bytes of {@code data} from {@code offset}, with its length and CRC. */
    public static void write(ByteArrayOutputStream out, String type, byte[] data, int offset, int length) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data, offset, length);
        out.writeBytes(be(length));
        out.writeBytes(typeBytes);
        out.write(data, offset, length);
        out.writeBytes(be((int) crc.getValue()));
    }

    private static byte[] be(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
