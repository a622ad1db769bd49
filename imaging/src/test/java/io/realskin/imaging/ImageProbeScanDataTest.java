package io.realskin.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A JPEG's entropy-coded data walked to its end: one cut short and closed with an EOI marker (which libjpeg decodes
 * into gray with only a warning) is incomplete, whatever its coding; a whole one stays complete, with or without
 * bytes after its EOI.
 */
class ImageProbeScanDataTest {

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("baseline colour", TestImages.jpeg(203, 151, false, false, 0)),
                Arguments.of("baseline gray", TestImages.jpeg(203, 151, true, false, 0)),
                Arguments.of("progressive colour", TestImages.jpeg(203, 151, false, true, 0)),
                Arguments.of("progressive gray", TestImages.jpeg(203, 151, true, true, 0)),
                Arguments.of("restart markers every 3 MCUs", TestImages.jpeg(203, 151, false, false, 3)),
                Arguments.of("progressive with restart markers", TestImages.jpeg(203, 151, false, true, 5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aWholeJpegIsComplete(String kind, byte[] jpeg) {
        ImageInfo info = ImageProbe.probe(jpeg);
        assertTrue(info.complete());
        assertEquals(203, info.width());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void cutShortAndClosedWithAnEndMarkerIsIncomplete(String kind, byte[] jpeg) {
        for (double fraction : new double[] {0.05, 0.3, 0.5, 0.8, 0.97}) {
            byte[] cut = TestImages.cutAndClosed(jpeg, fraction);
            assertEquals(0xD9, cut[cut.length - 1] & 0xFF);
            assertFalse(ImageProbe.probe(cut).complete(), kind + " cut at " + fraction);
        }
    }

    /** A frame header announcing more MCUs than the data codes: the walk ends where the data does (JpegDecoderPastTheDataTest). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aFrameLargerThanItsDataIsIncomplete(String kind, byte[] jpeg) {
        ImageInfo info = ImageProbe.probe(TestImages.withFrameSize(jpeg, 7000, 7000), ImageLimits.DEFAULT);
        assertFalse(info.complete());
        assertEquals(7000, info.width());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aWholeJpegIsVerifiedByTheWalkAndOneCutShortIsNot(String kind, byte[] jpeg) {
        assertTrue(ImageProbe.probe(jpeg).verified(), "whole");
        assertFalse(ImageProbe.probe(TestImages.cutAndClosed(jpeg, 0.5)).verified(), "cut short and closed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aJpegWhoseFrameNamesATableItNeverDefinesIsNotVerified(String kind, byte[] jpeg) {
        byte[] broken = jpeg.clone();
        int sof = TestImages.indexOf(jpeg, kind.startsWith("progressive") ? 0xC2 : 0xC0);
        broken[sof + 12] = 3; // the first component's quantisation table: the encoder defines 0 and 1 only
        ImageInfo info = ImageProbe.probe(broken);
        assertTrue(info.complete(), "the scans are whole");
        assertFalse(info.verified(), "libjpeg stops at the missing table");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void bytesAfterTheEndMarkerChangeNothing(String kind, byte[] jpeg) {
        assertTrue(ImageProbe.probe(Arrays.copyOf(jpeg, jpeg.length + 7)).complete(), "padded with zero bytes");
        byte[] junk = "trailing junk \u00ff\u00d9 after the end".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(ImageProbe.probe(TestImages.insert(jpeg, jpeg.length, junk)).complete(), "trailing junk");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aJpegCutAtAMarkerInsideItsDataIsIncomplete(String kind, byte[] jpeg) {
        // a progressive file's later scan, or a restart marker: a cut right before it still leaves MCUs uncoded
        int last = lastMarkerBeforeEnd(jpeg);
        if (last > 0) {
            assertFalse(ImageProbe.probe(TestImages.closedAt(jpeg, last)).complete(), kind + " closed at byte " + last);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void scanDataThatNoHuffmanTableDecodesIsRefused(String kind, byte[] jpeg) {
        byte[] corrupt = TestImages.withCorruptScanData(jpeg);
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> ImageProbe.probe(corrupt));
        assertEquals(ImageRejectedException.BAD_IMAGE, e.code());
        assertTrue(e.getMessage().startsWith("corrupt JPEG data: "), e.getMessage());
    }

    /** The last SOS or RSTn marker of the file, 0 when it has only its first scan and no restart markers. */
    private static int lastMarkerBeforeEnd(byte[] jpeg) {
        int first = TestImages.indexOf(jpeg, 0xDA);
        for (int i = jpeg.length - 4; i > first; i--) {
            int m = jpeg[i + 1] & 0xFF;
            if ((jpeg[i] & 0xFF) == 0xFF && (m == 0xDA || (m >= 0xD0 && m <= 0xD7))) {
                return i;
            }
        }
        return 0;
    }
}
