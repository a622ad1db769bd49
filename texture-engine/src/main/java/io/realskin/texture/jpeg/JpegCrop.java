package io.realskin.texture.jpeg;

import java.util.ArrayList;
import java.util.List;

/**
 * A lossless crop on the MCU grid (as {@code jpegtran -crop} makes one): the chosen MCUs' coefficients as a JPEG of
 * their own, with the image's quantisation tables, sampling factors, component ids and the segments that steer a
 * decoder's colour conversion (JFIF's APP0, Adobe's APP14), not the image's other metadata: a crop is decoded to be
 * compared, so its Exif, XMP, ICC or comments would only be written and read past again (30 MB of them each time, for
 * a file that is mostly metadata). Each block keeps
 * its coefficients, so a decoder turns it into the pixels it makes of the same block in the whole image, except
 * where chroma upsampling reads a neighbour the crop lacks: within one component sample of the crop's edges, where
 * those are not the image's.
 */
public final class JpegCrop {
    private JpegCrop() {
    }

    /** MCUs {@code [mx0, mx1) x [my0, my1)}; the crop's pixel (0, 0) is the image's (mx0 * mcuWidth, my0 * mcuHeight). */
    public static JpegCoefficients of(JpegCoefficients c, int mx0, int my0, int mx1, int my1) {
        if (mx0 < 0 || my0 < 0 || mx1 > c.mcusWide || my1 > c.mcusHigh || mx0 >= mx1 || my0 >= my1) {
            throw new IllegalArgumentException("MCUs out of range");
        }
        int width = Math.min(c.width, mx1 * c.mcuWidth()) - mx0 * c.mcuWidth();
        int height = Math.min(c.height, my1 * c.mcuHeight()) - my0 * c.mcuHeight();
        JpegComponent[] parts = new JpegComponent[c.components.length];
        for (int i = 0; i < parts.length; i++) {
            JpegComponent s = c.components[i];
            int bw = (mx1 - mx0) * s.h, bh = (my1 - my0) * s.v;
            int usedW = JpegCoefficients.ceilDiv(JpegCoefficients.ceilDiv(width * s.h, c.hmax), 8);
            int usedH = JpegCoefficients.ceilDiv(JpegCoefficients.ceilDiv(height * s.v, c.vmax), 8);
            JpegComponent d = new JpegComponent(s.id, s.h, s.v, s.quantTable, bw, bh, usedW, usedH);
            for (int by = 0; by < bh; by++) {
                System.arraycopy(s.coefficients, s.offset(mx0 * s.h, my0 * s.v + by), d.coefficients, d.offset(0, by), bw * 64);
            }
            parts[i] = d;
        }
        return new JpegCoefficients(width, height, c.hmax, c.vmax, c.quant, parts, steering(c.keptSegments), false);
    }

    /** The JFIF and Adobe segments among {@code segments}: what tells a decoder how the components map to colour. */
    static List<MarkerSegment> steering(List<MarkerSegment> segments) {
        List<MarkerSegment> kept = new ArrayList<>(2);
        for (MarkerSegment seg : segments) {
            if (seg.marker() == 0xE0 && seg.startsWith("JFIF\0") || seg.marker() == 0xEE && seg.startsWith("Adobe")) kept.add(seg);
        }
        return kept;
    }
}
