package io.realskin.texture.jpeg;

/**
 * One colour component of a JPEG and its quantised DCT coefficients: 64 per 8x8 block in natural (row-major)
 * order, blocks row-major over a grid padded to whole MCUs. Coefficients are the values the file codes
 * (not multiplied by the quantisation table).
 */
public final class JpegComponent {
    final int id;
    final int h;
    final int v;
    final int quantTable;
    final int blocksWide;
    final int blocksHigh;
    /** Blocks that hold image samples (the rest is MCU padding): ceil(ceil(width * h / hmax) / 8). */
    final int usedBlocksWide;
    final int usedBlocksHigh;
    final short[] coefficients;

    JpegComponent(int id, int h, int v, int quantTable, int blocksWide, int blocksHigh, int usedBlocksWide,
                  int usedBlocksHigh) {
        this.id = id;
        this.h = h;
        this.v = v;
        this.quantTable = quantTable;
        this.blocksWide = blocksWide;
        this.blocksHigh = blocksHigh;
        this.usedBlocksWide = usedBlocksWide;
        this.usedBlocksHigh = usedBlocksHigh;
        this.coefficients = new short[blocksWide * blocksHigh * 64];
    }

    /** This component with its own copy of the coefficients. */
    JpegComponent copy() {
        JpegComponent c = new JpegComponent(id, h, v, quantTable, blocksWide, blocksHigh, usedBlocksWide, usedBlocksHigh);
        System.arraycopy(coefficients, 0, c.coefficients, 0, coefficients.length);
        return c;
    }

    public int id() {
        return id;
    }

    /** Horizontal sampling factor (1..4). */
    public int h() {
        return h;
    }

    /** Vertical sampling factor (1..4). */
    public int v() {
        return v;
    }

    public int quantTable() {
        return quantTable;
    }

    public int blocksWide() {
        return blocksWide;
    }

    public int blocksHigh() {
        return blocksHigh;
    }

    public int usedBlocksWide() {
        return usedBlocksWide;
    }

    public int usedBlocksHigh() {
        return usedBlocksHigh;
    }

    /** Offset of block (bx, by) in {@link #coefficients()}. */
    public int offset(int bx, int by) {
        return (by * blocksWide + bx) * 64;
    }

    /** The coefficients, shared (not a copy): the restore edits them in place. */
    public short[] coefficients() {
        return coefficients;
    }
}
