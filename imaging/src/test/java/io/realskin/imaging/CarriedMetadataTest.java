package io.realskin.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The metadata a result carries is read from a JPEG, a PNG or a WebP under one rule (no GPS, no previews, at most a
 * segment's 64 KB each); an unchanged input is rewritten around its own image data. The engine's paths:
 * texture-engine's ResultMetadataPathsTest.
 */
class CarriedMetadataTest {
    private static final byte[] THUMBNAIL = TestImages.jpeg(16, 12, false, false, 0);

    private static byte[] tiff(byte[] app1) {
        return Arrays.copyOfRange(app1, 10, app1.length);
    }

    @Test
    void aWebpsExifIsReadWithOrWithoutTheExifHeaderSomeWritersPutFirst() {
        byte[] simple = ImageProbeTest.webp("VP8L", vp8l(37, 21));
        for (boolean header : new boolean[] {false, true}) {
            byte[] exif = tiff(ProducerFiles.exif(3, false, THUMBNAIL));
            byte[] chunk = header ? ProducerFiles.concat(ProducerFiles.ascii("Exif\0\0"), exif) : exif;
            CarriedMetadata m = CarriedMetadata.of(ProducerWebps.webpExtended(simple, 37, 21, null, chunk, null));
            assertNotNull(m.exif(), "header " + header);
            assertEquals(1, ExifDirectories.read(m.exif()).size(), "without the thumbnail");
            assertNull(ExifDirectories.read(m.exif()).get(0).getTIFFField(0x8825), "without GPS");
            assertEquals(3, ExifDirectories.read(m.exif()).get(0).getTIFFField(0x0112).getAsInt(0), "the tag as stored");
        }
    }

    /** A caller that holds the input's profile (a decode read it) passes it: it is carried as given, not read again. */
    @Test
    void theProfileACallerHoldsIsCarriedAndTheRestReadFromTheFile() {
        byte[] png = ProducerPngs.beforeIdat(TestImages.png(8, 8), ProducerPngs.exifChunk(3), ProducerPngs.iccp(3000));
        CarriedMetadata read = CarriedMetadata.of(png);
        byte[] held = IccProfile.of(png);
        CarriedMetadata given = CarriedMetadata.of(png, held);
        assertSame(held, given.icc());
        assertTrue(Arrays.equals(read.icc(), given.icc()) && Arrays.equals(read.exif(), given.exif()));
        assertNotNull(given.exif());
        assertNull(CarriedMetadata.of(png, null).icc(), "none held, none carried");
    }

    @Test
    void uprightSetsTheOrientationToOneInEitherByteOrderAndMovesNothing() {
        for (boolean littleEndian : new boolean[] {false, true}) {
            byte[] exif = ProducerFiles.exif(6, littleEndian, new byte[0]);
            byte[] upright = new CarriedMetadata(null, exif, null, null).upright().exif();
            assertEquals(1, ExifDirectories.read(upright).get(0).getTIFFField(0x0112).getAsInt(0));
            assertEquals(exif.length, upright.length);
            int differing = 0;
            for (int i = 0; i < exif.length; i++) if (exif[i] != upright[i]) differing++;
            assertEquals(1, differing, "the value's low byte alone");
            byte[] one = ProducerFiles.exif(1, littleEndian, new byte[0]);
            assertSame(one, new CarriedMetadata(null, one, null, null).upright().exif());
        }
    }

    /** A packet inflated past a segment's 64 KB is not carried: the bound holds before it is all inflated. */
    @Test
    void aPngsXmpIsCarriedWithinASegmentsSizeAndNotBeyond() {
        byte[] png = TestImages.png(8, 8);
        String small = new String(tiffless(ProducerFiles.xmp("xmlns:dc=\"http://purl.org/dc/elements/1.1/\" dc:format=\"image/png\"")),
                java.nio.charset.StandardCharsets.UTF_8);
        CarriedMetadata m = CarriedMetadata.of(ProducerPngs.beforeIdat(png, ProducerPngs.itxt("XML:com.adobe.xmp", small)));
        assertTrue(ProducerFiles.indexOf(m.xmp(), ProducerFiles.ascii("image/png")) > 0);
        String big = small.replace("</x:xmpmeta>", "</x:xmpmeta>" + " ".repeat(70_000));
        assertNull(CarriedMetadata.of(ProducerPngs.beforeIdat(png, ProducerPngs.itxt("XML:com.adobe.xmp", big))).xmp());
    }

    @Test
    void anInputWithNothingToDropIsItsOwnResultAndATiffIsNotRewritten() throws IOException {
        byte[] jpeg = TestImages.jpeg(32, 24, false, true, 0);
        assertSame(jpeg, ResultFiles.unchanged(jpeg));
        byte[] webp = ImageProbeTest.webp("VP8L", vp8l(37, 21));
        assertSame(webp, ResultFiles.unchanged(webp));
        assertNull(ResultFiles.unchanged(ImageProbeTest.encoded(10, 10, "tiff")));
    }

    /** Into an encoder's WebP: VP8X with the EXIF and XMP flags, the chunks after the image, the RIFF size right. */
    @Test
    void anEncodersWebpIsMadeExtendedWithExifAndXmp() {
        byte[] simple = ImageProbeTest.webp("VP8L", vp8l(37, 21));
        CarriedMetadata m = new CarriedMetadata(null, ProducerFiles.exif(1, true, new byte[0]),
                ProducerFiles.xmp("xmlns:dc=\"http://purl.org/dc/elements/1.1/\" dc:format=\"image/webp\""), null);
        byte[] out = ResultFiles.embed(simple, ImageFormat.WEBP, m, 3);
        assertEquals("VP8X", new String(out, 12, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(0x0C, out[20] & 0xFF, "EXIF and XMP flags");
        assertEquals(out.length - 8, (out[4] & 0xFF) | (out[5] & 0xFF) << 8 | (out[6] & 0xFF) << 16 | (out[7] & 0xFF) << 24);
        ImageInfo info = ImageProbe.probe(out);
        assertEquals(37, info.width());
        CarriedMetadata back = CarriedMetadata.of(out);
        assertEquals("Google", ExifDirectories.read(back.exif()).get(0).getTIFFField(0x010F).getAsString(0));
        assertTrue(ProducerFiles.indexOf(back.xmp(), ProducerFiles.ascii("image/webp")) > 0);
    }

    private static byte[] tiffless(byte[] xmpApp1) {
        return Arrays.copyOfRange(xmpApp1, 4 + "http://ns.adobe.com/xap/1.0/\0".length(), xmpApp1.length);
    }

    private static byte[] vp8l(int width, int height) {
        int bits = (width - 1) | (height - 1) << 14;
        return new byte[] {0x2F, (byte) bits, (byte) (bits >>> 8), (byte) (bits >>> 16), (byte) (bits >>> 24)};
    }
}
