package io.realskin.imaging.jpeg;

/**
 * The marker segments of a JPEG file in order, from after its SOI to its EOI (ITU-T T.81, B.1): bytes between
 * segments and fill bytes are skipped as decoders do, TEM and stray RSTn markers passed over, and each segment's
 * length checked against the data before the visitor sees it. Shared by every reader of the project's that walks a
 * JPEG's structure, so each reads the markers the same way; ImageProbe's header check alone keeps its own loop, since
 * it refuses the bytes between segments that this walk skips.
 */
public final class JpegSegments {
    /** Returned by a visitor to stop the walk there. */
    public static final int STOP = -1;

    private JpegSegments() {
    }

    /** One segment: its marker (the byte after 0xFF), where its body starts and where the segment ends. */
    @FunctionalInterface
    public interface Visitor {
        /**
         * @return where the walk goes on: {@code end} for a plain segment, the position after its entropy-coded data
         *         for a scan (SOS), or {@link #STOP}
         */
        int segment(int marker, int body, int end);
    }

    /**
     * Visits every segment after the SOI (at 0) until the EOI.
     *
     * @return true when an EOI ended the walk, false when the visitor stopped it
     * @throws Cut when the data ends before an EOI, or a segment's length runs past the data
     */
    public static boolean walk(byte[] data, Visitor visitor) {
        int pos = 2;
        while (true) {
            while (pos < data.length && (data[pos] & 0xFF) != 0xFF) pos++;
            while (pos + 1 < data.length && (data[pos + 1] & 0xFF) == 0xFF) pos++;
            if (pos + 1 >= data.length) throw new Cut("no EOI marker");
            int marker = data[pos + 1] & 0xFF;
            pos += 2;
            if (marker == 0xD9) return true;
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;
            if (pos + 1 >= data.length) throw new Cut("segment length past the end of the data");
            int len = (data[pos] & 0xFF) << 8 | (data[pos + 1] & 0xFF);
            if (len < 2 || pos + len > data.length) throw new Cut("bad segment length");
            int next = visitor.segment(marker, pos + 2, pos + len);
            if (next == STOP) return false;
            pos = next;
        }
    }

    /**
     * Where a scan's entropy-coded data that starts at {@code from} ends: at the first marker that is neither a stuffed
     * 0xFF (FF 00), a fill byte nor a restart marker; the data's length when there is none.
     */
    public static int endOfEntropyCodedData(byte[] data, int from) {
        for (int p = from; p + 1 < data.length; p++) {
            if ((data[p] & 0xFF) == 0xFF) {
                int next = data[p + 1] & 0xFF;
                if (next != 0x00 && next != 0xFF && (next < 0xD0 || next > 0xD7)) {
                    return p;
                }
            }
        }
        return data.length;
    }

    /** The data ends inside the structure: no EOI, or a segment longer than what is left. */
    public static final class Cut extends JpegDataException {
        Cut(String message) {
            super(message);
        }
    }
}
