package io.realskin.imaging;

import io.realskin.imaging.jpeg.JpegSegments;

import java.util.Arrays;

/**
 * The scans of a JPEG-compressed TIFF's strips or tiles (compression 6 or 7), counted before a decoder without a
 * limit of its own reads them. Each scan is a pass over its tile in any decoder: libtiff, which decodes every other
 * TIFF for OpenCV, refuses a 100th scan (LIBTIFF_JPEG_MAX_ALLOWED_SCAN_NUMBER), but the JDK's TIFF reader has no such
 * limit, so a 93 KB tiled TIFF of one 4000x4000 tile of 2,000 scans, read by it ({@link OrientedTiffTiles}), took 133 s.
 */
final class TiffJpegScans {
    /** libtiff's default: its JPEG codec stops at scan number 100. */
    static final int MAX_SCANS = 99;

    private TiffJpegScans() {
    }

    /** @throws ImageRejectedException bad_image when a strip or tile of a JPEG-compressed TIFF has more than {@link #MAX_SCANS} scans */
    static void check(byte[] b) {
        Tiff t = new Tiff(b, 0, b.length);
        int ifd = t.firstIfd();
        int count = t.u16(ifd);
        int compression = 1;
        int[] offsets = null;
        int[] lengths = null;
        for (int i = 0; i < count && ifd + 2 + 12 * (i + 1) <= b.length; i++) {
            int e = ifd + 2 + 12 * i;
            switch (t.u16(e)) {
                case 259 -> compression = t.value(e);
                case 273, 324 -> offsets = t.values(e);
                case 279, 325 -> lengths = t.values(e);
                default -> { }
            }
        }
        if ((compression != 6 && compression != 7) || offsets == null || lengths == null) return;
        for (int i = 0; i < Math.min(offsets.length, lengths.length); i++) {
            long start = offsets[i] & 0xFFFFFFFFL;
            long end = Math.min(b.length, start + (lengths[i] & 0xFFFFFFFFL));
            if (start >= end) continue;
            int scans = scans(Arrays.copyOfRange(b, (int) start, (int) end));
            if (scans > MAX_SCANS) {
                throw ImageRejectedException.badImage("TIFF not supported: a JPEG-compressed tile or strip of more than "
                        + MAX_SCANS + " scans (libtiff's limit; each is a pass over the tile)");
            }
        }
    }

    /** The SOS markers of one strip's or tile's JPEG data (it may lack its EOI: the count so far). */
    private static int scans(byte[] jpeg) {
        int[] scans = {0};
        try {
            JpegSegments.walk(jpeg, (marker, body, end) -> {
                if (marker != 0xDA) return end;
                return ++scans[0] > MAX_SCANS ? JpegSegments.STOP : JpegSegments.endOfEntropyCodedData(jpeg, end);
            });
        } catch (JpegSegments.Cut e) {
            // data cut short or no EOI: the scans seen so far count, the decoder refuses the rest
        }
        return scans[0];
    }
}
