package io.realskin.imaging;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageProbeTest {

    /** An image of random pixels (so a JPEG of it is large enough to cut in half), encoded by javax.imageio. */
    static byte[] encoded(int w, int h, String format) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Random random = new Random(5);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) img.setRGB(x, y, random.nextInt(0x1000000));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out), "a writer for " + format);
        return out.toByteArray();
    }

    /** A RIFF/WEBP container holding one chunk (RFC 9649). */
    static byte[] webp(String fourCc, byte[] payload) {
        return webp(chunk(fourCc, payload));
    }

    /** A RIFF WEBP file of the given chunks. */
    static byte[] webp(byte[]... chunks) {
        int length = 0;
        for (byte[] c : chunks) length += c.length;
        ByteBuffer b = ByteBuffer.allocate(12 + length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + length).put("WEBP".getBytes(StandardCharsets.US_ASCII));
        for (byte[] c : chunks) b.put(c);
        return b.array();
    }

    /** One RIFF chunk: its FourCC, its length and its payload (an odd payload padded to even). */
    static byte[] chunk(String fourCc, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length + (payload.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(fourCc.getBytes(StandardCharsets.US_ASCII)).putInt(payload.length).put(payload);
        return b.array();
    }

    @Test
    void readsJpegAndPngSizeFromHeader() throws IOException {
        ImageInfo jpeg = ImageProbe.probe(encoded(100, 60, "jpeg"));
        assertEquals(ImageFormat.JPEG, jpeg.format());
        assertEquals(100, jpeg.width());
        assertEquals(60, jpeg.height());
        assertTrue(jpeg.complete());
        ImageInfo png = ImageProbe.probe(encoded(70, 30, "png"));
        assertEquals(ImageFormat.PNG, png.format());
        assertEquals(70, png.width());
        assertEquals(30, png.height());
        assertTrue(png.complete());
    }

    @Test
    void readsTiffSize() throws IOException {
        ImageInfo tiff = ImageProbe.probe(encoded(37, 21, "tiff"));
        assertEquals(ImageFormat.TIFF, tiff.format());
        assertEquals(37, tiff.width());
        assertEquals(21, tiff.height());
    }

    @Test
    void readsTheSizeOfEachWebpKind() {
        // lossy: frame tag (key frame), start code 9D 01 2A, 14-bit width and height (2 scale bits above)
        byte[] vp8 = {0x50, 0x01, 0x00, (byte) 0x9D, 0x01, 0x2A, 37, 0x40, 21, (byte) 0x80};
        // lossless: signature 0x2F, then width-1 and height-1 in 14 bits each, little-endian bit order
        int bits = (37 - 1) | (21 - 1) << 14;
        byte[] vp8l = {0x2F, (byte) bits, (byte) (bits >>> 8), (byte) (bits >>> 16), (byte) (bits >>> 24)};
        // extended: flags, 3 reserved bytes, canvas width-1 and height-1 in 24 bits each
        byte[] vp8x = {0x10, 0, 0, 0, 36, 0, 0, 20, 0, 0};
        // an extended file carries its image in a VP8 (or VP8L) chunk after the VP8X header
        byte[] extended = webp(chunk("VP8X", vp8x), chunk("VP8 ", vp8));
        for (byte[] file : new byte[][] {webp("VP8 ", vp8), webp("VP8L", vp8l), extended}) {
            ImageInfo info = ImageProbe.probe(file);
            assertEquals(ImageFormat.WEBP, info.format());
            assertEquals(37, info.width());
            assertEquals(21, info.height());
            assertTrue(info.complete());
        }
        byte[] longer = webp("VP8 ", Arrays.copyOf(vp8, 400));
        assertTrue(ImageProbe.probe(longer).complete());
        assertFalse(ImageProbe.probe(Arrays.copyOf(longer, 200)).complete(), "RIFF size beyond the bytes");
        byte[] claims2GiB = longer.clone();
        ByteBuffer.wrap(claims2GiB).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 0x8000_0000);
        assertFalse(ImageProbe.probe(claims2GiB).complete(), "a RIFF size of 2^31 is past the bytes, not negative");
    }

    /** A file cut inside its image chunk whose RIFF size was set to the bytes left (as a tool that rewrites it does). */
    @Test
    void aWebpWhoseImageChunkRunsPastTheBytesIsIncompleteWhateverItsRiffSize() {
        byte[] vp8x = {0, 0, 0, 0, 36, 0, 0, 20, 0, 0};
        byte[] whole = webp(chunk("VP8X", vp8x), chunk("VP8 ", Arrays.copyOf(ImageProbeHeadersTest.VP8_37X21, 400)));
        assertTrue(ImageProbe.probe(whole).complete());
        byte[] cut = Arrays.copyOf(whole, 200);
        ByteBuffer.wrap(cut).order(ByteOrder.LITTLE_ENDIAN).putInt(4, cut.length - 8);
        assertFalse(ImageProbe.probe(cut).complete(), "its VP8 chunk declares 400 bytes, 162 are there");
        byte[] simple = webp("VP8 ", Arrays.copyOf(ImageProbeHeadersTest.VP8_37X21, 400));
        byte[] simpleCut = Arrays.copyOf(simple, 200);
        ByteBuffer.wrap(simpleCut).order(ByteOrder.LITTLE_ENDIAN).putInt(4, simpleCut.length - 8);
        assertFalse(ImageProbe.probe(simpleCut).complete());
    }

    @Test
    void pngHeaderClaiming20000x20000IsReadWithoutDecoding() {
        ImageInfo info = ImageProbe.probe(TestImages.png(20000, 20000));
        assertEquals(400_000_000L, info.pixels());
        ImageRejectedException e = assertThrows(ImageRejectedException.class,
                () -> ImageLimits.DEFAULT.check(33, info));
        assertEquals(ImageRejectedException.TOO_LARGE, e.code());
    }

    @Test
    void textIsNotAnImage() {
        ImageRejectedException e = assertThrows(ImageRejectedException.class,
                () -> ImageProbe.probe("hello, I am a text file named photo.jpg\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(ImageRejectedException.BAD_IMAGE, e.code());
    }

    @Test
    void truncatedJpegIsMarkedIncomplete() throws IOException {
        byte[] full = encoded(200, 150, "jpeg");
        ImageInfo info = ImageProbe.probe(Arrays.copyOf(full, full.length / 2));
        assertFalse(info.complete());
        // cut inside the header: no frame header at all
        assertThrows(ImageRejectedException.class, () -> ImageProbe.probe(Arrays.copyOf(full, 40)));
    }

    @Test
    void exifOrientationIsRead() throws IOException {
        ImageInfo info = ImageProbe.probe(TestImages.withExifOrientation6(encoded(20, 10, "jpeg")));
        assertEquals(6, info.orientation());
        assertTrue(info.transposed());
        assertEquals(20, info.width(), "the header's size is the stored one");
    }

    /**
     * Of two Exif APP1 segments the first decides, as OpenCV's decoder (which turns the pixels by it) and ExifTool
     * read it: until 2026-12-05 the last did, so a file that showed upright everywhere was restored sideways.
     */
    @Test
    void theFirstExifSegmentsOrientationDecides() throws IOException {
        byte[] jpeg = encoded(20, 10, "jpeg");
        byte[] sixThenOne = TestImages.insertAfterSoi(jpeg, ProducerFiles.concat(TestImages.exifSegment(6, 8), TestImages.exifSegment(1, 8)));
        assertEquals(6, ImageProbe.probe(sixThenOne).orientation());
        byte[] oneThenSix = TestImages.insertAfterSoi(jpeg, ProducerFiles.concat(TestImages.exifSegment(1, 8), TestImages.exifSegment(6, 8)));
        assertEquals(1, ImageProbe.probe(oneThenSix).orientation());
    }

    /**
     * A JPEG's scans are walked over the whole frame its header announces: the limits are checked before the walk.
     * Without limits, a scan over more blocks than {@link io.realskin.imaging.jpeg.JpegDecoder#MAX_SCANNED_BLOCKS} is
     * refused before its data is read (until 2026-12-06 it was walked, and found corrupt).
     */
    @Test
    void aJpegHeaderOverTheLimitsIsRefusedBeforeItsScansAreWalked() {
        byte[] jpeg = TestImages.oversizedHeaderOverCorruptData(60000, 60000);
        ImageRejectedException walked = assertThrows(ImageRejectedException.class, () -> ImageProbe.probe(jpeg));
        assertTrue(walked.getMessage().contains("scans that cover more than"), walked.getMessage());
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> ImageProbe.probe(jpeg, ImageLimits.DEFAULT));
        assertEquals(ImageRejectedException.TOO_LARGE, e.code());
        assertTrue(e.getMessage().startsWith("image header says 60000x60000"), e.getMessage());
    }
}
