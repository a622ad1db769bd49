package io.realskin.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.imaging.jpeg.JpegDecoder;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
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

        ImageInfo atLimit = ImageProbe.probe(withFirstScanRepeated(progressive, JpegDecoder.MAX_SCANS - scans));
        assertTrue(atLimit.complete() && atLimit.verified(), "a repeated first DC scan is one libjpeg only warns about");
        assertEquals(64, atLimit.width());

        ImageRejectedException refused = assertThrows(ImageRejectedException.class,
                () -> ImageProbe.probe(withFirstScanRepeated(progressive, JpegDecoder.MAX_SCANS - scans + 1)));
        assertEquals(ImageRejectedException.BAD_IMAGE, refused.code());
        assertTrue(refused.getMessage().contains("more than " + JpegDecoder.MAX_SCANS + " scans"), refused.getMessage());
    }

    /** The file with its first scan (header and data; the DC band's first pass in libjpeg's script) inserted again {@code times} times after it. */
    private static byte[] withFirstScanRepeated(byte[] jpeg, int times) {
        int start = TestImages.indexOf(jpeg, 0xDA);
        int end = nextMarker(jpeg, start + 2 + ((jpeg[start + 2] & 0xFF) << 8 | jpeg[start + 3] & 0xFF));
        byte[] scan = Arrays.copyOfRange(jpeg, start, end);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, end);
        for (int i = 0; i < times; i++) {
            out.writeBytes(scan);
        }
        out.write(jpeg, end, jpeg.length - end);
        return out.toByteArray();
    }

    private static int countScans(byte[] jpeg) {
        int n = 0;
        for (int at = TestImages.indexOf(jpeg, 0xDA); at >= 0 && at + 3 < jpeg.length; ) {
            n++;
            int next = nextMarker(jpeg, at + 2 + ((jpeg[at + 2] & 0xFF) << 8 | jpeg[at + 3] & 0xFF));
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

    /** The first marker at or after {@code from} in entropy-coded data: 0xFF not followed by a stuffed 0x00 or a restart marker. */
    private static int nextMarker(byte[] jpeg, int from) {
        for (int i = from; i + 1 < jpeg.length; i++) {
            int next = jpeg[i + 1] & 0xFF;
            if ((jpeg[i] & 0xFF) == 0xFF && next != 0 && (next < 0xD0 || next > 0xD7)) return i;
        }
        return jpeg.length;
    }
}
