package io.realskin.texture.jpeg;

import java.util.Arrays;

/**
 * The Huffman symbols one part of a scan codes, in order, each with its extra (magnitude) bits, and how often each
 * symbol occurs: made once from the coefficients, counted for the optimised tables, then written with them (the
 * coefficients are read once, and neither pass calls through an interface per symbol).
 */
final class ScanSymbols {
    // one int per symbol: bits 0-7 the symbol, bit 8 AC (else DC), bit 9 the table, bits 10-13 the extra bits' count,
    // bits 14-24 the extra bits
    private static final int AC = 1 << 8;
    private static final int TABLE = 9;
    private static final int EXTRA_COUNT = 10;
    private static final int EXTRA = 14;

    final long[][] dc = new long[2][256];
    final long[][] ac = new long[2][256];
    long extraBits;
    private int[] symbols;
    private int size;

    ScanSymbols(int expected) {
        symbols = new int[Math.max(16, expected)];
    }

    void dc(int table, int symbol, int extra) {
        dc[table][symbol]++;
        extraBits += symbol;
        add(symbol | table << TABLE | symbol << EXTRA_COUNT | (extra & 0x7FF) << EXTRA);
    }

    /** An AC symbol (run << 4 | size) with its {@code size} extra bits. */
    void ac(int table, int symbol, int extra) {
        ac[table][symbol]++;
        int n = symbol & 15;
        extraBits += n;
        add(symbol | AC | table << TABLE | n << EXTRA_COUNT | (extra & 0x7FF) << EXTRA);
    }

    private void add(int packed) {
        if (size == symbols.length) symbols = Arrays.copyOf(symbols, size * 2);
        symbols[size++] = packed;
    }

    /** Writes every symbol's code and extra bits with these tables. */
    void writeTo(BitWriter w, HuffmanEncoder[] dcTables, HuffmanEncoder[] acTables) {
        for (int i = 0; i < size; i++) {
            int p = symbols[i];
            int s = p & 0xFF;
            HuffmanEncoder t = ((p & AC) != 0 ? acTables : dcTables)[p >>> TABLE & 1];
            int n = p >>> EXTRA_COUNT & 15;
            int len = t.length[s];
            w.write(t.code[s] << n | (p >>> EXTRA & ((1 << n) - 1)), len + n);
        }
    }
}
