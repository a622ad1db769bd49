package io.realskin.texture.engine;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * 8-bit BGRA pixels as a 32-bit BMP whose alpha decoders read: a BITMAPV5HEADER with BI_BITFIELDS masks (alpha in the
 * top byte, sRGB), rows bottom-up, as ImageMagick writes one. OpenCV's BMP writer writes 32 bits as BI_RGB, whose fourth
 * byte OpenCV's decoder and others read as padding: the alpha was lost.
 */
final class BmpEncoder {
    private static final int HEADERS = 14 + 124;

    private BmpEncoder() {
    }

    static byte[] encodeBgra(Mat bgra) {
        if (bgra.type() != CvType.CV_8UC4) throw new IllegalArgumentException("8-bit BGRA, not " + CvType.typeToString(bgra.type()));
        int w = bgra.cols();
        int h = bgra.rows();
        int row = w * 4; // a multiple of 4: no padding
        long size = HEADERS + (long) row * h;
        if (size > Integer.MAX_VALUE - 8) throw new IllegalStateException("a BMP of " + w + "x" + h + " would be over 2 GB");
        byte[] out = new byte[(int) size];
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(out.length).putInt(0).putInt(HEADERS);
        b.putInt(124).putInt(w).putInt(h).putShort((short) 1).putShort((short) 32).putInt(3 /* BI_BITFIELDS */)
                .putInt(row * h).putInt(2835).putInt(2835).putInt(0).putInt(0)
                .putInt(0x00FF0000).putInt(0x0000FF00).putInt(0x000000FF).putInt(0xFF000000)
                .putInt(0x73524742); // LCS_sRGB ("sRGB"); endpoints, gammas, intent, profile fields 0
        b.putInt(HEADERS - 16, 4); // bV5Intent: LCS_GM_IMAGES, as ImageMagick writes
        byte[] samples = new byte[row];
        for (int y = 0; y < h; y++) {
            bgra.get(h - 1 - y, 0, samples); // B, G, R, A: the masks' order, little-endian
            System.arraycopy(samples, 0, out, HEADERS + y * row, row);
        }
        return out;
    }
}
