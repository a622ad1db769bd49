package io.realskin.imaging;

import io.realskin.imaging.jpeg.JpegSegments;
import java.util.Arrays;

/**
 * An APP1 EXIF block without the JPEGs that stand in it apart from IFD1's thumbnail: a maker note's preview (Nikon's
 * PreviewIFD, Pentax's PreviewImageStart and Length, Casio's, an older Minolta's; the other makers write theirs after
 * the image's EOI, which a rewritten file does not carry), or a thumbnail whose IFD1 an editor unlinked and whose bytes
 * nothing points at any more. They are found by what they are, not by where a maker note says they are: each maker
 * note counts its offsets from a base of its own, and editors that moved one left those offsets wrong, while a JPEG's
 * own structure (SOI, marker segments each exactly where the last one ended, a frame header, a scan, its entropy-coded
 * data, EOI: ITU-T T.81, B.1) is not met by chance. Each is overwritten with zeros where it lies, so no byte moves and
 * every offset still points where it did.
 */
final class ExifPreviews {
    /** After 0xFF, the marker, the length and "Exif\0\0". */
    private static final int TIFF = 10;
    private static final int NOT_A_JPEG = -1;
    /**
     * How many times the block's size the walks may read in all. A block's JPEGs do not overlap, and bytes that only
     * start like one end their walk soon, so a real block reads each byte about once; a block made of JPEG starts
     * whose walks all run on to its end would otherwise cost its size squared.
     */
    private static final int READS_PER_BYTE = 4;

    private final byte[] b;
    private long budget;

    private ExifPreviews(byte[] segment) {
        b = segment;
        budget = (long) READS_PER_BYTE * segment.length;
    }

    /**
     * @return the segment itself when no JPEG stands in it, else a copy with each one's bytes zeroed
     * @throws IllegalArgumentException for a JPEG that has a frame header but runs past the block's end (a preview cut
     *                                  short: its start cannot be told from the end of the block's other bytes), or a
     *                                  block whose JPEG starts cost more than {@link #READS_PER_BYTE} reads a byte
     */
    static byte[] zero(byte[] segment) {
        return new ExifPreviews(segment).zero();
    }

    private byte[] zero() {
        byte[] out = b;
        for (int i = TIFF; i + 3 < b.length; i++) {
            if (b[i] != (byte) 0xFF || b[i + 1] != (byte) 0xD8 || b[i + 2] != (byte) 0xFF) continue;
            int end = end(i);
            if (end == NOT_A_JPEG) continue;
            if (out == b) out = b.clone();
            Arrays.fill(out, i, end, (byte) 0);
            i = end - 1;
        }
        return out;
    }

    /** Where the JPEG whose SOI is at {@code soi} ends (after its EOI), or {@link #NOT_A_JPEG}. */
    private int end(int soi) {
        boolean frame = false;
        boolean scan = false;
        int p = soi + 2;
        while (true) {
            if (p + 1 >= b.length) return cut(frame);
            if (b[p] != (byte) 0xFF) return NOT_A_JPEG;
            int marker = b[p + 1] & 0xFF;
            if (marker == 0xFF) { // a fill byte before the marker
                p = read(p, p + 1);
                continue;
            }
            if (marker == 0xD9) return scan ? p + 2 : NOT_A_JPEG;
            if (marker == 0x00 || marker == 0x01 || marker >= 0xD0 && marker <= 0xD8) return NOT_A_JPEG;
            if (p + 3 >= b.length) return cut(frame);
            int length = Bytes.be16(b, p + 2);
            if (length < 2) return NOT_A_JPEG;
            if (p + 2 + length > b.length) return cut(frame);
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) frame = true;
            p = read(p, p + 2 + length);
            if (marker == 0xDA) {
                if (!frame) return NOT_A_JPEG;
                scan = true;
                p = read(p, JpegSegments.endOfEntropyCodedData(b, p));
                if (p + 1 >= b.length) return cut(true);
            }
        }
    }

    /** {@code to}, once the bytes from {@code from} to it are counted against the budget. */
    private int read(int from, int to) {
        budget -= to - from;
        if (budget < 0) throw new IllegalArgumentException("JPEG starts that cost more than " + READS_PER_BYTE + " reads a byte");
        return to;
    }

    private static int cut(boolean frame) {
        if (frame) throw new IllegalArgumentException("a JPEG in the EXIF block runs past its end");
        return NOT_A_JPEG;
    }
}
