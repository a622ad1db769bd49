package io.realskin.imaging.jpeg;

/**
 * One Huffman table of a DHT segment, for decoding: a 9-bit look-up for short codes and the canonical
 * MAXCODE / VALPTR walk of T.81 Annex F.2.2.3 for longer ones.
 */
public final class HuffmanDecoder {
    static final int LOOKUP_BITS = 9;
    /** (length << 8) | symbol for codes of up to LOOKUP_BITS bits, 0 when the prefix needs the long walk. */
    private final int[] lookup = new int[1 << LOOKUP_BITS];
    private final int[] maxCode = new int[18];
    private final int[] valPtr = new int[17];
    private final int[] minCode = new int[17];
    private final int[] values;

    /** @param counts number of codes of each length 1..16 (index 0 unused) */
    public HuffmanDecoder(int[] counts, int[] values) {
        this.values = values;
        int code = 0, k = 0;
        for (int len = 1; len <= 16; len++) {
            valPtr[len] = k;
            minCode[len] = code;
            code += counts[len];
            k += counts[len];
            maxCode[len] = counts[len] == 0 ? -1 : code - 1;
            if (code > (1 << len)) throw new JpegHeaderException("Huffman table has too many codes");
            code <<= 1;
        }
        maxCode[17] = Integer.MAX_VALUE;
        code = 0;
        k = 0;
        for (int len = 1; len <= LOOKUP_BITS; len++) {
            for (int i = 0; i < counts[len]; i++, k++, code++) {
                int shift = LOOKUP_BITS - len;
                for (int fill = 0; fill < (1 << shift); fill++) {
                    lookup[(code << shift) | fill] = (len << 8) | values[k];
                }
            }
            code <<= 1;
        }
    }

    /**
     * Reads the tables of a DHT segment's body, bytes {@code p} to {@code end}, into {@code dc} or {@code ac} at their
     * ids (0..3).
     *
     * @throws JpegHeaderException when a table breaks T.81's rules or runs past the segment
     */
    public static void readSegment(byte[] data, int p, int end, HuffmanDecoder[] dc, HuffmanDecoder[] ac) {
        while (p < end) {
            int tc = (data[p] & 0xFF) >> 4;
            int th = data[p] & 15;
            if (tc > 1 || th > 3 || p + 17 > end) throw new JpegHeaderException("bad DHT");
            int[] counts = new int[17];
            int total = 0;
            for (int i = 1; i <= 16; i++) total += counts[i] = data[p + i] & 0xFF;
            if (total > 256 || p + 17 + total > end) throw new JpegHeaderException("bad DHT");
            int[] values = new int[total];
            for (int i = 0; i < total; i++) values[i] = data[p + 17 + i] & 0xFF;
            (tc == 0 ? dc : ac)[th] = new HuffmanDecoder(counts, values);
            p += 17 + total;
        }
    }

    public int decode(BitReader in) {
        int peek = in.peek(LOOKUP_BITS);
        int e = lookup[peek];
        if (e != 0) {
            in.skip(e >> 8);
            return e & 0xFF;
        }
        int code = in.peek(16);
        for (int len = LOOKUP_BITS + 1; len <= 16; len++) {
            int c = code >>> (16 - len);
            if (c <= maxCode[len] && maxCode[len] >= 0) {
                in.skip(len);
                return values[valPtr[len] + c - minCode[len]];
            }
        }
        throw new JpegDataException("bad Huffman code in the scan data");
    }
}
