package io.realskin.texture.jpeg;

import io.realskin.imaging.ResultMetadata;
import io.realskin.imaging.jpeg.JpegDataException;
import io.realskin.imaging.jpeg.JpegDecoder;
import io.realskin.imaging.jpeg.JpegFrame;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JPEG's quantised DCT coefficients without computing a pixel: the use of {@code imaging}'s
 * {@link JpegDecoder} that keeps them (ITU-T T.81: baseline and extended sequential and progressive Huffman-coded
 * frames, restart markers, any integer sampling factors), for 8-bit, one (grayscale) or three (YCbCr) components.
 * It reads what the decoder leaves to its uses: quantisation tables, the APPn segments a result carries over
 * ({@link ResultMetadata}: the ICC profile, JFIF, Adobe, EXIF and XMP without previews or GPS), and the colour
 * transform they state. Anything else throws
 * {@link JpegUnsupportedException} with the reason, so the caller can decode pixels instead.
 */
public final class JpegReader implements JpegDecoder.Use {
    private static final int[] ZZ = JpegCoefficients.ZIGZAG;

    private final byte[] data;
    private final boolean keepSegments;
    private final int[][] quant = new int[4][];
    private final List<MarkerSegment> kept = new ArrayList<>();
    private final ResultMetadata carried;
    private int adobeTransform = -1;
    private boolean jfif;
    private JpegCoefficients frame;

    private JpegReader(byte[] data, boolean keepSegments) {
        this.data = data;
        this.keepSegments = keepSegments;
        this.carried = new ResultMetadata(data);
    }

    /** @throws JpegUnsupportedException when the file uses a feature this reader does not, or is malformed */
    public static JpegCoefficients read(byte[] jpeg) {
        return read(jpeg, true);
    }

    /**
     * {@link #read} for a file read to be compared, not written again: no APPn or COM segment is copied or walked for
     * previews, so a file that is mostly metadata costs its coefficients alone.
     */
    public static JpegCoefficients readWithoutSegments(byte[] jpeg) {
        return read(jpeg, false);
    }

    private static JpegCoefficients read(byte[] jpeg, boolean keepSegments) {
        try {
            return new JpegReader(jpeg, keepSegments).readAll();
        } catch (ArrayIndexOutOfBoundsException e) {
            throw JpegUnsupportedException.malformed("JPEG segment runs past the end of the data");
        } catch (JpegDataException e) {
            throw JpegUnsupportedException.malformed(e.getMessage());
        }
    }

    private JpegCoefficients readAll() {
        if (data.length < 4 || u8(0) != 0xFF || u8(1) != 0xD8) throw JpegUnsupportedException.malformed("no SOI marker");
        JpegDecoder.decode(data, this);
        if (frame == null) throw JpegUnsupportedException.malformed("no frame header");
        return frame;
    }

    @Override
    public short[][] frame(JpegFrame f) {
        if (frame != null) throw JpegUnsupportedException.malformed("two frame headers");
        if (f.precision() != 8) throw new JpegUnsupportedException("12-bit", f.precision() + "-bit samples");
        if (f.height() == 0) throw new JpegUnsupportedException("malformed", "DNL marker (height defined after the scan)");
        if (f.width() == 0) throw JpegUnsupportedException.malformed("zero width");
        int n = f.components();
        if (n == 4) throw new JpegUnsupportedException("cmyk", "four components (CMYK/YCCK)");
        if (n != 1 && n != 3) throw new JpegUnsupportedException("components", n + " components");
        for (int i = 0; i < n; i++) {
            if (!f.samplingInRange(i) || f.quantTable(i) > 3) throw JpegUnsupportedException.malformed("bad component");
        }
        if (n == 3 && isRgb(f)) throw new JpegUnsupportedException("rgb", "RGB components (no YCbCr transform)");
        JpegComponent[] comps = new JpegComponent[n];
        short[][] arrays = new short[n][];
        for (int i = 0; i < n; i++) {
            if (f.hmax() % f.h(i) != 0 || f.vmax() % f.v(i) != 0) {
                throw new JpegUnsupportedException("sampling", "sampling factors that are not integer ratios");
            }
            comps[i] = new JpegComponent(f.id(i), f.h(i), f.v(i), f.quantTable(i), f.blocksWide(i), f.blocksHigh(i),
                    f.usedBlocksWide(i), f.usedBlocksHigh(i));
            arrays[i] = comps[i].coefficients;
        }
        frame = new JpegCoefficients(f.width(), f.height(), f.hmax(), f.vmax(), quant, comps, kept, f.progressive());
        return arrays;
    }

    /** Adobe's transform flag 0, or component ids 'R','G','B' without JFIF, mean RGB samples. */
    private boolean isRgb(JpegFrame f) {
        if (adobeTransform == 0) return true;
        return !jfif && adobeTransform < 0 && f.id(0) == 'R' && f.id(1) == 'G' && f.id(2) == 'B';
    }

    @Override
    public void scan() {
        for (JpegComponent c : frame.components) {
            if (frame.quant[c.quantTable] == null) throw JpegUnsupportedException.malformed("missing quantisation table");
        }
    }

    @Override
    public boolean segment(int marker, int body, int end) {
        switch (marker) {
            case 0xDB -> readQuant(body, end);
            case 0xC3 -> throw new JpegUnsupportedException("lossless", "lossless JPEG");
            case 0xC5, 0xC6, 0xC7 -> throw new JpegUnsupportedException("hierarchical", "hierarchical JPEG");
            case 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF, 0xCC ->
                    throw new JpegUnsupportedException("arithmetic", "arithmetic-coded JPEG");
            case 0xDC -> throw new JpegUnsupportedException("malformed", "DNL marker (height defined after the scan)");
            default -> {
                if ((marker >= 0xE0 && marker <= 0xEF) || marker == 0xFE) keep(marker, body - 4, end);
            }
        }
        return true;
    }

    private void keep(int marker, int from, int end) {
        if (marker == 0xEE && end - from >= 16 && startsWith(from + 4, "Adobe")) adobeTransform = u8(from + 15);
        if (marker == 0xE0 && startsWith(from + 4, "JFIF")) jfif = true;
        if (!keepSegments) return;
        byte[] seg = carried.carried(from, end);
        if (seg != null) kept.add(MarkerSegment.of(seg));
    }

    private boolean startsWith(int at, String ascii) {
        if (at + ascii.length() > data.length) return false;
        for (int i = 0; i < ascii.length(); i++) if (data[at + i] != ascii.charAt(i)) return false;
        return true;
    }

    private void readQuant(int p, int end) {
        while (p < end) {
            int pq = u8(p) >> 4, id = u8(p) & 15;
            if (id > 3 || pq > 1) throw JpegUnsupportedException.malformed("bad DQT");
            int[] t = new int[64];
            for (int k = 0; k < 64; k++) {
                int q = pq == 0 ? u8(p + 1 + k) : u16(p + 1 + 2 * k);
                if (q == 0) throw JpegUnsupportedException.malformed("zero in a quantisation table");
                t[ZZ[k]] = q;
            }
            quant[id] = t;
            p += 1 + 64 * (pq + 1);
        }
    }

    private int u8(int i) {
        return data[i] & 0xFF;
    }

    private int u16(int i) {
        return (data[i] & 0xFF) << 8 | (data[i + 1] & 0xFF);
    }
}
