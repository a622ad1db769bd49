package io.realskin.texture.jpeg;

import io.realskin.imaging.IccProfile;
import io.realskin.imaging.ProducerFiles;
import io.realskin.imaging.jpeg.JpegSegments;
import io.realskin.texture.engine.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Coefficients read and written back decode to the same pixels, in two independent decoders. */
class JpegCodecTest {

    @Test
    void everyLayoutReadsAndWritesBackToIdenticalPixelsAndTables() {
        for (Map.Entry<String, byte[]> e : JpegInputs.portraitVariants().entrySet()) {
            byte[] in = e.getValue();
            JpegCoefficients c = JpegReader.read(in);
            assertEquals(1000, c.width(), e.getKey());
            byte[] out = JpegWriter.write(c);
            assertArrayEquals(JpegInputs.openCvPixels(in), JpegInputs.openCvPixels(out), e.getKey() + ": OpenCV pixels");
            assertArrayEquals(JpegInputs.imageIoPixels(in), JpegInputs.imageIoPixels(out), e.getKey() + ": ImageIO pixels");
            var tablesIn = JpegInputs.imageIoQuantTables(in);
            var tablesOut = JpegInputs.imageIoQuantTables(out);
            assertEquals(tablesIn.size(), tablesOut.size(), e.getKey());
            for (int i = 0; i < tablesIn.size(); i++) assertArrayEquals(tablesIn.get(i), tablesOut.get(i), e.getKey());
            assertEquals((out[out.length - 2] & 0xFF) << 8 | (out[out.length - 1] & 0xFF), 0xFFD9);
            assertFalse(JpegReader.read(out).progressive(), "the output is baseline sequential");
        }
    }

    @Test
    void theFileIsTheSameForAnyNumberOfThreads() {
        for (Map.Entry<String, byte[]> e : JpegInputs.portraitVariants().entrySet()) {
            JpegCoefficients c = JpegReader.read(e.getValue());
            byte[] one = JpegWriter.write(c, 1);
            // 3 threads cut each scan into 12 parts, most starting in the middle of a byte and of a DC prediction
            assertArrayEquals(one, JpegWriter.write(c, 3), e.getKey() + ": 3 threads");
            assertArrayEquals(one, JpegWriter.write(c, 7), e.getKey() + ": 7 threads");
        }
    }

    @Test
    void theLayoutsAreWhatTheirNamesSay() {
        var v = JpegInputs.portraitVariants();
        JpegCoefficients c444 = JpegReader.read(v.get("4:4:4 baseline (OpenCV)"));
        assertEquals(1, c444.hmax());
        JpegCoefficients c420 = JpegReader.read(v.get("4:2:0 progressive (ImageIO)"));
        assertTrue(c420.progressive());
        assertEquals(2, c420.hmax());
        assertEquals(2, c420.vmax());
        JpegCoefficients c422 = JpegReader.read(v.get("4:2:2 restart markers every 7 MCUs (OpenCV)"));
        assertEquals(2, c422.hmax());
        assertEquals(1, c422.vmax());
        assertTrue(indexOf(v.get("4:2:2 restart markers every 7 MCUs (OpenCV)"), 0xFF, 0xDD) > 0, "has a DRI segment");
        assertEquals(1, JpegReader.read(v.get("grayscale baseline (OpenCV)")).componentCount());
    }

    @Test
    void markerSegmentsAreCarriedOver() {
        byte[] in = Fixtures.bytes(Fixtures.AI); // carries an Exif APP1
        byte[] out = JpegWriter.write(JpegReader.read(in));
        int app1 = indexOf(in, 0xFF, 0xE1);
        assertTrue(app1 > 0);
        int len = (in[app1 + 2] & 0xFF) << 8 | (in[app1 + 3] & 0xFF);
        byte[] seg = java.util.Arrays.copyOfRange(in, app1, app1 + 2 + len);
        assertTrue(indexOf(out, seg) > 0, "the Exif segment is in the output");
    }

    /** A phone's multi-picture index names images after the first one's end; the written file has none, so none is named. */
    @Test
    void aMultiPictureIndexIsNotCarriedOver() {
        byte[] primary = Fixtures.bytes(Fixtures.AI);
        byte[] phone = io.realskin.imaging.ProducerFiles.withMpf(primary, JpegInputs.portraitVariants().get("4:4:4 baseline (OpenCV)"));
        assertTrue(indexOf(phone, "MPF\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) > 0);
        byte[] out = JpegWriter.write(JpegReader.read(phone));
        assertEquals(-1, indexOf(out, "MPF\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertEquals(JpegWriter.write(JpegReader.read(primary)).length, out.length, "the primary image, nothing else");
    }

    /**
     * A crop is decoded to be compared (the coefficient path's receipt): it carries what steers a decoder's colour
     * conversion, JFIF and Adobe, and none of the file's other metadata, which would be written and read again.
     */
    @Test
    void aCropCarriesTheColourSegmentsAndNoOtherMetadata() {
        byte[] in = withMetadata(JpegInputs.portraitVariants().get("4:2:0 progressive (ImageIO)"));
        JpegCoefficients c = JpegReader.read(in);
        assertEquals(List.of(0xE0, 0xE1, 0xE2, 0xE2, 0xEE), markers(JpegWriter.write(c)), "the file keeps its carried metadata");
        byte[] crop = JpegWriter.write(JpegCrop.of(c, 1, 1, 4, 3));
        assertEquals(List.of(0xE0, 0xEE), markers(crop));
        byte[] alone = JpegWriter.write(JpegCrop.of(JpegReader.read(JpegWriter.write(c)), 1, 1, 4, 3));
        assertArrayEquals(JpegInputs.openCvPixels(alone), JpegInputs.openCvPixels(crop), "the crop decodes as before");
    }

    /** Read to be compared, a file's coefficients come without its metadata: none is copied, the same blocks are there. */
    @Test
    void aFileReadWithoutSegmentsHasTheSameCoefficientsAndNoMetadata() {
        byte[] in = withMetadata(JpegInputs.portraitVariants().get("4:4:4 baseline (OpenCV)"));
        JpegCoefficients all = JpegReader.read(in), bare = JpegReader.readWithoutSegments(in);
        for (int i = 0; i < all.componentCount(); i++) {
            assertArrayEquals(all.component(i).coefficients(), bare.component(i).coefficients());
        }
        assertEquals(List.of(), markers(JpegWriter.write(bare)));
        // an Adobe transform of 0 (RGB) is read either way, and the reader refuses it either way
        byte[] rgb = ProducerFiles.insertAfterAppSegments(in, ProducerFiles.adobe(0));
        assertEquals("rgb", reasonFor(rgb));
        assertEquals("rgb", assertThrows(JpegUnsupportedException.class, () -> JpegReader.readWithoutSegments(rgb)).reason());
    }

    /**
     * A result carries the ICC profile, JFIF, Adobe, and the first EXIF and XMP blocks without GPS ({@link
     * io.realskin.imaging.ResultMetadata}); comments, vendors' segments and C2PA's stay behind. Until 2026-12-06 every
     * APPn and COM segment was carried, so an input of megabytes of them put those megabytes into each result, and
     * the photo's GPS position with them.
     */
    @Test
    void aResultCarriesColourExifAndXmpWithoutGpsAndNoOtherMetadata() {
        byte[] base = JpegInputs.portraitVariants().get("4:4:4 baseline (OpenCV)");
        List<byte[]> junk = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // 2.4 MB
            junk.add(ProducerFiles.segment(0xEF, new byte[60_000]));
            junk.add(ProducerFiles.segment(0xFE, new byte[60_000]));
        }
        byte[] in = ProducerFiles.insertAfterAppSegments(withMetadata(base), ProducerFiles.concat(
                ProducerFiles.xmp("xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" exif:GPSLatitude=\"48,51.4933N\""
                        + " exif:DateTimeOriginal=\"2026-12-04T10:00:00\""),
                ProducerFiles.concat(junk.toArray(byte[][]::new))));
        byte[] out = JpegWriter.write(JpegReader.read(in));
        assertEquals(List.of(0xE0, 0xE1, 0xE2, 0xE2, 0xEE, 0xE1), markers(out), "in the input's order");
        int bare = JpegWriter.write(JpegReader.readWithoutSegments(in)).length;
        assertTrue(out.length < bare + 120_000, out.length + " bytes against " + bare + " without metadata");
        byte[] exif = io.realskin.imaging.ExifDirectories.segmentOf(out);
        assertEquals("Google", io.realskin.imaging.ExifDirectories.read(exif).get(0).getTIFFField(0x010F).getAsString(0));
        assertTrue(io.realskin.imaging.ExifDirectories.read(exif).get(0).getTIFFField(0x8825) == null, "no GPS IFD");
        assertEquals(-1, indexOf(out, "GPSLatitude".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), "no GPS in the XMP");
        assertTrue(indexOf(out, "DateTimeOriginal".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) > 0, "the rest of it");
    }

    /** JFIF (if the encoder wrote one), then Exif, an ICC profile in two chunks, C2PA's APP11, Adobe, a vendor's APP15, a comment. */
    private static byte[] withMetadata(byte[] jpeg) {
        byte[] jfif = markers(jpeg).contains(0xE0) ? new byte[0]
                : ProducerFiles.segment(0xE0, new byte[] {'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0});
        return ProducerFiles.insertAfterAppSegments(jpeg, ProducerFiles.concat(jfif,
                ProducerFiles.exif(1, false, io.realskin.imaging.TestImages.jpeg(16, 12, false, false, 0)), ProducerFiles.iccSegments(100_000), ProducerFiles.c2paApp11(1000),
                ProducerFiles.adobe(1), ProducerFiles.segment(0xEF, new byte[3000]), ProducerFiles.segment(0xFE, new byte[3000])));
    }

    /**
     * ICC chunks are carried only when they are one profile within {@link IccProfile#MAX_BYTES}, as on the pixel path,
     * thumbnails and previews ({@link IccProfile#of}). Until 2026-12-06 this path carried any: a 4 MB + 1 profile, or
     * chunks numbered twice, went into the restored JPEG while a PNG or WebP result of the same input carried none.
     */
    @Test
    void iccChunksThatAreNoProfileWithinTheLimitAreNotCarried() {
        byte[] base = JpegInputs.portraitVariants().get("4:4:4 baseline (OpenCV)");
        byte[] over = ProducerFiles.insertAfterAppSegments(base, ProducerFiles.iccSegments(IccProfile.MAX_BYTES + 1));
        byte[] part = ProducerFiles.iccProfile(1000);
        byte[] twice = ProducerFiles.insertAfterAppSegments(base, ProducerFiles.concat(ProducerFiles.iccChunk(1, 1, part),
                ProducerFiles.iccChunk(1, 1, part)));
        for (byte[] in : List.of(over, twice)) {
            assertTrue(IccProfile.of(in) == null);
            assertFalse(markers(JpegWriter.write(JpegReader.read(in))).contains(0xE2));
        }
        byte[] once = ProducerFiles.insertAfterAppSegments(base, ProducerFiles.iccChunk(1, 1, part));
        assertArrayEquals(part, IccProfile.of(JpegWriter.write(JpegReader.read(once))));
    }

    /** The APPn and COM markers before the first scan, in order. */
    private static List<Integer> markers(byte[] jpeg) {
        List<Integer> found = new ArrayList<>();
        JpegSegments.walk(jpeg, (marker, body, end) -> {
            if (marker == 0xDA) return JpegSegments.STOP;
            if (marker >= 0xE0 && marker <= 0xEF || marker == 0xFE) found.add(marker);
            return end;
        });
        return found;
    }

    @Test
    void featuresTheReaderDoesNotServeAreNamed() {
        byte[] base = JpegInputs.portraitVariants().get("4:4:4 baseline (OpenCV)");
        int sof = indexOf(base, 0xFF, 0xC0);
        assertEquals("arithmetic", reasonFor(patch(base, sof + 1, 0xC9)));
        assertEquals("lossless", reasonFor(patch(base, sof + 1, 0xC3)));
        assertEquals("12-bit", reasonFor(patch(base, sof + 4, 12)));
        assertEquals("malformed", reasonFor(java.util.Arrays.copyOf(base, 300)));
        assertEquals("malformed", reasonFor(new byte[] {1, 2, 3, 4}));
    }

    private static String reasonFor(byte[] jpeg) {
        return assertThrows(JpegUnsupportedException.class, () -> JpegReader.read(jpeg)).reason();
    }

    private static byte[] patch(byte[] b, int at, int value) {
        byte[] c = b.clone();
        c[at] = (byte) value;
        return c;
    }

    static int indexOf(byte[] b, int... pattern) {
        byte[] p = new byte[pattern.length];
        for (int i = 0; i < p.length; i++) p[i] = (byte) pattern[i];
        return indexOf(b, p);
    }

    static int indexOf(byte[] b, byte[] p) {
        outer:
        for (int i = 0; i + p.length <= b.length; i++) {
            for (int j = 0; j < p.length; j++) if (b[i + j] != p[j]) continue outer;
            return i;
        }
        return -1;
    }
}
