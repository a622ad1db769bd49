package io.realskin.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.imaging.jpeg.JpegDecoder;
import org.junit.jupiter.api.Test;

/**
 * A JPEG of many scans costs a decoder one pass over the image per scan, whatever its file size: the probe refuses
 * more than {@link JpegDecoder#MAX_SCANS}, and takes a file with exactly that many.
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
