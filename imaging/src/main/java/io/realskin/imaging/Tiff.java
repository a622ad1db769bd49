package io.realskin.imaging;

import java.util.Arrays;

import static io.realskin.imaging.Bytes.be16;
import static io.realskin.imaging.Bytes.be32;
import static io.realskin.imaging.Bytes.le16;
import static io.realskin.imaging.Bytes.le32;
import static io.realskin.imaging.Bytes.u8;

/**
 * A TIFF structure at {@code base} in {@code b}, in its byte order (TIFF 6.0): a TIFF file, or the EXIF block of a
 * JPEG's APP1 segment. Offsets inside it are relative to {@code base}; positions given to and returned by these methods
 * are indexes into {@code b}.
 */
final class Tiff {
    /** More strips or tiles than this is no image we accept (a 50 MP image in 8-row strips has ~900). */
    static final int MAX_BLOCKS = 1 << 20;
    /** Bytes per value of field types 1 to 12 (BYTE, ASCII, SHORT, LONG, RATIONAL, SBYTE, UNDEFINED, ... DOUBLE). */
    private static final int[] TYPE_SIZES = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8};

    final byte[] b;
    final int base;
    final int end;
    private final boolean le;

    Tiff(byte[] b, int base, int end) {
        this.b = b;
        this.base = base;
        this.end = end;
        this.le = b[base] == 'I';
    }

    /** Whether a TIFF header ("II" 42 or "MM" 42) starts at {@code at}. */
    static boolean startsAt(byte[] b, int at) {
        if (at < 0 || at + 4 > b.length) return false;
        int order = u8(b, at);
        return order == b[at + 1] && (order == 'I' && b[at + 2] == 42 && b[at + 3] == 0
                || order == 'M' && b[at + 2] == 0 && b[at + 3] == 42);
    }

    int firstIfd() {
        return base + u32(base + 4);
    }

    /** Where the next-IFD offset of the IFD at {@code ifd} is. */
    int nextIfdSlot(int ifd) {
        return ifd + 2 + 12 * u16(ifd);
    }

    int u16(int at) {
        return le ? le16(b, at) : be16(b, at);
    }

    /** The 32 bits at {@code at} (negative from 2^31: callers that need the unsigned value widen it). */
    int u32(int at) {
        return (int) (le ? le32(b, at) : be32(b, at));
    }

    /** The first entry of the IFD at {@code ifd} with {@code tag}, or -1 when it has none (or its table runs past the end). */
    int entry(int ifd, int tag) {
        int count = u16(ifd);
        for (int i = 0; i < count && ifd + 2 + 12 * (i + 1) <= end; i++) {
            if (u16(ifd + 2 + 12 * i) == tag) return ifd + 2 + 12 * i;
        }
        return -1;
    }

    /** The bytes of an IFD entry's values (any type, as stored), or null when they are not all inside the structure. */
    byte[] valueBytesOf(int entry) {
        long bytes = valueBytes(entry);
        long at = valuesAt(entry);
        if (bytes < 0 || at < base || at + bytes > end) return null;
        return Arrays.copyOfRange(b, (int) at, (int) (at + bytes));
    }

    /** The first value of an IFD entry (SHORT or LONG). */
    int value(int entry) {
        return u16(entry + 2) == 3 ? u16(entry + 8) : u32(entry + 8);
    }

    /** The size of an IFD entry's values in bytes, or -1 for a type TIFF 6.0 does not define. */
    long valueBytes(int entry) {
        int type = u16(entry + 2);
        return type < TYPE_SIZES.length && type > 0 ? TYPE_SIZES[type] * (u32(entry + 4) & 0xFFFFFFFFL) : -1;
    }

    /** Where an IFD entry's values are: in the entry when they fit its 4 bytes, else at the offset it holds. */
    long valuesAt(int entry) {
        return valueBytes(entry) <= 4 ? entry + 8 : base + (u32(entry + 8) & 0xFFFFFFFFL);
    }

    /** Every value of an IFD entry of SHORTs or LONGs, inline or at its offset. */
    int[] values(int entry) {
        int type = u16(entry + 2);
        long count = u32(entry + 4) & 0xFFFFFFFFL;
        if (count <= 0 || count > MAX_BLOCKS || (type != 3 && type != 4)) {
            throw ImageRejectedException.badImage("TIFF entry with " + count + " values of type " + type);
        }
        long at = valuesAt(entry);
        if (at + valueBytes(entry) > end) {
            throw ImageRejectedException.badImage("image header is truncated");
        }
        int[] out = new int[(int) count];
        for (int i = 0; i < count; i++) {
            out[i] = type == 3 ? u16((int) at + 2 * i) : u32((int) at + 4 * i);
        }
        return out;
    }
}
