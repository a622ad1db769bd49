package io.realskin.imaging;

import io.realskin.imaging.jpeg.JpegSegments;

import java.io.ByteArrayOutputStream;

import static io.realskin.imaging.Bytes.u8;

/**
 * A JPEG written again with other metadata: its coding (tables, frame, restart interval, each scan with its
 * entropy-coded data) byte for byte, so it decodes to the same pixels in any decoder; each APPn and COM segment as a
 * rule says; the EOI, and nothing after it (what follows the image is not the image). Bytes between segments, which
 * decoders skip, are not written.
 */
final class JpegRewrite {
    /** What is written for the APPn or COM segment from {@code from} (its 0xFF) to {@code end}: a segment, or null for nothing. */
    @FunctionalInterface
    interface Metadata {
        byte[] segment(int marker, int from, int end);
    }

    private JpegRewrite() {
    }

    /**
     * @param first segments written right after the SOI
     * @throws JpegSegments.Cut when the data ends before an EOI
     */
    static byte[] rewrite(byte[] b, byte[] first, Metadata metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(0xFF);
        out.write(0xD8);
        out.writeBytes(first);
        JpegSegments.walk(b, (marker, body, end) -> {
            int from = body - 4;
            if (marker == 0xDA) {
                int dataEnd = JpegSegments.endOfEntropyCodedData(b, end);
                out.write(b, from, dataEnd - from);
                return dataEnd;
            }
            if (marker >= 0xE0 && marker <= 0xEF || marker == 0xFE) {
                byte[] segment = metadata.segment(marker, from, end);
                if (segment != null) out.writeBytes(segment);
            } else {
                out.write(b, from, end - from);
            }
            return end;
        });
        out.write(0xFF);
        out.write(0xD9);
        return out.toByteArray();
    }

    /**
     * The JPEG with {@code segments} (those not null) after its SOI and the JFIF APP0 that must come first, as
     * libjpeg's writer puts its own; the rest byte for byte.
     */
    static byte[] afterJfif(byte[] jpeg, byte[]... segments) {
        int at = 2;
        if (u8(jpeg, 2) == 0xFF && u8(jpeg, 3) == 0xE0) at = 4 + (u8(jpeg, 4) << 8 | u8(jpeg, 5));
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + 4 * 0xFFFF);
        out.write(jpeg, 0, at);
        for (byte[] segment : segments) {
            if (segment != null) out.writeBytes(segment);
        }
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }
}
