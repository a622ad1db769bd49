package io.realskin.imaging;

import static io.realskin.imaging.Bytes.ascii;
import static io.realskin.imaging.Bytes.le16;
import static io.realskin.imaging.Bytes.le32;
import static io.realskin.imaging.Bytes.u8;

/**
 * A WebP file's image chunk (VP8 or VP8L) and the size its bitstream header codes, read as libwebp reads it before it
 * decodes (RFC 9649): a lossy key frame's start code and 14-bit sides, a lossless stream's signature and sides. An
 * extended file's canvas (VP8X) must be this size: libwebp refuses a still image whose canvas differs.
 *
 * @param payloadStart  where the chunk's data starts in the file
 * @param payloadLength the data length the chunk header declares
 */
record WebpImageChunk(String type, long payloadStart, long payloadLength, int width, int height, boolean alpha) {

    /** The first VP8 or VP8L chunk from byte 12 on, or null when none starts within the bytes. */
    static WebpImageChunk find(byte[] b) {
        long pos = 12;
        while (pos + 8 <= b.length) {
            String type = ascii(b, (int) pos, 4);
            long size = le32(b, (int) pos + 4);
            if (type.equals("VP8 ") || type.equals("VP8L")) {
                return read(b, type, pos + 8, size);
            }
            pos += 8 + size + (size & 1);
        }
        return null;
    }

    /** The image chunk that starts a simple WebP file (byte 12). */
    static WebpImageChunk at12(byte[] b) {
        return read(b, ascii(b, 12, 4), 20, le32(b, 16));
    }

    /** Whether the data the chunk declares is all inside the bytes. */
    boolean within(byte[] b) {
        return payloadLength > 0 && payloadStart + payloadLength <= b.length;
    }

    private static WebpImageChunk read(byte[] b, String type, long start, long length) {
        int at = (int) start;
        if (type.equals("VP8 ")) {
            // frame tag (3 bytes), then a key frame's start code 9D 01 2A and 14-bit sides (2 scale bits above)
            if (u8(b, at + 3) != 0x9D || u8(b, at + 4) != 0x01 || u8(b, at + 5) != 0x2A) {
                throw ImageRejectedException.badImage("corrupt WebP: its VP8 data does not start with a key frame");
            }
            return new WebpImageChunk(type, start, length, le16(b, at + 6) & 0x3FFF, le16(b, at + 8) & 0x3FFF, false);
        }
        // VP8L: signature 0x2F, then width-1 and height-1 in 14 bits each and the alpha hint
        if (u8(b, at) != 0x2F) {
            throw ImageRejectedException.badImage("corrupt WebP: its VP8L data does not start with the lossless signature");
        }
        int bits = (int) le32(b, at + 1);
        return new WebpImageChunk(type, start, length, (bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1,
                ((bits >>> 28) & 1) == 1);
    }
}
