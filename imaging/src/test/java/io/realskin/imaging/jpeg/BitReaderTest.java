package io.realskin.imaging.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link BitReader#skipBits} leaves the reader as that many {@link BitReader#bit()} calls do: the same bits next, the
 * same overrun, and, after a restart, the same place in the data (which depends on how far the buffer was filled).
 */
class BitReaderTest {

    @Test
    void skippingBitsIsReadingThemOneByOne() {
        Random random = new Random(7);
        for (int round = 0; round < 2000; round++) {
            byte[] data = new byte[4 + random.nextInt(40)];
            random.nextBytes(data);
            for (int i = 0; i + 1 < data.length; i++) {
                if ((data[i] & 0xFF) == 0xFF && random.nextInt(3) > 0) data[i + 1] = 0; // mostly stuffed, some markers
            }
            if (random.nextBoolean()) {
                int at = random.nextInt(data.length - 1);
                data[at] = (byte) 0xFF;
                data[at + 1] = (byte) (0xD0 + random.nextInt(8)); // a restart marker somewhere
            }
            int[] steps = new int[1 + random.nextInt(6)];
            for (int i = 0; i < steps.length; i++) steps[i] = random.nextInt(64);
            assertEquals(afterReading(data, steps, false), afterReading(data, steps, true), "round " + round);
        }
    }

    /** What the reader gives after the steps (each a symbol's 5 bits, then that many bits read or skipped). */
    private static String afterReading(byte[] data, int[] steps, boolean skip) {
        BitReader in = new BitReader(data, 0);
        StringBuilder seen = new StringBuilder();
        for (int n : steps) {
            seen.append(in.bits(5)).append(',');
            if (skip) {
                in.skipBits(n);
            } else {
                for (int i = 0; i < n; i++) in.bit();
            }
        }
        seen.append(in.bits(16)).append(' ').append(in.overran());
        in.restart();
        return seen.append(' ').append(in.bits(16)).append(' ').append(in.overran()).append(' ').append(in.endOfScan())
                .toString();
    }
}
