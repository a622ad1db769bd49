package io.realskin.imaging.jpeg;

/**
 * Walks a JPEG's scans to tell whether all of its entropy-coded data is there (ITU-T T.81): every scan codes every
 * MCU the frame needs from bits that are in the file, and the scans together code every coefficient of every
 * component to full precision. The walk only use of {@link JpegDecoder}: symbols are Huffman-decoded and their
 * extra bits skipped; no coefficient is kept and no pixel computed (a progressive file's refinement scans need a
 * bit per coefficient and block, to know which coefficients are already non-zero).
 *
 * <p>What it catches: data cut short and then closed with an {@code EOI} marker, which libjpeg only warns about
 * ("premature end of data segment") and decodes into gray, a scan that stops at a restart marker too early, a
 * component or a progressive band that is never coded. Restart markers and progressive scans are followed;
 * whatever follows the {@code EOI} is not read. Sequential and progressive Huffman-coded frames (SOF0, SOF1, SOF2)
 * are walked; arithmetic-coded, lossless and hierarchical ones, and scans that name a Huffman table the file never
 * defines, are {@link Verdict#UNCHECKED}.
 */
public final class JpegScans implements JpegDecoder.Use {
    /** What the walk found. */
    public enum Verdict {
        /** Every MCU of every scan coded within the data, every coefficient coded, and an EOI marker after the scans. */
        COMPLETE,
        /** Fewer MCUs coded than the frame needs, a coefficient never coded, or no EOI marker. */
        TRUNCATED,
        /** A coding the walk does not follow; nothing is said about the data. */
        UNCHECKED
    }

    private boolean framed;
    private Verdict stopped;

    private JpegScans() {
    }

    /**
     * @param jpeg a file starting with SOI
     * @throws JpegDataException when the entropy-coded data holds a code no Huffman table of the file has, or a
     *                           run past the 64th coefficient (corrupt, not cut short)
     */
    public static Verdict check(byte[] jpeg) {
        JpegScans walk = new JpegScans();
        JpegDecoder scans;
        try {
            scans = JpegDecoder.decode(jpeg, walk);
        } catch (ArrayIndexOutOfBoundsException | JpegSegments.Cut e) {
            return Verdict.TRUNCATED; // no EOI, or a segment runs past the end of the data
        } catch (JpegHeaderException e) {
            return Verdict.UNCHECKED; // a table, frame or scan header the walk cannot follow
        }
        if (scans.stopped()) return walk.stopped;
        if (scans.frame() == null) return Verdict.UNCHECKED;
        return scans.allCoded() ? Verdict.COMPLETE : Verdict.TRUNCATED;
    }

    @Override
    public short[][] frame(JpegFrame frame) {
        if (framed) throw new JpegDataException("a second frame header after the scans");
        framed = true;
        return null;
    }

    @Override
    public boolean scanned(boolean overran) {
        if (overran) stopped = Verdict.TRUNCATED;
        return !overran;
    }

    /** A scan cut short ends the walk as truncated, however many MCUs its frame still owes. */
    @Override
    public boolean stopsWhereTheDataEnds() {
        return true;
    }

    @Override
    public boolean segment(int marker, int body, int end) {
        return switch (marker) {
            case 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF, 0xDC -> {
                stopped = Verdict.UNCHECKED; // lossless, hierarchical, arithmetic-coded, height after the scan (DNL)
                yield false;
            }
            default -> true;
        };
    }
}
