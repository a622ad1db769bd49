package io.realskin.texture.jpeg;

import io.realskin.imaging.jpeg.JpegFrame;

import java.util.List;

/**
 * A JPEG read down to its quantised DCT coefficients: frame geometry, quantisation tables, components, and the
 * marker segments to carry over (APPn such as JFIF, EXIF, ICC and Adobe, and COM; EXIF and Photoshop's APP13 without
 * their thumbnails). Written back by {@link JpegWriter} as a baseline file; blocks nobody changed decode to the same
 * pixels.
 */
public final class JpegCoefficients {
    /** Natural (row-major) index of the k-th coefficient in zig-zag order. */
    public static final int[] ZIGZAG = JpegFrame.ZIGZAG;

    final int width;
    final int height;
    final int hmax;
    final int vmax;
    final int mcusWide;
    final int mcusHigh;
    /** Quantisation tables by id (0..3) in natural order; null where the file defines none. */
    final int[][] quant;
    final JpegComponent[] components;
    /** APPn and COM segments, each marker + length + payload, in file order (most of them the input's own bytes). */
    final List<MarkerSegment> keptSegments;
    final boolean progressive;

    JpegCoefficients(int width, int height, int hmax, int vmax, int[][] quant, JpegComponent[] components,
                     List<MarkerSegment> keptSegments, boolean progressive) {
        this.width = width;
        this.height = height;
        this.hmax = hmax;
        this.vmax = vmax;
        this.mcusWide = ceilDiv(width, 8 * hmax);
        this.mcusHigh = ceilDiv(height, 8 * vmax);
        this.quant = quant;
        this.components = components;
        this.keptSegments = keptSegments;
        this.progressive = progressive;
    }

    /**
     * The same image with its own copy of every coefficient: what the file coded, kept while the restore edits this
     * one in place (equal to a second read of the file's bytes, without decoding them again).
     */
    public JpegCoefficients copy() {
        JpegComponent[] comps = new JpegComponent[components.length];
        for (int i = 0; i < comps.length; i++) comps[i] = components[i].copy();
        return new JpegCoefficients(width, height, hmax, vmax, quant, comps, keptSegments, progressive);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Largest horizontal sampling factor: an MCU is 8 * hmax pixels wide. */
    public int hmax() {
        return hmax;
    }

    public int vmax() {
        return vmax;
    }

    public int mcuWidth() {
        return 8 * hmax;
    }

    public int mcuHeight() {
        return 8 * vmax;
    }

    public int mcusWide() {
        return mcusWide;
    }

    public int mcusHigh() {
        return mcusHigh;
    }

    public List<JpegComponent> components() {
        return List.of(components);
    }

    public JpegComponent component(int index) {
        return components[index];
    }

    public int componentCount() {
        return components.length;
    }

    /** Quantisation table {@code id} in natural order (a copy), or null. */
    public int[] quantTable(int id) {
        return quant[id] == null ? null : quant[id].clone();
    }

    int[] quantOf(JpegComponent c) {
        return quant[c.quantTable];
    }

    /** Whether the input was progressive (the output is always baseline sequential). */
    public boolean progressive() {
        return progressive;
    }

    /** Coefficient blocks in the image (MCU padding included). */
    public long blockCount() {
        long n = 0;
        for (JpegComponent c : components) n += (long) c.blocksWide * c.blocksHigh;
        return n;
    }

    static int ceilDiv(int a, int b) {
        return JpegFrame.ceilDiv(a, b);
    }
}
