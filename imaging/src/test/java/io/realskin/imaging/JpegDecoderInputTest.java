package io.realskin.imaging;

import static io.realskin.imaging.ProducerFiles.concat;
import static io.realskin.imaging.ProducerFiles.segment;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/**
 * A JPEG that is mostly metadata goes to libjpeg without the segments no decoder reads for the pixels: the first APP0,
 * APP1 and APP14 stay (JFIF, the orientation OpenCV reads from the first APP1, Adobe's transform), everything else
 * between them goes, the image's own segments and data as they were.
 */
class JpegDecoderInputTest {
    private static final byte[] IMAGE = TestImages.jpeg(64, 48, false, false, 0); // ImageIO: SOI, JFIF APP0, tables, scan

    @Test
    void metadataThatOutweighsTheImageIsLeftOutButTheFirstJfifExifAndAdobe() {
        byte[] exif = ProducerFiles.exif(6, false, TestImages.jpeg(16, 12, false, false, 0));
        byte[] adobe = ProducerFiles.adobe(1);
        byte[] bulk = concat(ProducerFiles.iccSegments(400_000), ProducerFiles.c2paApp11(200_000),
                segment(0xE1, ProducerFiles.ascii("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>")), segment(0xEF, new byte[60_000]),
                segment(0xFE, new byte[60_000]), ProducerFiles.exif(3, false, TestImages.jpeg(16, 12, false, false, 0)),
                ProducerFiles.adobe(0), segment(0xE0, ProducerFiles.ascii("JFXX\0")));
        byte[] file = ProducerFiles.insertAfterAppSegments(IMAGE, concat(exif, adobe, bulk));

        byte[] input = ImageProbe.decoderInput(file, ImageProbe.probe(file));
        assertArrayEquals(ProducerFiles.insertAfterAppSegments(IMAGE, concat(exif, adobe)), input);
        assertEquals(6, ImageProbe.probe(input).orientation());
    }

    /** OpenCV reads the orientation from the first APP1 whatever it is (here XMP): the stripped file has the same first APP1. */
    @Test
    void theFirstApp1StaysWhateverItIs() {
        byte[] xmp = segment(0xE1, ProducerFiles.ascii("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>"));
        byte[] file = ProducerFiles.insertAfterAppSegments(IMAGE, concat(xmp, ProducerFiles.exif(6, false,
                TestImages.jpeg(16, 12, false, false, 0)), ProducerFiles.iccSegments(400_000)));
        assertArrayEquals(ProducerFiles.insertAfterAppSegments(IMAGE, xmp), JpegDecoderInput.of(file));
    }

    /** A copy of the image costs more than the metadata it leaves out when that is the smaller part: none is made. */
    @Test
    void metadataSmallerThanTheRestIsHandedOnAsItIs() {
        byte[] file = ProducerFiles.insertAfterAppSegments(IMAGE, ProducerFiles.iccSegments(IMAGE.length / 2));
        assertSame(file, JpegDecoderInput.of(file));
        byte[] cut = java.util.Arrays.copyOf(ProducerFiles.insertAfterAppSegments(IMAGE, ProducerFiles.iccSegments(400_000)), 300_000);
        assertSame(cut, JpegDecoderInput.of(cut), "a file cut inside its segments goes as sent: the decoder refuses it");
    }
}
