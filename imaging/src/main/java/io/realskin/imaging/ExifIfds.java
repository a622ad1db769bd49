package io.realskin.imaging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An APP1 EXIF block without some of its IFDs (CIPA DC-008). Without its thumbnail: IFD0's next-IFD offset set to 0, so
 * IFD1 (and any IFD chained after it) is gone. Without its GPS IFD: IFD0's pointer to it taken out of IFD0. Either way
 * the bytes of the IFDs gone, of their values and of the images they point at (a JPEG thumbnail, or an uncompressed one
 * in strips) are removed, so they cannot be carved back out either; what the rest reaches (camera, orientation, date,
 * the Exif and interoperability IFDs, a maker note) stays where it was.
 */
final class ExifIfds {
    /** After 0xFF, the marker, the length and "Exif\0\0". */
    private static final int TIFF = 10;
    /** Tags whose values are offsets of further IFDs: Exif, GPS, interoperability, SubIFDs. */
    private static final Set<Integer> IFD_POINTERS = Set.of(0x8769, 0x8825, 0xA005, 0x014A);
    /** Tags of image data offsets, to the tag of their lengths: strips, tiles, a JPEG thumbnail. */
    private static final Map<Integer, Integer> IMAGE_DATA = Map.of(0x0111, 0x0117, 0x0144, 0x0145, 0x0201, 0x0202);
    private static final int MAX_IFDS = 64;
    private static final int GPS_POINTER = 0x8825;
    private static final int ORIENTATION = 0x0112;

    private final Tiff t;
    private final Set<Integer> seen = new HashSet<>();
    /** Byte ranges [from, to) in the segment. */
    private final List<long[]> kept = new ArrayList<>();
    private final List<long[]> removed = new ArrayList<>();

    /** The IFD pointer whose IFD is removed (not followed by the walk of what is kept), or 0. */
    private int removedPointer;

    private ExifIfds(byte[] segment) {
        if (!Tiff.startsAt(segment, TIFF)) throw new IllegalArgumentException("no TIFF header");
        t = new Tiff(segment, TIFF, segment.length);
    }

    /**
     * @return the segment itself when it has no IFD1, else a new one without it
     * @throws RuntimeException when the block cannot be walked: an offset or a length outside it, an IFD met twice, a
     *                          field of a type TIFF does not define, an IFD removed that shares bytes with what is kept
     */
    static byte[] withoutThumbnail(byte[] segment) {
        return new ExifIfds(segment).withoutThumbnail();
    }

    /**
     * @return the segment itself when it has no GPS IFD, else a new one without it (where the photo was taken)
     * @throws RuntimeException as {@link #withoutThumbnail}
     */
    static byte[] withoutGps(byte[] segment) {
        return new ExifIfds(segment).withoutGps();
    }

    /**
     * @return the segment itself when IFD0 has no orientation or 1, else a copy whose IFD0 orientation is 1 (its
     *         pixels stand upright as stored); nothing else moves
     * @throws RuntimeException when IFD0 cannot be read, or its orientation is not one SHORT
     */
    static byte[] upright(byte[] segment) {
        Tiff t = new ExifIfds(segment).t;
        int ifd0 = t.firstIfd();
        for (int i = 0, count = t.u16(ifd0); i < count; i++) {
            int entry = ifd0 + 2 + 12 * i;
            if (t.u16(entry) != ORIENTATION) continue;
            if (t.u16(entry + 2) != 3 || t.u32(entry + 4) != 1) throw new IllegalArgumentException("orientation is not one SHORT");
            if (t.value(entry) == 1) return segment;
            byte[] out = segment.clone();
            boolean littleEndian = out[t.base] == 'I';
            out[entry + 8] = (byte) (littleEndian ? 1 : 0);
            out[entry + 9] = (byte) (littleEndian ? 0 : 1);
            return out;
        }
        return segment;
    }

    private byte[] withoutThumbnail() {
        int ifd0 = position(t.u32(t.base + 4));
        int next = t.nextIfdSlot(ifd0);
        if (t.u32(next) == 0) return t.b;
        kept.add(range(t.base, 8));
        walk(ifd0, kept);
        for (int offset = t.u32(next); offset != 0; ) {
            int ifd = position(offset);
            walk(ifd, removed);
            offset = t.u32(t.nextIfdSlot(ifd));
        }
        byte[] out = cut();
        Arrays.fill(out, next, next + 4, (byte) 0);
        return EmbeddedPreviews.sized(out);
    }

    private byte[] withoutGps() {
        int ifd0 = position(t.u32(t.base + 4));
        int count = t.u16(ifd0);
        int pointer = -1;
        for (int i = 0; i < count && pointer < 0; i++) {
            if (t.u16(ifd0 + 2 + 12 * i) == GPS_POINTER) pointer = ifd0 + 2 + 12 * i;
        }
        if (pointer < 0) return t.b;
        removedPointer = GPS_POINTER;
        kept.add(range(t.base, 8));
        walk(ifd0, kept);
        for (int offset = t.u32(t.nextIfdSlot(ifd0)); offset != 0; ) {
            int ifd = position(offset);
            walk(ifd, kept);
            offset = t.u32(t.nextIfdSlot(ifd));
        }
        for (int offset : t.values(pointer)) walk(position(offset), removed);
        byte[] out = cut();
        // the pointer's entry out of IFD0: the entries after it and the next-IFD offset move up, its 12 bytes end as zeros
        int tableEnd = t.nextIfdSlot(ifd0) + 4;
        System.arraycopy(out, pointer + 12, out, pointer, tableEnd - pointer - 12);
        Arrays.fill(out, tableEnd - 12, tableEnd, (byte) 0);
        int less = count - 1;
        boolean littleEndian = out[t.base] == 'I';
        out[ifd0] = (byte) (littleEndian ? less : less >> 8);
        out[ifd0 + 1] = (byte) (littleEndian ? less >> 8 : less);
        return EmbeddedPreviews.sized(out);
    }

    /** The block with the removed ranges cut off its end or zeroed where they are. */
    private byte[] cut() {
        for (long[] r : removed) {
            for (long[] k : kept) {
                if (r[0] < k[1] && k[0] < r[1]) throw new IllegalArgumentException("a removed IFD's bytes are also kept data's");
            }
        }
        long keptEnd = kept.stream().mapToLong(k -> k[1]).max().orElseThrow();
        long cut = removed.stream().mapToLong(r -> r[0]).min().orElseThrow();
        // Offsets count from the TIFF header, and a maker note's own offsets cannot be walked, so no kept byte may
        // move: the removed bytes are cut off only when they are the block's tail (nothing IFD0 reaches ends after the
        // first of them); elsewhere they are overwritten with zeros in place, which moves nothing.
        byte[] out = keptEnd <= cut ? Arrays.copyOf(t.b, (int) cut) : t.b.clone();
        if (keptEnd > cut) {
            for (long[] r : removed) Arrays.fill(out, (int) r[0], (int) r[1], (byte) 0);
        }
        return out;
    }

    /** The IFD at {@code ifd}, its values that do not fit their entries, the IFDs and image data it points at. */
    private void walk(int ifd, List<long[]> into) {
        if (!seen.add(ifd) || seen.size() > MAX_IFDS) throw new IllegalArgumentException("IFD at " + ifd + " met twice");
        int count = t.u16(ifd);
        into.add(range(ifd, 2 + 12L * count + 4));
        for (int i = 0; i < count; i++) {
            int entry = ifd + 2 + 12 * i;
            long bytes = t.valueBytes(entry);
            if (bytes < 0) throw new IllegalArgumentException("field of type " + t.u16(entry + 2));
            if (bytes > 4) into.add(range(t.valuesAt(entry), bytes));
            int tag = t.u16(entry);
            if (IFD_POINTERS.contains(tag) && !(into == kept && tag == removedPointer)) {
                for (int offset : t.values(entry)) walk(position(offset), into);
            }
            Integer lengthTag = IMAGE_DATA.get(tag);
            if (lengthTag != null) imageData(ifd, count, entry, lengthTag, into);
        }
    }

    private void imageData(int ifd, int count, int offsetEntry, int lengthTag, List<long[]> into) {
        for (int i = 0; i < count; i++) {
            int entry = ifd + 2 + 12 * i;
            if (t.u16(entry) != lengthTag) continue;
            int[] offsets = t.values(offsetEntry);
            int[] lengths = t.values(entry);
            if (offsets.length != lengths.length) throw new IllegalArgumentException("image data offsets without lengths");
            for (int j = 0; j < offsets.length; j++) {
                into.add(range(t.base + Integer.toUnsignedLong(offsets[j]), Integer.toUnsignedLong(lengths[j])));
            }
            return;
        }
        throw new IllegalArgumentException("image data offsets without lengths");
    }

    /** Where an offset (unsigned, from the TIFF header) points, which must be inside the block. */
    private int position(int offset) {
        return (int) range(t.base + Integer.toUnsignedLong(offset), 2)[0];
    }

    /** [from, from + length), which must lie inside the TIFF structure. */
    private long[] range(long from, long length) {
        if (from < t.base || from + length > t.end) throw new IllegalArgumentException("offset outside the EXIF block");
        return new long[] {from, from + length};
    }
}
