package io.realskin.imaging;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Uncompressed little-endian TIFFs of one strip, any samples a pixel, 8 or 16 bits a sample, with the photometric
 * interpretation, orientation and sample format given: the layouts OpenCV 4.9 misreads (gray with alpha, signed
 * samples), written as PIL and ImageMagick write them.
 */
public final class StripTiffs {
    /** SampleFormat 1: unsigned integers. */
    public static final int UNSIGNED = 1;
    /** SampleFormat 2: two's complement signed integers. */
    public static final int SIGNED = 2;
    /** Photometric 1: BlackIsZero (gray). */
    public static final int GRAY = 1;
    /** Photometric 2: RGB. */
    public static final int RGB = 2;

    private StripTiffs() {
    }

    /**
     * @param samples {@code samplesPerPixel} values a pixel (gray then alpha, or R, G, B then alpha), rows top to bottom,
     *                as stored; each written in {@code bits} (8 or 16) bits. A second or fourth sample is marked
     *                unassociated alpha (ExtraSamples 2).
     */
    public static byte[] of(int width, int height, int samplesPerPixel, int bits, int photometric, int orientation,
                            int sampleFormat, int[] samples) {
        int bytes = bits / 8;
        int data = width * height * samplesPerPixel * bytes;
        boolean extra = samplesPerPixel == 2 || samplesPerPixel == 4;
        int entryCount = extra ? 13 : 12;
        int bitsAt = 8 + 2 + 12 * entryCount + 4; // room for the per-sample SHORTs that do not fit an entry
        int formatAt = bitsAt + 2 * samplesPerPixel;
        int dataAt = formatAt + 2 * samplesPerPixel;
        ByteBuffer b = ByteBuffer.allocate(dataAt + data).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'I', 'I', 42, 0}).putInt(8).putShort((short) entryCount);
        shorts(b, 256, width);
        shorts(b, 257, height);
        perSample(b, 258, samplesPerPixel, bits, bitsAt);
        shorts(b, 259, 1);
        shorts(b, 262, photometric);
        b.putShort((short) 273).putShort((short) 4).putInt(1).putInt(dataAt);
        shorts(b, 274, orientation);
        shorts(b, 277, samplesPerPixel);
        shorts(b, 278, height);
        b.putShort((short) 279).putShort((short) 4).putInt(1).putInt(data);
        shorts(b, 284, 1);
        if (extra) shorts(b, 338, 2);
        perSample(b, 339, samplesPerPixel, sampleFormat, formatAt);
        b.putInt(0);
        b.position(dataAt);
        for (int s : samples) {
            if (bytes == 1) b.put((byte) s);
            else b.putShort((short) s);
        }
        return b.array();
    }

    private static void shorts(ByteBuffer b, int tag, int value) {
        b.putShort((short) tag).putShort((short) 3).putInt(1).putShort((short) value).putShort((short) 0);
    }

    /** An entry of one SHORT a sample, all {@code value}: in the entry when they fit, else at {@code room}. */
    private static void perSample(ByteBuffer b, int tag, int samplesPerPixel, int value, int room) {
        b.putShort((short) tag).putShort((short) 3).putInt(samplesPerPixel);
        if (samplesPerPixel <= 2) {
            b.putShort((short) value).putShort((short) (samplesPerPixel == 2 ? value : 0));
        } else {
            b.putInt(room);
            for (int i = 0; i < samplesPerPixel; i++) b.putShort(room + 2 * i, (short) value);
        }
    }
}
