package io.realskin.imaging.jpeg;

import static io.realskin.imaging.jpeg.JpegDecoder.MAX_SCANNED_BLOCKS;
import static io.realskin.imaging.jpeg.JpegDecoder.MAX_SCANS;
import static io.realskin.imaging.jpeg.JpegDecoder.MAX_SEGMENTS;

/**
 * {@link JpegDecoder}'s limits, checked on the whole file from its headers before any scan's data is decoded: the
 * segments, the scans, and the blocks each scan covers, which its header and the frame header decide (one component:
 * that component's blocks; several: the MCUs times the blocks each MCU holds of them). The entropy-coded data is
 * stepped over to the next marker, where the decoder also goes on after a scan, so both see the same segments. What
 * the decoder refuses itself (a scan before the frame, a bad scan header, data cut short) ends the count there.
 */
final class JpegScanBudget implements JpegSegments.Visitor {
    private final byte[] data;
    private JpegFrame frame;
    private int segments;
    private int scans;
    private long blocks;

    private JpegScanBudget(byte[] data) {
        this.data = data;
    }

    /** @throws JpegScanLimitException when the file passes one of the limits */
    static void check(byte[] jpeg) {
        try {
            JpegSegments.walk(jpeg, new JpegScanBudget(jpeg));
        } catch (JpegSegments.Cut | ArrayIndexOutOfBoundsException e) {
            // the decoder meets the same end of the data, and reports it
        }
    }

    @Override
    public int segment(int marker, int body, int end) {
        if (++segments > MAX_SEGMENTS) {
            throw new JpegScanLimitException("more than " + MAX_SEGMENTS + " marker segments (a camera writes a few dozen;"
                    + " each costs every reader of the file)");
        }
        switch (marker) {
            case 0xC0, 0xC1, 0xC2 -> frame = new JpegFrame(data, body, marker);
            case 0xDA -> {
                return scan(body, end) ? JpegSegments.endOfEntropyCodedData(data, end) : JpegSegments.STOP;
            }
            default -> { }
        }
        return end;
    }

    /** @return false where the decoder refuses the scan header */
    private boolean scan(int p, int end) {
        if (frame == null) return false;
        if (++scans > MAX_SCANS) {
            throw new JpegScanLimitException("more than " + MAX_SCANS + " scans (a progressive JPEG has about 10; each is a pass"
                    + " over the whole image)");
        }
        int ns = data[p] & 0xFF;
        if (ns < 1 || ns > 4 || p + 1 + 2 * ns + 3 > end) return false;
        long blocksInMcu = 0;
        int single = -1;
        for (int i = 0; i < ns; i++) {
            int c = frame.index(data[p + 1 + 2 * i] & 0xFF);
            if (c < 0) return false;
            blocksInMcu += (long) frame.h(c) * frame.v(c);
            single = c;
        }
        blocks += ns == 1 ? (long) frame.usedBlocksWide(single) * frame.usedBlocksHigh(single)
                : (long) frame.mcusWide() * frame.mcusHigh() * blocksInMcu;
        if (blocks > MAX_SCANNED_BLOCKS) {
            throw new JpegScanLimitException("scans that cover more than " + MAX_SCANNED_BLOCKS + " blocks together ("
                    + scans + " scans of a " + frame.width() + "x" + frame.height() + " image; each is a pass over its blocks)");
        }
        return true;
    }
}
