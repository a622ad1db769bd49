package io.realskin.texture.engine;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Deterministic white noise, uniform, filled from Java, so a seed gives the same field on every thread and platform
 * (OpenCV's RNG is per thread). Each row has its own stream, so any band of rows can be made alone (a field made in
 * strips equals the field made whole). Made as 16-bit integers, which cost half of floats to hand to OpenCV;
 * {@link #UNIT} scales them to unit variance.
 */
final class NoiseField {
    /** 1 / the std of integers uniform on -32768..32767. */
    static final double UNIT = 1 / Math.sqrt((65536.0 * 65536.0 - 1) / 12);

    private NoiseField() {
    }

    /** Unit variance, CV_32F (uniform on about +-sqrt(3)). */
    public static Mat white(int width, int height, long seed) {
        Mat raw = new Mat(height, width, CvType.CV_16S);
        rows(raw, 0, seed);
        Mat m = new Mat();
        raw.convertTo(m, CvType.CV_32F, UNIT);
        raw.release();
        return m;
    }

    /**
     * Fills {@code into} (CV_16S, continuous) with rows {@code firstRow ..} of the noise of this seed and its width:
     * integers uniform on -32768..32767 (times {@link #UNIT}: unit variance).
     */
    static void rows(Mat into, int firstRow, long seed) {
        int width = into.cols(), height = into.rows();
        long base = mix(seed);
        int rowsPerChunk = Math.max(1, 65536 / Math.max(1, width));
        short[] buf = new short[Math.min(rowsPerChunk, height) * width];
        for (int y = 0; y < height; y += rowsPerChunk) {
            int rows = Math.min(rowsPerChunk, height - y);
            for (int r = 0, i = 0; r < rows; r++) {
                long s = mix(base + firstRow + y + r);
                for (int x = 0; x < width; x++, i++) {
                    s ^= s << 13;
                    s ^= s >>> 7;
                    s ^= s << 17;
                    buf[i] = (short) (s >>> 48);
                }
            }
            int n = rows * width;
            into.put(y, 0, n == buf.length ? buf : java.util.Arrays.copyOf(buf, n));
        }
    }

    /** SplitMix64 finaliser, so nearby seeds give unrelated streams (never 0 for xorshift). */
    static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return z == 0 ? 1 : z;
    }
}
