package io.realskin.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.imaging.jpeg.JpegSegments;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.plugins.tiff.TIFFDirectory;
import org.junit.jupiter.api.Test;

/**
 * A result carries its input's colour segments and the photographer's EXIF, XMP and IPTC, one of each, without
 * previews or GPS; comments, other APPn segments and second copies stay behind, however many and large they are.
 */
class ResultMetadataTest {
    private static final byte[] GPS_LATITUDE_SECONDS = {0, 0, 1, 0x28, 0, 0, 0, 10}; // 296/10, big-endian

    /** The segments the rule carries from a JPEG, in order. */
    private static List<byte[]> carried(byte[] jpeg) {
        ResultMetadata rule = new ResultMetadata(jpeg);
        List<byte[]> out = new ArrayList<>();
        JpegSegments.walk(jpeg, (marker, body, end) -> {
            if (marker == 0xDA) return JpegSegments.STOP;
            if (marker >= 0xE0 && marker <= 0xEF || marker == 0xFE) {
                byte[] seg = rule.carried(body - 4, end);
                if (seg != null) out.add(seg);
            }
            return end;
        });
        return out;
    }

    /** The one APP1 segment carried (after the encoder's JFIF). */
    private static byte[] app1(byte[] jpeg) {
        List<byte[]> app1 = carried(jpeg).stream().filter(s -> (s[1] & 0xFF) == 0xE1).toList();
        assertEquals(1, app1.size());
        return app1.get(0);
    }

    private static List<Integer> markers(List<byte[]> segments) {
        return segments.stream().map(s -> s[1] & 0xFF).toList();
    }

    @Test
    void oneOfEachCarriedKindAndNothingElse() {
        byte[] thumbnail = TestImages.jpeg(16, 12, false, false, 0);
        byte[] junk = new byte[60_000];
        // after the encoder's own JFIF APP0, a second one
        List<byte[]> segments = new ArrayList<>(List.of(ProducerFiles.segment(0xE0, ProducerFiles.ascii("JFIF\0\1\1\0\0\1\0\1\0\0")),
                ProducerFiles.exif(1, false, thumbnail), ProducerFiles.exif(1, true, thumbnail),
                ProducerFiles.xmp("xmlns:dc=\"http://purl.org/dc/elements/1.1/\" dc:format=\"image/jpeg\""),
                ProducerFiles.xmp("xmlns:dc=\"http://purl.org/dc/elements/1.1/\" dc:format=\"second\""),
                ProducerFiles.segment(0xE1, ProducerFiles.ascii("http://ns.adobe.com/xmp/extension/\0")),
                ProducerFiles.iccSegments(100_000), ProducerFiles.c2paApp11(1_000), ProducerFiles.adobe(1), ProducerFiles.adobe(2),
                ProducerFiles.photoshopApp13(ProducerFiles.photoshopResource(0x0404, "", ProducerFiles.ascii("IPTC credit")),
                        ProducerFiles.photoshopResource(0x0422, "", ProducerFiles.exif(1, false, new byte[0]))),
                ProducerFiles.photoshopApp13(ProducerFiles.photoshopResource(0x0404, "", ProducerFiles.ascii("second"))),
                ProducerFiles.segment(0xE4, new byte[100])));
        for (int i = 0; i < 20; i++) { // 2.4 MB of vendor segments and comments: none of it is carried
            segments.add(ProducerFiles.segment(0xEF, junk));
            segments.add(ProducerFiles.segment(0xFE, junk));
        }
        byte[] jpeg = ProducerFiles.insertAfterAppSegments(TestImages.jpeg(64, 48, false, false, 0),
                ProducerFiles.concat(segments.toArray(byte[][]::new)));

        List<byte[]> out = carried(jpeg);
        assertEquals(List.of(0xE0, 0xE1, 0xE1, 0xE2, 0xE2, 0xEE, 0xED), markers(out));
        assertEquals(1, out.get(5)[15], "the first Adobe segment's transform");
        assertTrue(ProducerFiles.indexOf(out.get(2), ProducerFiles.ascii("image/jpeg")) > 0, "the first XMP packet");
        assertEquals(1, ExifDirectories.read(out.get(1)).size(), "the first EXIF block, without its thumbnail");
        assertTrue(ProducerFiles.indexOf(out.get(6), ProducerFiles.ascii("IPTC credit")) > 0, "the first APP13's IPTC");
        assertEquals(-1, ProducerFiles.indexOf(out.get(6), ProducerFiles.ascii("Exif")), "without its EXIF copy");
        assertArrayEquals(IccProfile.of(jpeg), IccProfile.of(ProducerFiles.insertAfterAppSegments(TestImages.jpeg(8, 8, false, false, 0),
                ProducerFiles.concat(out.get(3), out.get(4)))), "the profile whole");
    }

    /** A phone's EXIF in either byte order, its thumbnail before or after the GPS IFD: the GPS IFD goes, the rest stays. */
    @Test
    void exifCarriesNoGpsAndKeepsTheRest() {
        byte[] thumbnail = TestImages.jpeg(16, 12, false, false, 0);
        for (boolean littleEndian : new boolean[] {true, false}) {
            for (boolean thumbnailFirst : new boolean[] {true, false}) {
                byte[] in = ProducerFiles.exif(1, littleEndian, thumbnail, thumbnailFirst, false);
                String name = (littleEndian ? "II" : "MM") + (thumbnailFirst ? ", thumbnail first" : "");
                byte[] out = app1(ProducerFiles.insertAfterAppSegments(TestImages.jpeg(64, 48, false, false, 0), in));
                List<TIFFDirectory> ifds = ExifDirectories.read(out);
                assertEquals(1, ifds.size(), name);
                TIFFDirectory ifd0 = ifds.get(0);
                assertNull(ifd0.getTIFFField(0x8825), name + ": the GPS pointer");
                assertEquals("Google", ifd0.getTIFFField(0x010F).getAsString(0), name);
                assertEquals(1, ifd0.getTIFFField(0x0112).getAsInt(0), name);
                assertEquals("2026:12:04 10:00:00", ifd0.getTIFFField(0x8769).getDirectory().getTIFFField(0x9003).getAsString(0), name);
                byte[] seconds = littleEndian ? ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(296).putInt(10).array()
                        : GPS_LATITUDE_SECONDS;
                assertTrue(ProducerFiles.indexOf(in, seconds) > 0, name + ": the input has the latitude");
                assertEquals(-1, ProducerFiles.indexOf(out, seconds), name + ": its bytes are gone too");
            }
        }
    }

    /**
     * An EXIF block whose GPS IFD cannot be cut out (its latitude's values share bytes with the camera's name, which
     * stays) is not carried, but for its orientation: an unchanged result keeps its pixels stored turned, and without
     * the tag it would stand sideways. Until 2026-12-06 the whole block went, orientation included.
     */
    @Test
    void anExifBlockWhoseGpsCannotBeCutOutLeavesItsOrientation() {
        byte[] in = ProducerFiles.exif(6, false, new byte[0]);
        Tiff t = new Tiff(in, 10, in.length);
        int ifd0 = t.firstIfd();
        int make = t.u32(ifd0 + 2 + 8); // entry 0: Make, its 7 bytes at an offset
        int gps = 10 + t.u32(ifd0 + 2 + 12 * 3 + 8); // entry 3: the GPS pointer
        ByteBuffer.wrap(in).putInt(gps + 2 + 12 * 2 + 8, make); // the latitude's 24 bytes from the Make's
        byte[] out = app1(ProducerFiles.insertAfterAppSegments(TestImages.jpeg(64, 48, false, false, 0), in));
        List<TIFFDirectory> ifds = ExifDirectories.read(out);
        assertEquals(6, ifds.get(0).getTIFFField(0x0112).getAsInt(0));
        assertNull(ifds.get(0).getTIFFField(0x8825), "no GPS");
        assertNull(ifds.get(0).getTIFFField(0x010F), "the orientation alone");
    }

    /** XMP's GPS properties go, as attributes or elements, whatever the prefix; the photographer's stay. */
    @Test
    void xmpCarriesNoGpsAndKeepsTheRest() {
        byte[] in = ProducerFiles.xmpPacket("<rdf:Description rdf:about=\"\" xmlns:exif=\"http://ns.adobe.com/exif/1.0/\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:e=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\""
                + " exif:GPSLatitude=\"48,51.4933N\" exif:DateTimeOriginal=\"2026-12-04T10:00:00\">"
                + "<exif:GPSLongitude>2,17.67E</exif:GPSLongitude><dc:creator><rdf:Seq><rdf:li>Jane Doe</rdf:li></rdf:Seq></dc:creator>"
                + "<e:LocationCreated><rdf:Bag><rdf:li rdf:parseType=\"Resource\"><e:GPSLatitude>48,51.4933N</e:GPSLatitude>"
                + "<e:City>Paris</e:City></rdf:li></rdf:Bag></e:LocationCreated></rdf:Description>");
        byte[] out = app1(ProducerFiles.insertAfterAppSegments(TestImages.jpeg(64, 48, false, false, 0), in));
        for (String gone : new String[] {"GPSLatitude", "GPSLongitude", "48,51", "2,17"}) {
            assertEquals(-1, ProducerFiles.indexOf(out, ProducerFiles.ascii(gone)), gone);
        }
        for (String kept : new String[] {"DateTimeOriginal", "Jane Doe", "Paris"}) {
            assertTrue(ProducerFiles.indexOf(out, ProducerFiles.ascii(kept)) > 0, kept);
        }
    }

    /**
     * A vendor's own GPS properties go too: DJI writes where the photo was taken in XMP under its own namespace
     * (drone-dji:GpsLatitude, GpsLongitude, or GpsLongtitude as some firmware spells it), beside its EXIF GPS IFD;
     * until 2026-12-08 only the Exif and IPTC namespaces' were taken out, so a result carried those. Its other
     * properties stay.
     */
    @Test
    void xmpCarriesNoVendorsGpsEither() {
        byte[] in = ProducerFiles.xmpPacket("<rdf:Description rdf:about=\"\" xmlns:drone-dji=\"http://www.dji.com/drone-dji/1.0/\""
                + " drone-dji:GpsLatitude=\"+48.858093\" drone-dji:GpsLongtitude=\"+2.294694\" drone-dji:FlightYawDegree=\"+12.30\">"
                + "<drone-dji:GpsLongitude>+2.294694</drone-dji:GpsLongitude></rdf:Description>");
        byte[] out = app1(ProducerFiles.insertAfterAppSegments(TestImages.jpeg(64, 48, false, false, 0), in));
        for (String gone : new String[] {"GpsLatitude", "GpsLongitude", "GpsLongtitude", "48.85", "2.29"}) {
            assertEquals(-1, ProducerFiles.indexOf(out, ProducerFiles.ascii(gone)), gone);
        }
        assertTrue(ProducerFiles.indexOf(out, ProducerFiles.ascii("FlightYawDegree")) > 0, "the rest stays");
    }
}
