package io.realskin.texture.engine;

import java.util.Arrays;

/**
 * The k-th smallest of some floats without sorting them all: the value {@code Arrays.sort} would put at index k, in
 * linear time on average (medians and quantiles of a face's pixels, where a sort spent its n log n under the CLI's
 * client compiler). Reorders the range, as a sort would.
 */
final class Selection {
    private Selection() {
    }

    /**
     * The value at index {@code k} of {@code a[from, to)} once sorted ({@code from <= k < to}); the range is left
     * partitioned around it. For values without NaN (which a sort would put last; here their place is unspecified).
     */
    static float kth(float[] a, int from, int to, int k) {
        if (k < from || k >= to) throw new IllegalArgumentException("k " + k + " outside [" + from + ", " + to + ")");
        int lo = from, hi = to - 1;
        // a bound on the rounds, so a sequence that defeats the median-of-three pivot costs a sort of what is left
        int rounds = 2 * (32 - Integer.numberOfLeadingZeros(to - from)) + 8;
        while (lo < hi) {
            if (rounds-- == 0) {
                Arrays.sort(a, lo, hi + 1);
                return a[k];
            }
            float pivot = medianOfThree(a[lo], a[(lo + hi) >>> 1], a[hi]);
            int i = lo, j = hi;
            // Hoare's partition around a value the range holds, which stops both scans
            while (i <= j) {
                while (a[i] < pivot) i++;
                while (pivot < a[j]) j--;
                if (i <= j) {
                    float t = a[i];
                    a[i++] = a[j];
                    a[j--] = t;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k]; // between the two parts: equal to the pivot
            }
        }
        return a[k];
    }

    /** The median of the range's values ({@code a[from + (to - from) / 2]} once sorted); 0 for an empty range. */
    static float median(float[] a, int from, int to) {
        return to <= from ? 0 : kth(a, from, to, from + (to - from) / 2);
    }

    private static float medianOfThree(float x, float y, float z) {
        return x < y ? (y < z ? y : Math.max(x, z)) : (x < z ? x : Math.max(y, z));
    }
}
