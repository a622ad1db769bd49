package io.realskin.imaging;

import static io.realskin.imaging.Bytes.be32;
import static io.realskin.imaging.Bytes.u8;

/**
 * A PNG's IHDR as libpng 1.6's png_check_IHDR accepts it (OpenCV's build: sides up to 1,000,000), and the image data
 * it announces: per Adam7 pass (one pass when not interlaced) its rows, each a filter-type byte and the row's bytes.
 */
record PngHeader(int width, int height, int bitDepth, int colourType, boolean interlaced) {
    /** libpng's PNG_USER_WIDTH_MAX and PNG_USER_HEIGHT_MAX as OpenCV builds it: "Image width exceeds user limit". */
    static final int MAX_SIDE = 1_000_000;
    /** Adam7 passes: first column, first row, column step, row step. */
    private static final int[][] ADAM7 = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2},
        {0, 1, 1, 2}};

    /** @throws ImageRejectedException where libpng refuses the IHDR (its length, a side, a field's value) */
    static PngHeader read(byte[] b, int body, long length) {
        if (length != 13) {
            throw PngData.corrupt("IHDR chunk of " + length + " bytes (13 expected)");
        }
        long width = be32(b, body);
        long height = be32(b, body + 4);
        int depth = u8(b, body + 8);
        int colourType = u8(b, body + 9);
        int compression = u8(b, body + 10);
        int filter = u8(b, body + 11);
        int interlace = u8(b, body + 12);
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw PngData.corrupt("IHDR size " + width + "x" + height + " (libpng takes sides of 1 to " + MAX_SIDE + ")");
        }
        boolean depthFits = switch (colourType) {
            case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
            case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
            case 2, 4, 6 -> depth == 8 || depth == 16;
            default -> false;
        };
        if (!depthFits) {
            throw PngData.corrupt("IHDR colour type " + colourType + " with bit depth " + depth);
        }
        if (compression != 0 || filter != 0 || interlace > 1) {
            throw PngData.corrupt("IHDR compression " + compression + ", filter method " + filter + ", interlace " + interlace
                    + " (0, 0 and 0 or 1 expected)");
        }
        return new PngHeader((int) width, (int) height, depth, colourType, interlace == 1);
    }

    boolean palette() {
        return colourType == 3;
    }

    /** Samples per pixel as coded: gray 1, RGB 3, palette index 1, gray and alpha 2, RGBA 4. */
    int channels() {
        return switch (colourType) {
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> 1;
        };
    }

    /** Each non-empty pass: {rows, bytes per row with its filter-type byte, Adam7 pass 1-7 (0 when not interlaced)}. */
    long[][] passes() {
        if (!interlaced) {
            return new long[][] {{height, 1 + rowBytes(width), 0}};
        }
        return java.util.stream.IntStream.range(0, ADAM7.length)
                .mapToObj(i -> new long[] {span(height, ADAM7[i][1], ADAM7[i][3]), 1 + rowBytes(span(width, ADAM7[i][0], ADAM7[i][2])), i + 1})
                .filter(p -> p[0] > 0 && p[1] > 1)
                .toArray(long[][]::new);
    }

    /** The inflated size of the image data: every row of every pass with its filter-type byte. */
    long dataBytes() {
        long total = 0;
        for (long[] pass : passes()) {
            total += pass[0] * pass[1];
        }
        return total;
    }

    /**
     * The longest IDAT chunk libpng 1.6.37 reads for this image (png_check_chunk_length): the raw data with zlib's
     * overhead, at least the 8,000,000 bytes any chunk may have.
     */
    long idatLimit() {
        long rowFactor = (long) width * channels() * (bitDepth > 8 ? 2 : 1) + 1 + (interlaced ? 6 : 0);
        long limit = height > 0xFFFFFFFFL / rowFactor ? Integer.MAX_VALUE : height * rowFactor;
        limit += 6 + 5 * (limit / Math.min(rowFactor, 32566) + 1);
        return Math.max(PngData.MAX_CHUNK, Math.min(limit, Integer.MAX_VALUE));
    }

    private long rowBytes(long pixels) {
        return (pixels * channels() * bitDepth + 7) / 8;
    }

    /** How many of {@code size} columns (or rows) from {@code start} at {@code step} a pass has. */
    private static long span(long size, int start, int step) {
        return size > start ? (size - start + step - 1) / step : 0;
    }
}
