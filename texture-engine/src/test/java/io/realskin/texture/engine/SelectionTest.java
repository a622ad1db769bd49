package io.realskin.texture.engine;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Selection gives the value a sort puts at each index, on orders a quickselect handles worst. */
class SelectionTest {

    /** Inputs of length n by kind: random, few distinct values, sorted, reversed, organ pipe, constant. */
    private static float[] input(int kind, int n, Random random) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = switch (kind) {
                case 0 -> (float) random.nextGaussian();
                case 1 -> random.nextInt(3);
                case 2 -> i;
                case 3 -> n - i;
                case 4 -> Math.min(i, n - 1 - i);
                default -> 7f;
            };
        }
        return a;
    }

    @Test
    void everyIndexOfSmallRangesIsTheSortedValue() {
        Random random = new Random(3);
        for (int kind = 0; kind < 6; kind++) {
            for (int n = 1; n <= 40; n++) {
                float[] a = input(kind, n, random);
                float[] sorted = a.clone();
                Arrays.sort(sorted);
                for (int k = 0; k < n; k++) {
                    assertEquals(sorted[k], Selection.kth(a.clone(), 0, n, k), "kind " + kind + ", n " + n + ", k " + k);
                }
            }
        }
    }

    @Test
    void quantilesOfLargeRangesAreTheSortedValuesAndTheRangeIsPartitioned() {
        Random random = new Random(4);
        for (int kind = 0; kind < 6; kind++) {
            int n = 100_003;
            float[] a = input(kind, n, random);
            float[] sorted = a.clone();
            Arrays.sort(sorted);
            for (double q : new double[] {0, 0.1, 0.5, 0.97, 1}) {
                int k = (int) ((n - 1) * q);
                float[] b = a.clone();
                float v = Selection.kth(b, 0, n, k);
                assertEquals(sorted[k], v, "kind " + kind + ", q " + q);
                for (int i = 0; i < k; i++) assertTrue(b[i] <= v, "left of k");
                for (int i = k + 1; i < n; i++) assertTrue(b[i] >= v, "right of k");
            }
        }
    }

    @Test
    void aSubrangeIsSelectedAloneAndTheMedianOfNothingIsZero() {
        float[] a = {9, 9, 5, 1, 3, 9, 9};
        assertEquals(3f, Selection.median(a, 2, 5)); // 5, 1, 3
        assertEquals(9f, a[0]);
        assertEquals(9f, a[6]);
        assertEquals(0f, Selection.median(a, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> Selection.kth(a, 2, 5, 5));
    }
}
