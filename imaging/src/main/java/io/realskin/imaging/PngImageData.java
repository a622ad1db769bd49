package io.realskin.imaging;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The zlib stream of a PNG's consecutive IDAT chunks, fed chunk by chunk and inflated through one 32 KB buffer
 * (nothing of the image's size is allocated, and no more than the header needs plus {@link #MAX_EXCESS} is inflated): its
 * header, its deflate data, its Adler-32 (checked by {@link Inflater} when the stream ends), exactly the bytes the
 * header announces, and every row's filter type 0-4. Rows are not unfiltered: unfiltering cannot fail.
 *
 * <p>What libpng refuses is thrown ({@link ImageRejectedException}): a bad zlib header, deflate data that fails or
 * ends before the image's last byte, IDAT chunks that end before it, a filter type over 4; and more than
 * {@link #MAX_EXCESS} bytes inflated past it, which libpng inflates to the end with a warning only (a bomb of
 * decoding cost). What follows the image's
 * last byte libpng reads only after every row, where a failure is at most a warning or depends on how its reads fall
 * (more data, a stream that does not end, a failure or wrong Adler-32 after the last row): that is reported as
 * {@link #unproven()}, for the caller to decode.
 */
final class PngImageData implements AutoCloseable {
    private static final int BUFFER = 1 << 15;
    /**
     * The most inflated bytes past the image's last row. libpng inflates what follows to the stream's end ("Too much
     * image data" is only a warning): a 2 MB file whose 1 MP image is followed by 2 GB of deflated zeros took OpenCV
     * 5.6 s to decode. Encoders write none.
     */
    static final int MAX_EXCESS = BUFFER;

    private final Inflater inflater = new Inflater();
    private final byte[] out = new byte[BUFFER];
    private final long[][] passes;
    private final long needed;
    private final byte[] head = new byte[2];
    private int headBytes;
    private int pass;
    private long rowsLeft;
    private long nextRow;
    private long produced;
    private boolean ended;
    private boolean stopped;
    private String unproven;

    PngImageData(PngHeader header) {
        passes = header.passes();
        needed = header.dataBytes();
        rowsLeft = passes[0][0];
    }

    /** One IDAT chunk's data, {@code b[off, off + len)}. */
    void feed(byte[] b, int off, int len) {
        if (len == 0) {
            return;
        }
        if (stopped) {
            if (ended) {
                unproven("IDAT data after the end of the zlib stream");
            }
            return;
        }
        for (int i = off; headBytes < 2 && i < off + len; i++) {
            head[headBytes++] = b[i];
            if (headBytes == 2) {
                header();
            }
        }
        inflater.setInput(b, off, len);
        while (!stopped && !inflater.needsInput()) {
            inflate();
        }
    }

    /** The IDAT chunks are over (another chunk follows): libpng needs no more than they gave. */
    void end() {
        if (stopped) {
            return;
        }
        if (produced < needed) {
            throw PngData.corrupt("the IDAT chunks end after " + produced + " of the " + needed
                    + " bytes of image data the header announces");
        }
        unproven("the zlib stream does not end within the IDAT chunks");
    }

    /** Why the data is not proven (null when it is): a departure libpng does not refuse outright. */
    String unproven() {
        return unproven;
    }

    @Override
    public void close() {
        inflater.end();
    }

    /** CMF and FLG: zlib's check, deflate, a window of at most 32 KB, no preset dictionary. */
    private void header() {
        int cmf = head[0] & 0xFF;
        int flg = head[1] & 0xFF;
        if ((cmf << 8 | flg) % 31 != 0) {
            throw PngData.corrupt("zlib header check fails (CMF 0x" + Integer.toHexString(cmf) + ", FLG 0x"
                    + Integer.toHexString(flg) + ")");
        }
        if ((cmf & 15) != 8 || cmf >> 4 > 7 || (flg & 0x20) != 0) {
            throw PngData.corrupt("zlib header asks for method " + (cmf & 15) + ", a window of 2^" + ((cmf >> 4) + 8)
                    + ((flg & 0x20) != 0 ? " and a preset dictionary" : "") + " (deflate, at most 2^15, none expected)");
        }
        // libpng's zlib keeps the window the header declares, ours 32 KB: equal verdicts while the window holds all data
        long window = 1L << ((cmf >> 4) + 8);
        if (cmf >> 4 < 7 && window < needed) {
            unproven("the zlib header declares a " + window + "-byte window for " + needed + " bytes of image data");
        }
    }

    private void inflate() {
        int want = produced < needed ? (int) Math.min(BUFFER, needed - produced) : BUFFER;
        int n;
        try {
            n = inflater.inflate(out, 0, want);
        } catch (DataFormatException e) {
            int written = (int) (inflater.getBytesWritten() - produced);
            rows(written);
            produced += written;
            if (produced < needed) {
                throw PngData.corrupt("deflate data fails after " + produced + " of " + needed + " bytes: " + e.getMessage());
            }
            unproven("the zlib stream fails after the image data: " + e.getMessage());
            return;
        }
        rows(n);
        produced += n;
        if (produced > needed + MAX_EXCESS) {
            throw PngData.corrupt("the image data inflates to more than " + MAX_EXCESS + " bytes past the " + needed
                    + " the header announces (a decoder inflates all of it)");
        }
        if (produced > needed && unproven == null) {
            // not stopped: how much more there is decides between a decode and a refusal
            unproven = "more image data than the " + needed + " bytes the header announces";
        }
        if (inflater.finished()) {
            if (produced < needed) {
                throw PngData.corrupt("the zlib stream ends after " + produced + " of the " + needed
                        + " bytes of image data the header announces");
            }
            ended = true;
            stopped = true;
            if (inflater.getRemaining() > 0) {
                unproven("IDAT data after the end of the zlib stream");
            }
        } else if (n == 0 && !inflater.needsInput()) {
            unproven("the zlib stream stalls"); // no progress with input and room left: not seen, but never loop
        }
    }

    /** The filter-type bytes among the {@code n} bytes just inflated (those of the image's rows: 0 to 4). */
    private void rows(int n) {
        long stop = Math.min(produced + n, needed);
        while (nextRow < stop) {
            int filter = out[(int) (nextRow - produced)] & 0xFF;
            if (filter > 4) {
                long row = passes[pass][0] - rowsLeft;
                throw PngData.corrupt("filter type " + filter + " on row " + row
                        + (passes[pass][2] > 0 ? " of Adam7 pass " + passes[pass][2] : ""));
            }
            nextRow += passes[pass][1];
            if (--rowsLeft == 0) {
                nextRow = ++pass < passes.length ? nextRow : Long.MAX_VALUE;
                rowsLeft = pass < passes.length ? passes[pass][0] : 0;
            }
        }
    }

    private void unproven(String why) {
        stopped = true;
        if (unproven == null) {
            unproven = why;
        }
    }
}
