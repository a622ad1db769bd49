package io.realskin.texture.engine;

import io.realskin.imaging.ExifDirectories;
import io.realskin.imaging.ProducerFiles;
import io.realskin.imaging.ProducerPreviews;
import io.realskin.imaging.TestImages;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import javax.imageio.ImageIO;

import static io.realskin.imaging.ProducerFiles.indexOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JPEG in, JPEG out: the result does not carry the input's thumbnails (EXIF's, Photoshop's, XMP's, FlashPix's), which
 * would show (and hand on) the face before the restore, nor its GPS position, and keeps the rest of its EXIF, XMP and
 * IPTC ({@link io.realskin.imaging.ResultMetadata}).
 */
class JpegPreviewsTest {

    @Test
    void theInputsThumbnailsAreNotCarriedOverButItsExifAndIptcAre() throws IOException {
        Mat portrait = Fixtures.decode(Fixtures.bytes(Fixtures.REAL));
        Mat small = new Mat();
        Imgproc.resize(portrait, small, new Size(160, 160), 0, 0, Imgproc.INTER_AREA);
        byte[] thumbnail = Fixtures.encode(small, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 70);
        byte[] iptc = ProducerFiles.photoshopResource(0x0404, "", ProducerFiles.concat(new byte[] {0x1C, 2, 80, 0, 8},
                ProducerFiles.ascii("Jane Doe")));
        byte[] in = ProducerFiles.insertAfterAppSegments(Fixtures.encode(portrait, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 90),
                ProducerFiles.concat(ProducerFiles.exif(1, false, thumbnail),
                        ProducerFiles.photoshopApp13(iptc, ProducerFiles.photoshopThumbnail(160, 160, thumbnail)),
                        ProducerFiles.xmpPacket("<rdf:Description rdf:about=\"\" xmlns:xmp=\"" + ProducerPreviews.XMP_NS
                                + "\" xmlns:xmpGImg=\"" + ProducerPreviews.IMAGE_NS + "\" xmp:Rating=\"5\">"
                                + ProducerPreviews.thumbnailsElement("xmp", "xmpGImg", thumbnail) + "</rdf:Description>"),
                        ProducerPreviews.flashPix(thumbnail)));

        RestoreResult r = new TextureEngine().restore(in, RestoreOptions.defaults().withIntensity(80));
        assertEquals(JpegLocality.COEFFICIENT, r.jpeg().path());
        assertEquals(1, r.faces());
        byte[] out = r.bytes();

        int scan = TestImages.indexOf(thumbnail, 0xDA);
        byte[] scanData = Arrays.copyOfRange(thumbnail, scan + 20, scan + 84);
        assertEquals(-1, indexOf(out, scanData), "no part of the thumbnail's picture in the result");
        assertEquals(-1, indexOf(out, thumbnail));
        byte[] exif = ExifDirectories.segmentOf(out);
        assertEquals(1, ExifDirectories.read(exif).size(), "IFD0 alone");
        assertEquals(withoutGps(ExifDirectories.ifd0(ExifDirectories.segmentOf(in))), ExifDirectories.ifd0(exif), "IFD0 without GPS");
        assertTrue(indexOf(out, iptc) > 0, "Photoshop's other resources stay");
        String base64 = Base64.getEncoder().encodeToString(thumbnail);
        assertEquals(-1, indexOf(out, ProducerFiles.ascii(base64.substring(base64.length() / 2, base64.length() / 2 + 64))),
                "no XMP thumbnail");
        assertTrue(indexOf(out, ProducerFiles.ascii("xmp:Rating=\"5\"")) > 0, "the rest of the XMP stays");
        assertEquals(-1, indexOf(out, ProducerFiles.ascii("FPXR")), "no FlashPix preview");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(out));
        assertEquals(1000, decoded.getWidth());
        assertEquals(1000, decoded.getHeight());
    }

    /** The result's EXIF (when the input has one) is IFD0 alone, with every field IFD0 and its Exif IFD had, and no GPS. */
    static void assertExifKeptWithoutThumbnail(byte[] in, byte[] out, String name) {
        byte[] exif = ExifDirectories.segmentOf(in);
        if (exif == null) return;
        byte[] kept = ExifDirectories.segmentOf(out);
        assertNotNull(kept, name + ": the EXIF is kept");
        assertEquals(1, ExifDirectories.read(kept).size(), name + ": no IFD1");
        assertEquals(withoutGps(ExifDirectories.ifd0(exif)), ExifDirectories.ifd0(kept), name + ": IFD0 as the input's");
    }

    /** {@link ExifDirectories#ifd0}'s text without the GPS IFD (tag 34853), which results do not carry. */
    private static String withoutGps(String ifd0) {
        return ifd0.replaceAll("34853=\\{[^}]*\\}; ", "");
    }
}
