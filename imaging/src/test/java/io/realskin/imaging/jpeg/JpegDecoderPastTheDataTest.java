package io.realskin.imaging.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.imaging.TestImages;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A walk that stops at a scan cut short ({@link JpegDecoder.Use#stopsWhereTheDataEnds}) decodes past a scan's data only
 * as far as it takes to know the rest would raise no error: a frame header announcing 7000x7000 over the ~1 KB of a
 * 64x48 image's data costs the units that data codes and two more, not the frame's 191,844 MCUs (765,625 blocks in
 * gray) over zero bits, which took the probe 0.4-1.5 s to refuse as truncated until 2026-12-06. And it decides as the
 * walk that decodes every unit does, on whole files and on files cut, shortened or corrupted anywhere.
 */
class JpegDecoderPastTheDataTest {

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("baseline colour", TestImages.jpeg(64, 48, false, false, 0)),
                Arguments.of("baseline gray", TestImages.jpeg(64, 48, true, false, 0)),
                Arguments.of("progressive colour", TestImages.jpeg(64, 48, false, true, 0)),
                Arguments.of("progressive gray", TestImages.jpeg(64, 48, true, true, 0)),
                Arguments.of("restart markers every MCU", TestImages.jpeg(64, 48, false, false, 1)),
                Arguments.of("restart markers every 5 MCUs", TestImages.jpeg(64, 48, true, false, 5)),
                Arguments.of("progressive with restart markers", TestImages.jpeg(64, 48, false, true, 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aLargeFrameOverASmallImagesDataIsWalkedAsFarAsItsData(String kind, byte[] small) {
        Walk walk = new Walk(true);
        JpegDecoder decoder = JpegDecoder.decode(TestImages.withFrameSize(small, 7000, 7000), walk);
        assertTrue(walk.overran, kind + ": the first scan ends before its last unit");
        assertTrue(decoder.stopped());
        // the 64x48 image's first scan codes 48 blocks (12 MCUs in colour): those, and two units over zeros
        assertTrue(decoder.unitsDecoded() <= 48 + 2, kind + ": " + decoder.unitsDecoded() + " units decoded");
    }

    /** Both walks see the same: each file a line of what they did (an error, where the walk stopped). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void itDecidesAsDecodingEveryUnitDoes(String kind, byte[] small) {
        Random random = new Random(kind.hashCode());
        int scan = TestImages.indexOf(small, 0xDA);
        for (int round = 0; round < 200; round++) {
            byte[] jpeg = small;
            if (random.nextInt(3) == 0) { // a run of the data left out: an interval's data ends at the next marker
                int from = scan + random.nextInt(jpeg.length - scan - 2);
                int to = Math.min(jpeg.length - 2, from + 1 + random.nextInt(60));
                byte[] out = new byte[jpeg.length - (to - from)];
                System.arraycopy(jpeg, 0, out, 0, from);
                System.arraycopy(jpeg, to, out, from, jpeg.length - to);
                jpeg = out;
            }
            if (random.nextInt(3) == 0) { // bytes changed: codes no table has, runs past the 64th coefficient
                jpeg = jpeg.clone();
                for (int i = random.nextInt(4); i >= 0; i--) jpeg[scan + random.nextInt(jpeg.length - scan - 2)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(3) == 0) jpeg = TestImages.cutAndClosed(jpeg, random.nextDouble());
            byte[] framed = TestImages.withFrameSize(jpeg, 64 + random.nextInt(3) * 200, 48 + random.nextInt(3) * 150);
            assertEquals(outcome(framed, false), outcome(framed, true), kind + ", round " + round);
        }
    }

    /**
     * Past the data a table's all-zero code is read over and over: where it makes a run past the 64th coefficient the
     * file is corrupt, not only cut short, and the walk that ends at the data says so as the one decoding every unit
     * does. A gray 7000x7000 frame whose AC table codes "0" as 15 zeros and a 1 (0xF1), "10" as the end of the block,
     * over 8 blocks of data.
     */
    @Test
    void aRunPastTheLastCoefficientInTheZerosPastTheDataIsFoundAsBefore() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(0xFF, 0xD8, 0xFF, 0xDB, 0, 67, 0));
        out.writeBytes(new byte[64]);
        out.writeBytes(bytes(0xFF, 0xC0, 0, 11, 8, 7000 >> 8, 7000 & 0xFF, 7000 >> 8, 7000 & 0xFF, 1, 1, 0x11, 0));
        out.writeBytes(bytes(0xFF, 0xC4, 0, 2 + 17 + 1 + 17 + 2, 0x00, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        out.writeBytes(bytes(0x10, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xF1, 0x00));
        out.writeBytes(bytes(0xFF, 0xDA, 0, 8, 1, 1, 0x00, 0, 63, 0));
        out.writeBytes(bytes(0x49, 0x24, 0x92, 0xFF, 0xD9)); // 8 times "0" (DC 0) and "10" (end of block)
        byte[] jpeg = out.toByteArray();
        assertEquals("JpegDataException: coefficient index past 63 in scan 1", outcome(jpeg, false));
        assertEquals(outcome(jpeg, false), outcome(jpeg, true));
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    private static String outcome(byte[] jpeg, boolean stops) {
        Walk walk = new Walk(stops);
        try {
            JpegDecoder decoder = JpegDecoder.decode(jpeg, walk);
            return "stopped " + decoder.stopped() + ", overran " + walk.overran + " after " + walk.scans + " scans, all coded "
                    + decoder.allCoded();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage() + " in scan " + walk.scans;
        }
    }

    /** What {@link JpegScans} does with the decoder: keeps nothing, stops at a scan cut short. */
    private static final class Walk implements JpegDecoder.Use {
        private final boolean stopsWhereTheDataEnds;
        boolean overran;
        int scans;

        Walk(boolean stopsWhereTheDataEnds) {
            this.stopsWhereTheDataEnds = stopsWhereTheDataEnds;
        }

        @Override
        public short[][] frame(JpegFrame frame) {
            return null;
        }

        @Override
        public void scan() {
            scans++;
        }

        @Override
        public boolean scanned(boolean overran) {
            this.overran |= overran;
            return !overran;
        }

        @Override
        public boolean stopsWhereTheDataEnds() {
            return stopsWhereTheDataEnds;
        }

        @Override
        public boolean segment(int marker, int body, int end) {
            return true;
        }
    }
}
