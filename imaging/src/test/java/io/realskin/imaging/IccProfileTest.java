package io.realskin.imaging;

import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IccProfileTest {
    private static final byte[] PROFILE = ProducerFiles.iccProfile(150_000);

    /** Over three APP2 segments, as a camera or an editor splits a large profile; the image still probes and decodes. */
    @Test
    void aJpegsProfileIsReadFromItsSegmentsAndWrittenBack() throws IOException {
        byte[] jpeg = TestImages.jpeg(64, 48, false, false, 0);
        assertNull(IccProfile.of(jpeg));
        assertArrayEquals(PROFILE, IccProfile.of(TestImages.insertAfterSoi(jpeg, ProducerFiles.iccSegments(150_000))));
        byte[] written = embed(jpeg, ImageFormat.JPEG, PROFILE, 3);
        assertArrayEquals(PROFILE, IccProfile.of(written));
        assertTrue(ImageProbe.probe(written).complete());
        assertArrayEquals(jpeg, withoutIcc(written), "the segments are inserted, nothing else moves");
    }

    @Test
    void aPngsIccpIsReadAndWrittenBeforeTheImageData() throws IOException {
        byte[] png = TestPngs.image(40, 30, 8, 2, false);
        byte[] written = embed(png, ImageFormat.PNG, PROFILE, 3);
        assertArrayEquals(PROFILE, IccProfile.of(written));
        assertTrue(PngData.verify(written).proven());
        assertEquals(40, ImageIO.read(new ByteArrayInputStream(written)).getWidth());
    }

    /** libwebp writes one image chunk: the file becomes an extended one, VP8X (its ICC flag, its size) and ICCP first. */
    @Test
    void aWebpGetsItsIccpInAnExtendedFile() {
        int size = 39 | 29 << 14; // 40x30, no alpha: the VP8L header's 14-bit sides less one
        byte[] vp8l = ImageProbeTest.webp("VP8L", new byte[] {0x2F, (byte) size, (byte) (size >> 8), (byte) (size >> 16), 0, 0, 0, 0});
        byte[] written = embed(vp8l, ImageFormat.WEBP, PROFILE, 3);
        assertArrayEquals(PROFILE, IccProfile.of(written));
        assertEquals("VP8X", new String(written, 12, 4, java.nio.charset.StandardCharsets.US_ASCII));
        ImageInfo info = ImageProbe.probe(written);
        assertEquals(40, info.width());
        assertEquals(30, info.height());
        assertEquals(3, info.channels());
    }

    /**
     * libwebp writes a lossy image with alpha as an extended file already (VP8X, ALPH, VP8): the profile still goes in,
     * right after the VP8X, whose alpha flag stays; the image chunks are kept as they were.
     */
    @Test
    void anEncodersExtendedWebpWithAlphaGetsItsIccpAfterTheVp8x() {
        nu.pattern.OpenCV.loadLocally();
        Mat bgra = new Mat(30, 40, CvType.CV_8UC4, new Scalar(40, 90, 160, 128));
        MatOfByte encoded = new MatOfByte();
        Imgcodecs.imencode(".webp", bgra, encoded, new MatOfInt(Imgcodecs.IMWRITE_WEBP_QUALITY, 90));
        byte[] webp = encoded.toArray();
        assertEquals("VP8X", Bytes.ascii(webp, 12, 4), "libwebp's own file for lossy + alpha");
        byte[] written = embed(webp, ImageFormat.WEBP, PROFILE, 4);
        assertArrayEquals(PROFILE, IccProfile.of(written));
        assertEquals(List.of("VP8X", "ICCP", "ALPH", "VP8 "), chunkTypes(written));
        assertEquals(Vp8x.ICC | Vp8x.ALPHA, written[12 + Vp8x.FLAGS_AT] & 0xFF);
        assertEquals(4, ImageProbe.probe(written).channels());
        assertEquals(0.0, Core.norm(Imgcodecs.imdecode(new MatOfByte(webp), Imgcodecs.IMREAD_UNCHANGED),
                Imgcodecs.imdecode(new MatOfByte(written), Imgcodecs.IMREAD_UNCHANGED), Core.NORM_INF));
    }

    private static List<String> chunkTypes(byte[] webp) {
        List<String> types = new ArrayList<>();
        WebpChunks.walk(webp, ChunkOverrun.REFUSE, (type, body, end, next) -> types.add(type));
        return types;
    }

    @Test
    void aProfileOfAnotherColourSpaceOrNoneLeavesTheFileAsItIs() {
        byte[] png = TestPngs.image(40, 30, 8, 0, false);
        assertFalse(IccProfile.describes(PROFILE, 1));
        assertArrayEquals(png, embed(png, ImageFormat.PNG, PROFILE, 1), "an RGB profile on gray pixels");
        assertArrayEquals(png, embed(png, ImageFormat.PNG, null, 3));
    }

    /**
     * A profile describes pixels only when its header holds together: its size field is its length and 'acsp' is at
     * byte 36 (ICC.1 7.2), as well as its colour space fitting. Until 2026-12-07 only the colour space was looked at.
     */
    @Test
    void aProfileDescribesPixelsOnlyWhenItsHeaderHoldsTogether() {
        assertTrue(IccProfile.describes(PROFILE, 3));
        assertTrue(IccProfile.describes(PROFILE, 4));
        byte[] noSignature = PROFILE.clone();
        noSignature[36] = 'x';
        assertFalse(IccProfile.describes(noSignature, 3), "no 'acsp'");
        assertFalse(IccProfile.describes(Arrays.copyOf(PROFILE, PROFILE.length - 1), 3), "shorter than its size field");
        assertFalse(IccProfile.describes(Arrays.copyOf(PROFILE, PROFILE.length + 4), 3), "longer than its size field");
        byte[] random = new byte[5_000];
        new java.util.Random(7).nextBytes(random);
        System.arraycopy("RGB ".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, random, 16, 4);
        assertFalse(IccProfile.describes(random, 3), "random bytes naming RGB");
    }

    /** iCCP is deflated: one that inflates past the limit is not carried, and costs no more than the limit to find out. */
    @Test
    void aPngProfileInflatingPastTheLimitIsNotRead() {
        byte[] huge = Arrays.copyOf(PROFILE, IccProfile.MAX_BYTES + 1);
        byte[] png = embed(TestPngs.image(40, 30, 8, 2, false), ImageFormat.PNG, huge, 3);
        assertNull(IccProfile.of(png));
    }

    /**
     * Chunks that do not add up to one profile are none (as libjpeg-turbo's jpeg_read_icc_profile reads them): a chunk
     * naming another count, a chunk numbered twice, a chunk 0, a chunk missing. Until 2026-12-06 the last chunk of a
     * number won and the last count decided, so chunks 1 and 2 of three, or of two different profiles, were joined into
     * a "profile" written into every result.
     */
    @Test
    void chunksThatAreNotOneProfileAreNotRead() {
        byte[] jpeg = TestImages.jpeg(64, 48, false, false, 0);
        byte[] one = Arrays.copyOfRange(PROFILE, 0, 65_519);
        byte[] two = Arrays.copyOfRange(PROFILE, 65_519, 131_038);
        byte[] three = Arrays.copyOfRange(PROFILE, 131_038, PROFILE.length);
        byte[] other = ProducerFiles.iccProfile(65_519);
        assertArrayEquals(PROFILE, IccProfile.of(withChunks(jpeg, ProducerFiles.iccChunk(1, 3, one),
                ProducerFiles.iccChunk(3, 3, three), ProducerFiles.iccChunk(2, 3, two))), "in any order");
        assertNoProfile(withChunks(jpeg, ProducerFiles.iccChunk(1, 3, one), ProducerFiles.iccChunk(2, 4, two),
                ProducerFiles.iccChunk(3, 3, three)), "a chunk of another count");
        assertNoProfile(withChunks(jpeg, ProducerFiles.iccChunk(1, 3, one), ProducerFiles.iccChunk(2, 3, other),
                ProducerFiles.iccChunk(2, 3, two), ProducerFiles.iccChunk(3, 3, three)), "chunk 2 twice");
        assertNoProfile(withChunks(jpeg, ProducerFiles.iccChunk(0, 3, other), ProducerFiles.iccChunk(1, 3, one),
                ProducerFiles.iccChunk(2, 3, two), ProducerFiles.iccChunk(3, 3, three)), "a chunk 0");
        assertNoProfile(withChunks(jpeg, ProducerFiles.iccChunk(1, 3, one), ProducerFiles.iccChunk(3, 3, three)),
                "chunk 2 missing");
    }

    /** A JPEG profile over the limit is not read, however it is split. */
    @Test
    void aJpegProfileOverTheLimitIsNotRead() {
        byte[] jpeg = TestImages.jpeg(64, 48, false, false, 0);
        assertNoProfile(TestImages.insertAfterSoi(jpeg, ProducerFiles.iccSegments(IccProfile.MAX_BYTES + 1)), "over the limit");
        assertEquals(IccProfile.MAX_BYTES, IccProfile.of(TestImages.insertAfterSoi(jpeg, ProducerFiles.iccSegments(IccProfile.MAX_BYTES))).length);
    }

    /** Without printing the profile that was read, which can be megabytes. */
    private static byte[] embed(byte[] encoded, ImageFormat format, byte[] profile, int channels) {
        return ResultFiles.embed(encoded, format, CarriedMetadata.iccOnly(profile), channels);
    }

    private static void assertNoProfile(byte[] image, String why) {
        byte[] read = IccProfile.of(image);
        assertTrue(read == null, why + ": read " + (read == null ? 0 : read.length) + " bytes");
    }

    private static byte[] withChunks(byte[] jpeg, byte[]... chunks) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] chunk : chunks) all.writeBytes(chunk);
        return TestImages.insertAfterSoi(jpeg, all.toByteArray());
    }

    /** The file with its ICC_PROFILE segments taken out again. */
    private static byte[] withoutIcc(byte[] jpeg) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int pos = 2;
        out.write(jpeg, 0, 2);
        while ((jpeg[pos + 1] & 0xFF) != 0xDA) {
            int end = pos + 2 + ((jpeg[pos + 2] & 0xFF) << 8 | jpeg[pos + 3] & 0xFF);
            if (!((jpeg[pos + 1] & 0xFF) == 0xE2 && new String(jpeg, pos + 4, 11, java.nio.charset.StandardCharsets.US_ASCII).equals("ICC_PROFILE"))) {
                out.write(jpeg, pos, end - pos);
            }
            pos = end;
        }
        out.write(jpeg, pos, jpeg.length - pos);
        return out.toByteArray();
    }
}
