package io.realskin.texture.jpeg;

/**
 * An optimal Huffman table for counted symbols, with code lengths limited to 16 bits (T.81 Annex K.2, K.3),
 * and its canonical codes (Annex C).
 */
final class HuffmanEncoder {
    /** Number of codes of each length 1..16 (index 0 unused), as a DHT segment lists them. */
    final int[] counts = new int[17];
    /** Symbols by increasing code length. */
    final int[] values;
    final int[] code = new int[256];
    final int[] length = new int[256];

    /** @param freq occurrences of each symbol 0..255 */
    HuffmanEncoder(long[] freq) {
        long[] f = new long[257];
        System.arraycopy(freq, 0, f, 0, 256);
        f[256] = 1; // reserved, so that no real code is all ones
        int[] size = new int[257];
        int[] others = new int[257];
        java.util.Arrays.fill(others, -1);
        while (true) {
            int v1 = -1, v2 = -1;
            for (int i = 0; i < 257; i++) { // smallest, ties to the larger symbol
                if (f[i] > 0 && (v1 < 0 || f[i] <= f[v1])) v1 = i;
            }
            for (int i = 0; i < 257; i++) {
                if (f[i] > 0 && i != v1 && (v2 < 0 || f[i] <= f[v2])) v2 = i;
            }
            if (v2 < 0) break;
            f[v1] += f[v2];
            f[v2] = 0;
            size[v1]++;
            while (others[v1] >= 0) {
                v1 = others[v1];
                size[v1]++;
            }
            others[v1] = v2;
            size[v2]++;
            while (others[v2] >= 0) {
                v2 = others[v2];
                size[v2]++;
            }
        }
        int[] bits = new int[64];
        for (int i = 0; i < 257; i++) if (size[i] > 0) bits[size[i]]++;
        for (int i = 63; i > 16; i--) { // K.3: move the longest codes up until none exceeds 16 bits
            while (bits[i] > 0) {
                int j = i - 2;
                while (bits[j] == 0) j--;
                bits[i] -= 2;
                bits[i - 1]++;
                bits[j + 1] += 2;
                bits[j]--;
            }
        }
        int longest = 16;
        while (bits[longest] == 0) longest--;
        bits[longest]--; // the reserved symbol leaves
        System.arraycopy(bits, 1, counts, 1, 16);
        int n = 0;
        for (int i = 1; i <= 16; i++) n += counts[i];
        values = new int[n];
        int k = 0;
        for (int len = 1; len < 64 && k < n; len++) {
            for (int s = 0; s < 256 && k < n; s++) if (size[s] == len) values[k++] = s;
        }
        int c = 0;
        k = 0;
        for (int len = 1; len <= 16; len++) {
            for (int i = 0; i < counts[len]; i++, k++) {
                code[values[k]] = c++;
                length[values[k]] = len;
            }
            c <<= 1;
        }
    }
}
