package io.realskin.imaging;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A classic TIFF file (little- or big-endian, as an encoder wrote it) with fields added to its first IFD: the IFD is
 * written again after the file's end, its entries and the new ones sorted by tag, the new values that do not fit an
 * entry after it, and the header pointed at it. Nothing else moves, so every offset the old entries hold stays true;
 * the old table stays where it was, unreferenced. A field the IFD has already is replaced.
 */
final class TiffFields {
    static final int BYTE = 1;
    static final int UNDEFINED = 7;

    /** A field of BYTE or UNDEFINED values (one byte each, so the byte order does not matter). */
    record Field(int tag, int type, byte[] values) {
    }

    private TiffFields() {
    }

    /** @throws RuntimeException when {@code tiff} is no classic TIFF whose first IFD lies inside it */
    static byte[] with(byte[] tiff, Field... fields) {
        if (!Tiff.startsAt(tiff, 0)) throw new IllegalArgumentException("no TIFF header");
        Tiff t = new Tiff(tiff, 0, tiff.length);
        int ifd = t.firstIfd();
        if (ifd < 8 || ifd + 2 > tiff.length || t.nextIfdSlot(ifd) + 4 > tiff.length) {
            throw new IllegalArgumentException("first IFD outside the file");
        }
        boolean le = tiff[0] == 'I';
        Map<Integer, byte[]> entries = new TreeMap<>();
        for (int i = 0, count = t.u16(ifd); i < count; i++) {
            int at = ifd + 2 + 12 * i;
            entries.put(t.u16(at), Arrays.copyOfRange(tiff, at, at + 12));
        }
        for (Field f : fields) entries.put(f.tag(), null);
        long start = tiff.length + (tiff.length & 1); // an IFD and its values start on a word boundary
        long data = start + 2 + 12L * entries.size() + 4;
        ByteArrayOutputStream values = new ByteArrayOutputStream();
        for (Field f : fields) {
            byte[] entry = new byte[12];
            put(entry, 0, 2, f.tag(), le);
            put(entry, 2, 2, f.type(), le);
            put(entry, 4, 4, f.values().length, le);
            if (f.values().length <= 4) {
                System.arraycopy(f.values(), 0, entry, 8, f.values().length);
            } else {
                put(entry, 8, 4, data + values.size(), le);
                values.writeBytes(f.values());
                if ((values.size() & 1) != 0) values.write(0);
            }
            entries.put(f.tag(), entry);
        }
        if (data + values.size() > 0xFFFFFFFFL) throw new IllegalArgumentException("a TIFF of more than 4 GB");
        byte[] out = Arrays.copyOf(tiff, (int) (data + values.size()));
        put(out, 4, 4, start, le);
        int at = (int) start;
        put(out, at, 2, entries.size(), le);
        at += 2;
        for (byte[] entry : entries.values()) {
            System.arraycopy(entry, 0, out, at, 12);
            at += 12;
        }
        System.arraycopy(tiff, t.nextIfdSlot(ifd), out, at, 4); // the next IFD, as the old table said
        System.arraycopy(values.toByteArray(), 0, out, (int) data, values.size());
        return out;
    }

    /** {@code value}'s low {@code bytes} bytes at {@code at}, in the file's byte order. */
    private static void put(byte[] b, int at, int bytes, long value, boolean le) {
        for (int i = 0; i < bytes; i++) b[at + (le ? i : bytes - 1 - i)] = (byte) (value >> 8 * i);
    }
}
