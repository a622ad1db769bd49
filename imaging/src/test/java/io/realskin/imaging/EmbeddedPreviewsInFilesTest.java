package io.realskin.imaging;

import static io.realskin.imaging.ProducerFiles.ascii;
import static io.realskin.imaging.ProducerFiles.concat;
import static io.realskin.imaging.ProducerFiles.indexOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.imaging.jpeg.JpegSegments;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * APP2 segments other than an ICC profile's and MPF go whole (FlashPix's, Samsung's headerless preview), those two stay
 * as they are, and a camera's file with a preview in every place this removes them from still decodes to the same
 * picture once each of its segments went through {@link EmbeddedPreviews}, as the coefficient path's reader sends them.
 */
class EmbeddedPreviewsInFilesTest {
    private static final byte[] PREVIEW = TestImages.jpeg(160, 120, false, false, 0);

    @Test
    void flashPixAndHeaderlessApp2SegmentsAreDroppedAndIccAndMpfStay() {
        List<byte[]> fpxr = ProducerPreviews.split(ProducerPreviews.flashPix(TestImages.jpeg(1600, 1200, false, false, 0)));
        assertTrue(fpxr.size() >= 3, "a contents list and a stream over two segments");
        for (byte[] segment : fpxr) assertNull(EmbeddedPreviews.remove(segment));
        List<byte[]> samsung = ProducerPreviews.split(ProducerPreviews.samsungApp2Preview(TestImages.jpeg(1600, 1200, false, false, 0)));
        assertTrue(samsung.size() >= 2, "the preview over two segments");
        for (byte[] segment : samsung) assertNull(EmbeddedPreviews.remove(segment));
        byte[] icc = ProducerFiles.iccSegments(3_000);
        assertSame(icc, EmbeddedPreviews.remove(icc));
        byte[] mpf = ProducerFiles.segment(0xE2, concat(ascii("MPF\0MM\0*"), new byte[24]));
        assertSame(mpf, EmbeddedPreviews.remove(mpf));
    }

    @Test
    void aFileWithPreviewsEverywhereLosesThemAndDecodesAsBefore() throws IOException {
        byte[] photo = TestImages.jpeg(320, 240, false, false, 0);
        String ns = "xmlns:xmp=\"" + ProducerPreviews.XMP_NS + "\" xmlns:xmpGImg=\"" + ProducerPreviews.IMAGE_NS + "\"";
        byte[] xmp = ProducerFiles.xmpPacket("<rdf:Description rdf:about=\"\" " + ns + " xmp:Rating=\"5\">"
                + ProducerPreviews.thumbnailsElement("xmp", "xmpGImg", PREVIEW) + "</rdf:Description>");
        byte[] extended = ProducerPreviews.extendedXmp("0123456789ABCDEF0123456789ABCDEF",
                Base64.getEncoder().encodeToString(PREVIEW).getBytes(StandardCharsets.US_ASCII));
        byte[] file = ProducerFiles.insertAfterAppSegments(photo, concat(ProducerFiles.exif(1, false, PREVIEW), xmp, extended,
                ProducerPreviews.flashPix(PREVIEW), ProducerPreviews.samsungApp2Preview(PREVIEW), ProducerFiles.iccSegments(3_000)));

        byte[] out = withoutPreviews(file);
        int scan = TestImages.indexOf(PREVIEW, 0xDA);
        assertEquals(-1, indexOf(out, Arrays.copyOfRange(PREVIEW, scan + 20, scan + 84)), "no part of the preview's picture");
        assertEquals(-1, indexOf(out, ascii(Base64.getEncoder().encodeToString(PREVIEW).substring(0, 40))), "nor its base64");
        assertEquals(-1, indexOf(out, ascii("FPXR")));
        assertTrue(indexOf(out, ProducerFiles.iccSegments(3_000)) > 0, "the ICC profile as it was");
        assertTrue(indexOf(out, ascii("xmp:Rating=\"5\"")) > 0, "the rest of the XMP");
        ImageInfo info = ImageProbe.probe(out);
        assertTrue(info.verified(), "the structure walked to its end");
        assertArrayEquals(pixels(photo), pixels(out), "the same picture");
    }

    /** Each APPn segment through {@link EmbeddedPreviews}, the rest copied. */
    private static byte[] withoutPreviews(byte[] jpeg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        JpegSegments.walk(jpeg, (marker, body, end) -> {
            int from = body - 4;
            int next = marker == 0xDA ? JpegSegments.endOfEntropyCodedData(jpeg, end) : end;
            byte[] segment = Arrays.copyOfRange(jpeg, from, next);
            if (marker >= 0xE0 && marker <= 0xEF) segment = EmbeddedPreviews.remove(segment);
            if (segment != null) out.writeBytes(segment);
            return next;
        });
        out.write(0xFF);
        out.write(0xD9);
        return out.toByteArray();
    }

    private static int[] pixels(byte[] jpeg) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
