package io.realskin.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.imaging.jpeg.JpegDecoder;
import io.realskin.imaging.jpeg.JpegSegments;
import org.junit.jupiter.api.Test;

/**
 * A JPEG of many scans costs a decoder one pass over the image per scan, whatever its file size: the probe refuses
 * more than {@link JpegDecoder#MAX_SCANS}, and takes a file with exactly that many. A JPEG of many tiny marker segments
 * costs every reader per segment, whatever their bytes: more than {@link JpegDecoder#MAX_SEGMENTS} are refused. Each
 * scan is a pass over its blocks, however few bytes code them: scans covering more than
 * {@link JpegDecoder#MAX_SCANNED_BLOCKS} blocks together are refused, fewer than {@link JpegDecoder#MAX_SCANS} as they are.
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
    void scansCoveringMoreBlocksThanTheLimitAreRefused() {
        // 4000x4000 gray: 250,000 blocks a scan, 30 KB for the DC scan and 17 bytes for each AC scan; one scan over the limit
        int scans = (int) (JpegDecoder.MAX_SCANNED_BLOCKS / 250_000);
        byte[] over = EmptyProgressiveJpegs.of(4000, 4000, scans);
        assertTrue(over.length < 40_000 && scans < JpegDecoder.MAX_SCANS, over.length + " bytes, " + scans + " scans");
        ImageRejectedException refused = assertThrows(ImageRejectedException.class, () -> ImageProbe.probe(over, ImageLimits.DEFAULT));
        assertEquals(ImageRejectedException.BAD_IMAGE, refused.code());
        assertTrue(refused.getMessage().contains("scans that cover more than " + JpegDecoder.MAX_SCANNED_BLOCKS + " blocks"),
                refused.getMessage());
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
