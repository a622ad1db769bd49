package io.realskin.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The frames libjpeg decodes whenever their scans are whole, and each rule that stops it, one at a time. */
class JpegFrameRulesTest {
    private static final int[][] YCC_420 = {{1, 0x22, 0}, {2, 0x11, 1}, {3, 0x11, 1}};

    static Stream<Arguments> frames() {
        return Stream.of(
                Arguments.of("baseline 4:2:0", 0xC0, 8, 4000, 3000, YCC_420, new int[] {0, 1}, true),
                Arguments.of("extended sequential", 0xC1, 8, 640, 480, YCC_420, new int[] {0, 1}, true),
                Arguments.of("gray", 0xC0, 8, 640, 480, new int[][] {{1, 0x11, 0}}, new int[] {0}, true),
                Arguments.of("4:4:4, one table for all", 0xC0, 8, 640, 480, new int[][] {{1, 0x11, 0}, {2, 0x11, 0}, {3, 0x11, 0}}, new int[] {0}, true),
                Arguments.of("ten blocks per MCU", 0xC0, 8, 640, 480, new int[][] {{1, 0x42, 0}, {2, 0x11, 1}, {3, 0x11, 1}}, new int[] {0, 1}, true),
                Arguments.of("progressive", 0xC2, 8, 640, 480, YCC_420, new int[] {0, 1}, false),
                Arguments.of("arithmetic-coded", 0xC9, 8, 640, 480, YCC_420, new int[] {0, 1}, false),
                Arguments.of("lossless", 0xC3, 8, 640, 480, YCC_420, new int[] {0, 1}, false),
                Arguments.of("12-bit", 0xC1, 12, 640, 480, YCC_420, new int[] {0, 1}, false),
                Arguments.of("chroma table never defined", 0xC0, 8, 640, 480, YCC_420, new int[] {0}, false),
                Arguments.of("table id 3 named, 0 and 1 defined", 0xC0, 8, 640, 480, new int[][] {{1, 0x11, 3}}, new int[] {0, 1}, false),
                Arguments.of("two components", 0xC0, 8, 640, 480, new int[][] {{1, 0x11, 0}, {2, 0x11, 0}}, new int[] {0}, false),
                Arguments.of("CMYK", 0xC0, 8, 640, 480, new int[][] {{1, 0x11, 0}, {2, 0x11, 0}, {3, 0x11, 0}, {4, 0x11, 0}}, new int[] {0}, false),
                Arguments.of("eleven blocks per MCU", 0xC0, 8, 640, 480, new int[][] {{1, 0x33, 0}, {2, 0x11, 1}, {3, 0x11, 1}}, new int[] {0, 1}, false),
                Arguments.of("sampling factor 0", 0xC0, 8, 640, 480, new int[][] {{1, 0x01, 0}, {2, 0x11, 1}, {3, 0x11, 1}}, new int[] {0, 1}, false),
                Arguments.of("sampling factor 5", 0xC0, 8, 640, 480, new int[][] {{1, 0x51, 0}, {2, 0x11, 1}, {3, 0x11, 1}}, new int[] {0, 1}, false),
                Arguments.of("two components with one id", 0xC0, 8, 640, 480, new int[][] {{1, 0x22, 0}, {1, 0x11, 1}, {3, 0x11, 1}}, new int[] {0, 1}, false),
                Arguments.of("wider than 65500", 0xC0, 8, 65501, 16, YCC_420, new int[] {0, 1}, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void aFrameIsAcceptedOnlyWithinLibjpegsRules(String name, int marker, int precision, int width, int height, int[][] components,
                                                 int[] tablesDefined, boolean accepted) {
        JpegFrameRules rules = new JpegFrameRules();
        byte[] dqt = dqt(tablesDefined);
        rules.quantisationTables(dqt, 0, dqt.length);
        byte[] sof = sof(precision, width, height, components);
        rules.frame(marker, sof, 0);
        assertEquals(accepted, rules.accepted());
    }

    @Test
    void aTableSegmentWithAnIdAboveThreeOrALengthThatDoesNotAddUpIsRefusedWhateverUsesIt() {
        for (byte[] dqt : new byte[][] {concat(dqt(new int[] {0, 1}), new byte[] {4}), Arrays.copyOf(dqt(new int[] {0, 1}), 100)}) {
            JpegFrameRules rules = new JpegFrameRules();
            rules.quantisationTables(dqt, 0, dqt.length);
            byte[] sof = sof(8, 640, 480, YCC_420);
            rules.frame(0xC0, sof, 0);
            assertEquals(false, rules.accepted());
        }
    }

    /** A DQT body: each table an id byte (8-bit samples) and 64 samples. */
    private static byte[] dqt(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int id : ids) {
            out.write(id);
            out.writeBytes(new byte[64]);
        }
        return out.toByteArray();
    }

    /** A SOF body: precision, height, width, then id, sampling and table per component. */
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
