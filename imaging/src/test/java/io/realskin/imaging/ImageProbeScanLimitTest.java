package io.realskin.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.imaging.ScanScriptJpegs.Scan;
import io.realskin.imaging.jpeg.JpegDecoder;
import io.realskin.imaging.jpeg.JpegFrame;
import io.realskin.imaging.jpeg.JpegScanLimitException;
import io.realskin.imaging.jpeg.JpegSegments;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A JPEG of many scans costs a decoder one pass over the image per scan, whatever its file size: the probe refuses
 * more than {@link JpegDecoder#MAX_SCANS}, and takes a file with exactly that many. A JPEG of many tiny marker segments
 * costs every reader per segment, whatever their bytes: more than {@link JpegDecoder#MAX_SEGMENTS} are refused. Each
 * scan is a pass over its blocks, however few bytes code them: scans covering more than
 * {@link JpegDecoder#MAX_SCANNED_BLOCKS} blocks together are refused, fewer than {@link JpegDecoder#MAX_SCANS} as they are,
 * from the scans' headers before any scan's data is decoded; the scripts encoders write for a 50 MP image pass.
 */
class ImageProbeScanLimitTest {
    @Test
    void aJpegWithMoreScansThanTheLimitIsRefusedAndOneAtTheLimitIsTaken() {
        byte[] progressive = TestImages.jpeg(64, 48, false, true, 0);
        int scans = countScans(progressive);
        assertTrue(scans > 1 && scans < JpegDecoder.MAX_SCANS, "the encoder's own script: " + scans);

        ImageInfo atLimit = ImageProbe.probe(TestImages.withFirstScanRepeated(progressive, JpegDecoder.MAX_SCANS - scans));
        assertTrue(atLimit.complete() && atLimit.verified(), "a repeated first DC scan is one libjpeg only warns about");
        assertEquals(64, atLimit.width());

        ImageRejectedException refused = assertThrows(ImageRejectedException.class,
                () -> ImageProbe.probe(TestImages.withFirstScanRepeated(progressive, JpegDecoder.MAX_SCANS - scans + 1)));
        assertEquals(ImageRejectedException.BAD_IMAGE, refused.code());
        assertTrue(refused.getMessage().contains("more than " + JpegDecoder.MAX_SCANS + " scans"), refused.getMessage());
    }

    @Test
    void scansCoveringMoreBlocksThanTheLimitAreRefusedBeforeAnyScansDataIsDecoded() {
        // 4000x4000 gray: 250,000 blocks a scan, 30 KB for the DC scan and 17 bytes for each AC scan; one scan over the limit
        int scans = (int) (JpegDecoder.MAX_SCANNED_BLOCKS / 250_000);
        byte[] over = EmptyProgressiveJpegs.of(4000, 4000, scans);
        assertTrue(over.length < 40_000 && scans < JpegDecoder.MAX_SCANS, over.length + " bytes, " + scans + " scans");
        ImageRejectedException refused = assertThrows(ImageRejectedException.class, () -> ImageProbe.probe(over, ImageLimits.DEFAULT));
        assertEquals(ImageRejectedException.BAD_IMAGE, refused.code());
        assertTrue(refused.getMessage().contains("scans that cover more than " + JpegDecoder.MAX_SCANNED_BLOCKS + " blocks"),
                refused.getMessage());

        // the first scan's data is corrupt: a decoder that reads it before counting reports that, not the limit
        ImageRejectedException corrupt = assertThrows(ImageRejectedException.class,
                () -> ImageProbe.probe(TestImages.withCorruptScanData(over), ImageLimits.DEFAULT));
        assertTrue(corrupt.getMessage().contains("scans that cover more than " + JpegDecoder.MAX_SCANNED_BLOCKS + " blocks"),
                corrupt.getMessage());
        // the decoder's hook before each scan's data is never called
        assertThrows(JpegScanLimitException.class, () -> JpegDecoder.decode(over, new FirstScan()));
    }

    /**
     * A 50 MP image (8656x5776) in the scripts encoders write passes the block limit: libjpeg's progressive script for
     * 4:2:0 colour (10 scans, 6.25 million blocks), the most scans mozjpeg's scan search keeps for 4:4:4 (16 scans,
     * 12.5 million) and libjpeg's script for CMYK (18 scans, 18.7 million): the limit is the CMYK one's 2.7 times.
     */
    @Test
    void theScriptsEncodersWriteForA50MegapixelImagePassTheBlockLimit() {
        int w = 8656;
        int h = 5776;
        Scan[] libjpegColour = {
            Scan.of(0, 0, 0, 1, 1, 2, 3), Scan.of(1, 5, 0, 2, 1), Scan.of(1, 63, 0, 1, 3), Scan.of(1, 63, 0, 1, 2),
            Scan.of(6, 63, 0, 2, 1), Scan.of(1, 63, 2, 1, 1), Scan.of(0, 0, 1, 0, 1, 2, 3), Scan.of(1, 63, 1, 0, 3),
            Scan.of(1, 63, 1, 0, 2), Scan.of(1, 63, 1, 0, 1)};
        assertFirstScanReached(ScanScriptJpegs.of(w, h, new int[] {0x22, 0x11, 0x11}, libjpegColour));

        List<Scan> mozjpeg = new ArrayList<>();
        for (int c = 1; c <= 3; c++) mozjpeg.add(Scan.of(0, 0, 0, 0, c));
        mozjpeg.addAll(List.of(Scan.of(1, 8, 0, 3, 1), Scan.of(9, 63, 0, 3, 1), Scan.of(1, 63, 3, 2, 1),
                Scan.of(1, 63, 2, 1, 1), Scan.of(1, 63, 1, 0, 1)));
        for (int c = 2; c <= 3; c++) {
            mozjpeg.addAll(List.of(Scan.of(1, 8, 0, 2, c), Scan.of(9, 63, 0, 2, c), Scan.of(1, 63, 2, 1, c),
                    Scan.of(1, 63, 1, 0, c)));
        }
        assertFirstScanReached(ScanScriptJpegs.of(w, h, new int[] {0x11, 0x11, 0x11}, mozjpeg.toArray(Scan[]::new)));

        List<Scan> cmyk = new ArrayList<>();
        cmyk.add(Scan.of(0, 0, 0, 1, 1, 2, 3, 4));
        for (int[] band : new int[][] {{1, 5, 0, 2}, {6, 63, 0, 2}, {1, 63, 2, 1}}) {
            for (int c = 1; c <= 4; c++) cmyk.add(Scan.of(band[0], band[1], band[2], band[3], c));
        }
        cmyk.add(Scan.of(0, 0, 1, 0, 1, 2, 3, 4));
        for (int c = 1; c <= 4; c++) cmyk.add(Scan.of(1, 63, 1, 0, c));
        assertFirstScanReached(ScanScriptJpegs.of(w, h, new int[] {0x11, 0x11, 0x11, 0x11}, cmyk.toArray(Scan[]::new)));

        // three times the CMYK script is over: 56 million blocks
        List<Scan> thrice = new ArrayList<>();
        for (int i = 0; i < 3; i++) thrice.addAll(cmyk);
        assertThrows(JpegScanLimitException.class, () -> JpegDecoder.decode(
                ScanScriptJpegs.of(w, h, new int[] {0x11, 0x11, 0x11, 0x11}, thrice.toArray(Scan[]::new)), new FirstScan()));
    }

    /** The decoder gets to the first scan's data: no limit refused the file from its headers. */
    private static void assertFirstScanReached(byte[] jpeg) {
        assertThrows(FirstScan.Reached.class, () -> JpegDecoder.decode(jpeg, new FirstScan()));
    }

    /** A use of the decoder that stops it where the first scan's data would be decoded. */
    private static final class FirstScan implements JpegDecoder.Use {
        static final class Reached extends RuntimeException {
        }

        @Override
        public short[][] frame(JpegFrame frame) {
            return null;
        }

        @Override
        public void scan() {
            throw new Reached();
        }

        @Override
        public boolean segment(int marker, int body, int end) {
            return true;
        }
    }

    @Test
    void aJpegWithMoreMarkerSegmentsThanTheLimitIsRefusedAndOneAtTheLimitIsTaken() {
        byte[] jpeg = TestImages.jpeg(64, 48, false, false, 0);
        int own = countSegments(jpeg);

        ImageInfo atLimit = ImageProbe.probe(TestImages.withEmptyComments(jpeg, JpegDecoder.MAX_SEGMENTS - own));
        assertTrue(atLimit.complete() && atLimit.verified());

        ImageRejectedException refused = assertThrows(ImageRejectedException.class,
                () -> ImageProbe.probe(TestImages.withEmptyComments(jpeg, JpegDecoder.MAX_SEGMENTS - own + 1)));
        assertEquals(ImageRejectedException.BAD_IMAGE, refused.code());
        assertTrue(refused.getMessage().contains("more than " + JpegDecoder.MAX_SEGMENTS + " marker segments"), refused.getMessage());
    }

    private static int countSegments(byte[] jpeg) {
        int[] n = {0};
        JpegSegments.walk(jpeg, (marker, body, end) -> {
            n[0]++;
            return marker == 0xDA ? JpegSegments.endOfEntropyCodedData(jpeg, end) : end;
        });
        return n[0];
    }

    private static int countScans(byte[] jpeg) {
        int n = 0;
        for (int at = TestImages.indexOf(jpeg, 0xDA); at >= 0 && at + 3 < jpeg.length; ) {
            n++;
            int next = TestImages.nextMarker(jpeg, at + 2 + ((jpeg[at + 2] & 0xFF) << 8 | jpeg[at + 3] & 0xFF));
            at = (jpeg[next + 1] & 0xFF) == 0xDA ? next : nextSos(jpeg, next);
        }
        return n;
    }

    /** The next SOS marker from {@code from} on, skipping other segments (DHT between scans); -1 at EOI. */
    private static int nextSos(byte[] jpeg, int from) {
        int at = from;
        while (at + 3 < jpeg.length && (jpeg[at + 1] & 0xFF) != 0xD9) {
            if ((jpeg[at + 1] & 0xFF) == 0xDA) return at;
            at += 2 + ((jpeg[at + 2] & 0xFF) << 8 | jpeg[at + 3] & 0xFF);
        }
        return -1;
    }
}
