package io.realskin.imaging;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A TIFF structure being written: its header, then IFDs whose values that do not fit 4 bytes follow each IFD. */
final class TiffWriter {
    private final ByteBuffer b;

    TiffWriter(boolean littleEndian, int capacity) {
        b = ByteBuffer.allocate(capacity).order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        b.put(ProducerFiles.ascii(littleEndian ? "II" : "MM")).putShort((short) 42).putInt(8);
    }

    int pos() {
        return b.position();
    }

    /**
     * An IFD of entries {tag, type, count} (types 1 BYTE, 2 ASCII, 3 SHORT, 4 LONG, 5 RATIONAL, 7 UNDEFINED) at
     * the current position, the next-IFD offset 0, then room for the values that do not fit 4 bytes.
     *
     * @return per entry, where its value is written (inline or in the room after the IFD)
     */
    int[] ifd(int[][] entries) {
        int start = b.position();
        int room = start + 2 + 12 * entries.length + 4;
        b.putShort((short) entries.length);
        int[] slots = new int[entries.length];
        for (int i = 0; i < entries.length; i++) {
            int size = entries[i][2] * switch (entries[i][1]) {
                case 3 -> 2;
                case 4 -> 4;
                case 5 -> 8;
                default -> 1;
            };
            b.putShort((short) entries[i][0]).putShort((short) entries[i][1]).putInt(entries[i][2]);
            if (size <= 4) {
                slots[i] = b.position();
                b.putInt(0);
            } else {
                slots[i] = room;
                b.putInt(room);
                room += size + (size & 1);
            }
        }
        b.putInt(0);
        b.position(room);
        return slots;
    }

    int nextIfdSlot(int ifd) {
        return ifd + 2 + 12 * b.getShort(ifd);
    }

    void putShortAt(int at, int v) {
        b.putShort(at, (short) v);
    }

    void putIntAt(int at, int v) {
        b.putInt(at, v);
    }

    void bytesAt(int at, byte[] v) {
        b.put(at, v);
    }

    void asciiAt(int at, String s) {
        b.put(at, ProducerFiles.ascii(s + "\0"));
    }

    void rationals(int at, int[][] values) {
        for (int i = 0; i < values.length; i++) b.putInt(at + 8 * i, values[i][0]).putInt(at + 8 * i + 4, values[i][1]);
    }

    void raw(byte[] bytes) {
        b.put(bytes);
    }

    byte[] bytes() {
        return java.util.Arrays.copyOf(b.array(), b.position());
    }
}
