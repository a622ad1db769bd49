package io.realskin.texture.jpeg;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The butterflies against T.81's DCT written as its sums, in double precision. */
class DctTest {
    private static final int BLOCKS = 4000;

    /** C(k)/2 cos((2n+1) k pi / 16), the 8-point basis; for an n-point preview, scaled as Dct's javadoc says. */
    private static double basis(int n, int x, int k) {
        double c = k == 0 ? Math.sqrt(1.0 / n) : Math.sqrt(2.0 / n);
        return Math.sqrt(n / 8.0) * c * Math.cos((2 * x + 1) * k * Math.PI / (2 * n));
    }

    /** Sparse blocks like a photograph's (a few low frequencies) and dense ones with every coefficient set. */
    private static short[] block(Random random, boolean dense) {
        short[] co = new short[64];
        for (int i = 0; i < 64; i++) {
            int v = i / 8, u = i % 8;
            boolean set = dense || random.nextDouble() < 1.0 / (1 + u + v);
            if (set) co[i] = (short) (random.nextInt(i == 0 ? 2047 : 401) - (i == 0 ? 1023 : 200));
        }
        return co;
    }

    @Test
    void eachPreviewSizeGivesTheDefinitionsSamplesToWithinOneLevel() {
        Random random = new Random(16);
        int[] quant = new int[64];
        byte[] out = new byte[64];
        float[] scratch = new float[64];
        for (int n : new int[] {8, 4, 2, 1}) {
            int worst = 0;
            for (int b = 0; b < BLOCKS; b++) {
                for (int i = 0; i < 64; i++) quant[i] = 1 + random.nextInt(b % 2 == 0 ? 4 : 40);
                short[] co = block(random, b % 3 == 0);
                Dct.inverse(co, 0, quant, n, out, 0, n, scratch);
                for (int y = 0; y < n; y++) {
                    for (int x = 0; x < n; x++) {
                        double s = 128;
                        for (int v = 0; v < n; v++) {
                            for (int u = 0; u < n; u++) s += basis(n, y, v) * basis(n, x, u) * co[v * 8 + u] * quant[v * 8 + u];
                        }
                        int exact = (int) Math.max(0, Math.min(255, Math.floor(s + 0.5)));
                        worst = Math.max(worst, Math.abs((out[y * n + x] & 0xFF) - exact));
                    }
                }
            }
            // float against double: only a sum within a rounding error of .5 may land on the other level
            assertTrue(worst <= 1, n + "-point inverse off by " + worst + " levels");
        }
    }

    @Test
    void aFlatBlockKeepsItsLevelAtEverySize() {
        short[] co = new short[64];
        co[0] = -3; // 128 + (-3 * 8) / 8 = 125
        int[] quant = new int[64];
        java.util.Arrays.fill(quant, 8);
        for (int n : new int[] {8, 4, 2, 1}) {
            byte[] out = new byte[64];
            Dct.inverse(co, 0, quant, n, out, 0, n, new float[64]);
            for (int i = 0; i < n * n; i++) assertEquals(125, out[i] & 0xFF, n + "-point, sample " + i);
        }
    }

    @Test
    void forwardAndFloatInverseAreTheDefinitionAndUndoEachOther() {
        Random random = new Random(7);
        float[] samples = new float[64], freq = new float[64], back = new float[64], scratch = new float[64];
        double worstForward = 0, worstRoundTrip = 0;
        for (int b = 0; b < BLOCKS; b++) {
            for (int i = 0; i < 64; i++) samples[i] = (float) (random.nextGaussian() * 60);
            Dct.forward(samples, freq, scratch);
            for (int v = 0; v < 8; v++) {
                for (int u = 0; u < 8; u++) {
                    double f = 0;
                    for (int y = 0; y < 8; y++) {
                        for (int x = 0; x < 8; x++) f += basis(8, y, v) * basis(8, x, u) * samples[y * 8 + x];
                    }
                    worstForward = Math.max(worstForward, Math.abs(f - freq[v * 8 + u]));
                }
            }
            Dct.inverse(freq, back, scratch);
            for (int i = 0; i < 64; i++) worstRoundTrip = Math.max(worstRoundTrip, Math.abs(back[i] - samples[i]));
        }
        assertTrue(worstForward < 1e-3, "forward off by " + worstForward);
        assertTrue(worstRoundTrip < 1e-3, "inverse(forward(x)) off by " + worstRoundTrip);
    }
}
