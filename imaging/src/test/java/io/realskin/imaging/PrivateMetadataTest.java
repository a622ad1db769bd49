package io.realskin.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * What leaves the tenant carries no place, time, author or generator: GPS and the rest of EXIF, XMP, C2PA, comments,
 * PNG text, what follows the image; the pixels decode the same, the colour profile and the orientation stay.
 */
class PrivateMetadataTest {
    private static final byte[] GPS_REF = ProducerFiles.ascii("N\0");

    private static byte[] strip(byte[] image) {
        return PrivateMetadata.strip(image, ImageProbe.probe(image));
    }

    private static int[] pixels(byte[] image) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(image));
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    private static boolean contains(byte[] bytes, String text) {
        return ProducerFiles.indexOf(bytes, ProducerFiles.ascii(text)) >= 0;
    }

    /** A phone's JPEG: EXIF with GPS and a thumbnail (rotated 90°), XMP, an ICC profile, C2PA, a comment, an MPF second image and a motion-photo video. */
    @Test
    void aPhonesJpegKeepsItsPixelsProfileAndOrientationAndLosesTheRest() throws IOException {
        byte[] plain = TestImages.jpeg(64, 48, false, false, 0);
        byte[] thumbnail = TestImages.jpeg(16, 12, false, false, 0);
        byte[] video = ProducerFiles.motionPhotoMp4(200_000);
        byte[] withSegments = ProducerFiles.insertAfterAppSegments(plain, ProducerFiles.concat(ProducerFiles.exif(6, true, thumbnail),
                ProducerFiles.xmp(ProducerFiles.motionPhotoXmp(video.length)), ProducerFiles.iccSegments(40_000),
                ProducerFiles.c2paApp11(5_000), ProducerFiles.segment(0xFE, ProducerFiles.ascii("shot by Jane Doe"))));
        byte[] phone = ProducerFiles.concat(ProducerFiles.withMpf(withSegments, TestImages.jpeg(32, 24, false, false, 0)), video);
        assertTrue(ProducerFiles.indexOf(phone, GPS_REF) > 0, "the fixture has a GPS latitude reference");

        byte[] out = strip(phone);
        ImageInfo info = ImageProbe.probe(out);
        assertEquals(6, info.orientation(), "the orientation stays");
        assertEquals(64, info.width());
        assertTrue(info.complete());
        for (String gone : new String[] {"Google", "2026:12:04", "http://ns.adobe.com/xap", "GCamera", "jumb", "c2pa", "MPF\0", "Jane Doe",
                "ftypisom"}) {
            assertFalse(contains(out, gone), gone);
        }
        assertEquals(-1, ProducerFiles.indexOf(out, GPS_REF), "no GPS");
        assertTrue(contains(out, "ICC_PROFILE\0"), "the colour profile stays");
        assertEquals(0xD9, out[out.length - 1] & 0xFF, "the file ends with the image");
        assertArrayEquals(PrivateMetadata.orientationOnlyExif(6), Arrays.copyOfRange(out, 2, 38), "one EXIF block of the orientation, after SOI");
        assertArrayEquals(pixels(plain), pixels(out), "the same pixels");
        assertArrayEquals(out, strip(out), "stripping again changes nothing");
    }

    @Test
    void progressiveAndRestartCodedJpegsKeepEveryScan() throws IOException {
        for (byte[] jpeg : new byte[][] {TestImages.jpeg(80, 56, false, true, 0), TestImages.jpeg(80, 56, true, false, 2),
                TestImages.jpeg(80, 56, false, true, 3)}) {
            byte[] commented = ProducerFiles.insertAfterAppSegments(jpeg, ProducerFiles.segment(0xFE, ProducerFiles.ascii("made with X")));
            byte[] out = strip(commented);
            assertFalse(contains(out, "made with X"));
            assertEquals(jpeg.length, out.length, "only the comment went");
            assertArrayEquals(pixels(jpeg), pixels(out));
            assertEquals(1, ImageProbe.probe(out).orientation(), "no EXIF block made for an upright image");
        }
    }

    /** A generator's PNG: ComfyUI's prompt and workflow, A1111's parameters, C2PA, eXIf; its ICC profile stays. */
    @Test
    void aGeneratorsPngLosesItsTextAndCredentialsAndKeepsItsPixels() throws IOException {
        byte[] plain = ImageProbeTest.encoded(40, 30, "png");
        byte[] generated = ProducerFiles.concat(ProducerPngs.beforeIdat(plain, ProducerPngs.text("prompt", ProducerPngs.comfyWorkflow(50_000)),
                ProducerPngs.itxt("parameters", "portrait of Jane Doe, Steps: 30"), ProducerPngs.ztxt("workflow", "{}"),
                ProducerPngs.cabx(2_000), ProducerPngs.exifChunk(1), ProducerPngs.iccp(3_000)), ProducerFiles.ascii("trailing"));
        byte[] out = strip(generated);
        for (String gone : new String[] {"tEXt", "iTXt", "zTXt", "caBX", "eXIf", "Jane Doe", "trailing"}) {
            assertFalse(contains(out, gone), gone);
        }
        assertTrue(contains(out, "iCCP"));
        assertTrue(ImageProbe.probe(out).complete());
        assertArrayEquals(pixels(plain), pixels(out));
    }

    @Test
    void anExtendedWebpLosesExifAndXmpAndTheirFlags() {
        int bits = (37 - 1) | (21 - 1) << 14;
        byte[] vp8l = {0x2F, (byte) bits, (byte) (bits >>> 8), (byte) (bits >>> 16), (byte) (bits >>> 24)};
        byte[] simple = ImageProbeTest.webp("VP8L", vp8l);
        byte[] app1 = ProducerFiles.exif(1, true, new byte[0]);
        byte[] extended = ProducerWebps.webpExtended(simple, 37, 21, ProducerFiles.iccProfile(500),
                Arrays.copyOfRange(app1, 10, app1.length), ProducerFiles.ascii("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>"));
        byte[] out = strip(extended);
        assertFalse(contains(out, "EXIF"));
        assertFalse(contains(out, "XMP "));
        assertFalse(contains(out, "Google"));
        assertTrue(contains(out, "ICCP"));
        int flags = out[20] & 0xFF;
        assertEquals(0x20, flags, "ICC flag only");
        assertEquals(out.length - 8, (out[4] & 0xFF) | (out[5] & 0xFF) << 8 | (out[6] & 0xFF) << 16 | (out[7] & 0xFF) << 24, "RIFF size");
        ImageInfo info = ImageProbe.probe(out);
        assertEquals(37, info.width());
        assertTrue(info.complete());
    }

    @Test
    void otherFormatsAreNotRewrittenHere() throws IOException {
        byte[] tiff = ImageProbeTest.encoded(10, 10, "tiff");
        assertThrows(IllegalArgumentException.class, () -> strip(tiff));
    }
}
