package io.realskin.texture.engine;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Deterministic white noise (uniform, unit variance) filled from Java, row chunk by row chunk,
 * so a seed gives the same field on every thread and platform (OpenCV's RNG is per thread).
 */
final class NoiseField {
    private NoiseField() {
    }

    public static Mat white(int width, int height, long seed) {
        Mat m = new Mat(height, width, CvType.CV_32F);
        long s = mix(seed);
        int rowsPerChunk = Math.max(1, 65536 / Math.max(1, width));
        float[] buf = new float[rowsPerChunk * width];
        final float k = (float) (Math.sqrt(3.0) / (1L << 23));
        for (int y = 0; y < height; y += rowsPerChunk) {
            int rows = Math.min(rowsPerChunk, height - y);
            int n = rows * width;
            for (int i = 0; i < n; i++) {
                s ^= s << 13;
                s ^= s >>> 7;
                s ^= s << 17;
                int v = (int) (s >>> 40) - (1 << 23); // 24 bits, centred
                buf[i] = v * k;
            }
            m.put(y, 0, n == buf.length ? buf : java.util.Arrays.copyOf(buf, n));
        }
        return m;
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
