package io.realskin.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What libjpeg accepts, and each of its rules that stops a decode, one at a time. */
class LibjpegRulesTest {
    private static final int[][] YCC_420 = {{1, 0x22, 0}, {2, 0x11, 1}, {3, 0x11, 1}};
    private static final int DQT = 0xDB;
    private static final int DHT = 0xC4;

    static Stream<Arguments> frames() {
        return Stream.of(
                Arguments.of("baseline 4:2:0", 8, 4000, 3000, YCC_420, true),
                Arguments.of("gray", 8, 640, 480, new int[][] {{1, 0x11, 0}}, true),
                Arguments.of("4:4:4, one table for all", 8, 640, 480, new int[][] {{1, 0x11, 0}, {2, 0x11, 0}, {3, 0x11, 0}}, true),
                Arguments.of("12-bit", 12, 640, 480, YCC_420, false),
                Arguments.of("two components", 8, 640, 480, new int[][] {{1, 0x11, 0}, {2, 0x11, 0}}, false),
                Arguments.of("CMYK", 8, 640, 480, new int[][] {{1, 0x11, 0}, {2, 0x11, 0}, {3, 0x11, 0}, {4, 0x11, 0}}, false),
                Arguments.of("sampling factor 0", 8, 640, 480, new int[][] {{1, 0x01, 0}, {2, 0x11, 1}, {3, 0x11, 1}}, false),
                Arguments.of("sampling factor 5", 8, 640, 480, new int[][] {{1, 0x51, 0}, {2, 0x11, 1}, {3, 0x11, 1}}, false),
                Arguments.of("two components with one id", 8, 640, 480, new int[][] {{1, 0x22, 0}, {1, 0x11, 1}, {3, 0x11, 1}}, false),
                Arguments.of("wider than 65500", 8, 65501, 16, YCC_420, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void aFrameIsAcceptedOnlyWithinLibjpegsRules(String name, int precision, int width, int height, int[][] components, boolean accepted) {
        byte[] sof = sof(precision, width, height, components);
        LibjpegRules rules = new LibjpegRules(sof);
        rules.frame(false, 0, sof.length);
        assertEquals(!accepted, rules.refused());
    }

    static Stream<Arguments> tables() {
        return Stream.of(
                Arguments.of("quantisation tables 0 and 1", DQT, dqt(0, 1), true),
                Arguments.of("a 16-bit quantisation table", DQT, concat(new byte[] {0x10}, new byte[128]), true),
                Arguments.of("a quantisation table id 4", DQT, dqt(4), false),
                Arguments.of("a quantisation segment cut inside a table", DQT, Arrays.copyOf(dqt(0, 1), 100), false),
                Arguments.of("Huffman DC 0 and AC 0", DHT, concat(dht(0x00, counts(2, 1), 11), dht(0x10, counts(2, 1), 3)), true),
                Arguments.of("three of the four 2-bit codes", DHT, dht(0x10, counts(2, 3), 3), true),
                Arguments.of("all four 2-bit codes (libjpeg keeps the all-ones code free)", DHT, dht(0x10, counts(2, 4), 3), false),
                Arguments.of("three codes of one bit", DHT, dht(0x10, counts(1, 3), 3), false),
                Arguments.of("a Huffman table id 4", DHT, dht(0x04, counts(2, 1), 3), false),
                Arguments.of("a Huffman table class 2", DHT, dht(0x20, counts(2, 1), 3), false),
                Arguments.of("a DC symbol of 16 bits", DHT, dht(0x00, counts(2, 1), 16), false),
                Arguments.of("an AC symbol 0xF0 (sixteen zeros)", DHT, dht(0x10, counts(2, 1), 0xF0), true),
                Arguments.of("a Huffman segment longer than its tables", DHT, Arrays.copyOf(dht(0x10, counts(2, 1), 3), 19), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void tablesAreAcceptedOnlyWithinLibjpegsRules(String name, int marker, byte[] segment, boolean accepted) {
        LibjpegRules rules = new LibjpegRules(segment);
        rules.segment(marker, 0, segment.length);
        assertEquals(!accepted, rules.refused());
    }

    static Stream<Arguments> progressiveScans() {
        return Stream.of(
                Arguments.of("DC first, three components", new int[] {1, 2, 3}, 0, 0, 0, 1, true),
                Arguments.of("DC refinement (needs no table)", new int[] {1, 2, 3}, 0, 0, 1, 0, true),
                Arguments.of("AC first, 1-5", new int[] {1}, 1, 5, 0, 2, true),
                Arguments.of("AC refinement, 6-63", new int[] {2}, 6, 63, 2, 1, true),
                Arguments.of("DC band with Se 5", new int[] {1, 2, 3}, 0, 5, 0, 0, false),
                Arguments.of("AC band of two components", new int[] {2, 3}, 1, 63, 0, 0, false),
                Arguments.of("AC band 6-5", new int[] {1}, 6, 5, 0, 0, false),
                Arguments.of("AC band up to 64", new int[] {1}, 1, 64, 0, 0, false),
                Arguments.of("refinement two bits down", new int[] {1}, 1, 63, 2, 0, false),
                Arguments.of("point transform 14", new int[] {1, 2, 3}, 0, 0, 0, 14, false),
                Arguments.of("AC band naming AC table 2 (undefined)", new int[] {-1}, 1, 63, 0, 0, false));
    }

    /** A progressive frame (4:2:0, tables DC 0, AC 0 and quantisation 0, 1 defined), then one scan. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("progressiveScans")
    void progressiveScansAreAcceptedOnlyWithinLibjpegsRules(String name, int[] components, int ss, int se, int ah, int al, boolean accepted) {
        byte[] sof = sof(8, 640, 480, YCC_420);
        byte[] tables = concat(dqt(0, 1), concat(dht(0x00, counts(2, 1), 11), dht(0x10, counts(2, 1), 3)));
        ByteArrayOutputStream sos = new ByteArrayOutputStream();
        sos.write(components.length);
        for (int c : components) {
            sos.write(Math.abs(c));
            sos.write(c < 0 ? 0x02 : 0x00);
        }
        sos.write(ss);
        sos.write(se);
        sos.write(ah << 4 | al);
        byte[] all = concat(sof, concat(tables, sos.toByteArray()));
        LibjpegRules rules = new LibjpegRules(all);
        rules.frame(true, 0, sof.length);
        rules.quantisationTables(sof.length, sof.length + 130);
        rules.huffmanTables(sof.length + 130, sof.length + tables.length);
        rules.scan(sof.length + tables.length, all.length);
        assertEquals(accepted, rules.accepted());
    }

    /** A whole baseline file as javax.imageio writes it, then the same with one rule broken. */
    @Test
    void aWholeFileIsAcceptedAndEachBrokenScanRuleRefusesIt() {
        byte[] jpeg = TestImages.jpeg(203, 151, false, false, 0);
        assertTrue(LibjpegRules.accept(jpeg));
        assertTrue(LibjpegRules.accept(TestImages.jpeg(203, 151, true, false, 4)), "gray, restart markers");
        assertTrue(LibjpegRules.accept(TestImages.jpeg(203, 151, false, true, 0)), "progressive");
        assertTrue(LibjpegRules.accept(TestImages.jpeg(203, 151, true, true, 5)), "progressive gray, restart markers");

        int sos = TestImages.indexOf(jpeg, 0xDA);
        byte[] dcTable4 = jpeg.clone();
        dcTable4[sos + 6] = 0x40; // the first component's DC table id: 4 (javax.imageio writes 0x00)
        assertFalse(LibjpegRules.accept(dcTable4), "a DC table id above 3");

        byte[] twice = jpeg.clone();
        twice[sos + 7] = twice[sos + 5]; // the second component's id: the first's again
        assertFalse(LibjpegRules.accept(twice), "one component twice in a scan");

        int sof = TestImages.indexOf(jpeg, 0xC0);
        byte[] noTable = jpeg.clone();
        noTable[sof + 12] = 3;
        assertFalse(LibjpegRules.accept(noTable), "a quantisation table never defined");

        byte[] secondScan = TestImages.insert(jpeg, jpeg.length - 2, Arrays.copyOfRange(jpeg, sos, sos + 2 + 12));
        assertFalse(LibjpegRules.accept(secondScan), "a second scan after one that coded every component");

        byte[] unknownMarker = TestImages.insertAfterSoi(jpeg, new byte[] {(byte) 0xFF, (byte) 0xF0, 0, 2});
        assertFalse(LibjpegRules.accept(unknownMarker), "a JPG0 marker");
        byte[] comment = TestImages.insertAfterSoi(jpeg, new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 4, 'h', 'i'});
        assertTrue(LibjpegRules.accept(comment), "a comment");
        assertFalse(LibjpegRules.accept(Arrays.copyOf(jpeg, jpeg.length - 2)), "no EOI");
    }

    private static byte[] dqt(int... ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int id : ids) {
            out.write(id);
            out.writeBytes(new byte[64]);
        }
        return out.toByteArray();
    }

    /** A DHT body: class and id, the 16 counts, then {@code total} symbols all equal to {@code symbol}. */
    private static byte[] dht(int classAndId, int[] counts, int symbol) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(classAndId);
        int total = 0;
        for (int c : counts) {
            out.write(c);
            total += c;
        }
        for (int i = 0; i < total; i++) {
            out.write(symbol);
        }
        return out.toByteArray();
    }

    /** 16 code counts: {@code count} codes of {@code length} bits. */
    private static int[] counts(int length, int count) {
        int[] counts = new int[16];
        counts[length - 1] = count;
        return counts;
    }

    private static byte[] sof(int precision, int width, int height, int[][] components) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(precision);
        out.write(height >> 8);
        out.write(height);
        out.write(width >> 8);
        out.write(width);
        out.write(components.length);
        for (int[] c : components) {
            out.write(c[0]);
            out.write(c[1]);
            out.write(c[2]);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
