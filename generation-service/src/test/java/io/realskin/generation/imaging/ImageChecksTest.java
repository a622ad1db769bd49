package io.realskin.generation.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.generation.stub.StubImages;
import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.ImageProbe;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.imaging.TestImages;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;

/** An answer is an image only if its header passes the limits and all of it decodes. */
class ImageChecksTest {
    private final ImageChecks checks = new ImageChecks(ImageLimits.DEFAULT);

    /** JPEG encodings a provider may send, made by libjpeg itself (OpenCV's encoder). */
    static Stream<Arguments> jpegEncodings() {
        return Stream.of(
                Arguments.of("baseline 4:2:0", new int[] {}),
                Arguments.of("baseline 4:4:4", new int[] {Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR, Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_444}),
                Arguments.of("baseline 4:2:2, restart markers", new int[] {Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR,
                    Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_422, Imgcodecs.IMWRITE_JPEG_RST_INTERVAL, 5}),
                Arguments.of("optimised Huffman tables", new int[] {Imgcodecs.IMWRITE_JPEG_OPTIMIZE, 1}),
                Arguments.of("progressive", new int[] {Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1}),
                Arguments.of("quality 100", new int[] {Imgcodecs.IMWRITE_JPEG_QUALITY, 100}));
    }

    /** Where the scan walk stands in for the proof decode ({@link ImageInfo#verified()}), libjpeg must decode the image in full colour. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jpegEncodings")
    void aJpegTheWalkVerifiesIsOneLibjpegDecodes(String encoding, int[] params) {
        byte[] jpeg = opencvJpeg(params);
        ImageInfo info = ImageProbe.probe(jpeg);
        assertTrue(info.verified(), "verified by the walk");
        Mat decoded = Imgcodecs.imdecode(new MatOfByte(jpeg), Imgcodecs.IMREAD_COLOR);
        assertEquals(new Size(320, 200), decoded.size(), "libjpeg's full decode");
        assertEquals(new CheckedImage(ImageFormat.JPEG, 320, 200), checks.decodable(jpeg));
    }

    /** The walk finds every scan whole, but the frame names a quantisation table the file never defines: libjpeg refuses it. */
    @Test
    void aJpegWithWholeScansThatLibjpegRefusesIsBad() {
        byte[] jpeg = opencvJpeg(new int[] {});
        int sof = indexOf(jpeg, (byte) 0xFF, (byte) 0xC0);
        jpeg[sof + 12] = 3; // the luma's table: libjpeg's encoder defines 0 and 1
        assertTrue(ImageProbe.probe(jpeg).complete());
        assertFalse(ImageProbe.probe(jpeg).verified());
        assertEquals(ImageRejectedException.BAD_IMAGE,
                assertThrows(ImageRejectedException.class, () -> checks.decodable(jpeg)).code());
    }

    /**
     * Damaged copies of libjpeg's own files, a byte changed in the headers or the data: whatever the walk verifies,
     * libjpeg must decode. Fixed seeds, so a failure names its copy.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jpegEncodings")
    void noDamagedJpegTheWalkVerifiesIsOneLibjpegRefuses(String encoding, int[] params) {
        byte[] jpeg = opencvJpeg(params);
        Random random = new Random(encoding.hashCode());
        int verified = 0;
        for (int copy = 0; copy < 250; copy++) {
            byte[] damaged = jpeg.clone();
            int at = copy % 2 == 0 ? 2 + random.nextInt(Math.min(620, jpeg.length - 4)) : 2 + random.nextInt(jpeg.length - 4);
            damaged[at] = (byte) (copy % 3 == 0 ? random.nextInt(256) : damaged[at] ^ (1 << random.nextInt(8)));
            ImageInfo info;
            try {
                info = ImageProbe.probe(damaged);
            } catch (ImageRejectedException e) {
                continue;
            }
            if (info.verified()) {
                verified++;
                Mat decoded = Imgcodecs.imdecode(new MatOfByte(damaged), Imgcodecs.IMREAD_COLOR);
                assertFalse(decoded.empty(), encoding + ", copy " + copy + ": byte " + at + " changed; verified, yet libjpeg refuses it");
            }
        }
        System.out.println(encoding + ": " + verified + " damaged copies of 250 verified, each decoded");
        assertTrue(verified > 0, "some damaged copies still verify: " + verified);
    }

    private static byte[] opencvJpeg(int[] params) {
        Mat image = new Mat(200, 320, CvType.CV_8UC3);
        Core.randu(image, 0, 255);
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(".jpg", image, out, new MatOfInt(params));
        return out.toArray();
    }

    @Test
    void aValidImagePassesWithItsSize() {
        CheckedImage png = checks.decodable(StubImages.synthetic(640, 480, "png"));
        assertEquals(new CheckedImage(ImageFormat.PNG, 640, 480), png);
        assertEquals("image/jpeg", checks.decodable(StubImages.synthetic(320, 200, "jpg")).contentType());
    }

    @Test
    void aTruncatedImageIsBad() {
        byte[] png = StubImages.synthetic(640, 480, "png");
        ImageRejectedException e = assertThrows(ImageRejectedException.class,
                () -> checks.decodable(Arrays.copyOf(png, png.length / 2)));
        assertEquals(ImageRejectedException.BAD_IMAGE, e.code());
    }

    @Test
    void aHeaderOverFiftyMegapixelsIsRefusedBeforeDecoding() {
        byte[] png = StubImages.synthetic(64, 64, "png").clone();
        ByteBuffer.wrap(png, 16, 8).putInt(10_000).putInt(10_000); // IHDR width, height
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        ByteBuffer.wrap(png, 29, 4).putInt((int) crc.getValue());
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> checks.decodable(png));
        assertEquals(ImageRejectedException.TOO_LARGE, e.code());
    }

    @Test
    void aCompleteLookingImageWhoseDataIsBrokenIsBad() {
        byte[] png = StubImages.synthetic(640, 480, "png").clone();
        for (int i = png.length / 3; i < png.length / 3 + 2000; i++) {
            png[i] ^= 0x5A;
        }
        assertEquals(ImageRejectedException.BAD_IMAGE,
                assertThrows(ImageRejectedException.class, () -> checks.decodable(png)).code());
    }

    @Test
    void aJpegWhoseHeaderIsFineButWhoseHuffmanTableIsBogusIsBad() {
        byte[] jpg = StubImages.synthetic(640, 480, "jpg").clone();
        int dht = indexOf(jpg, (byte) 0xFF, (byte) 0xC4);
        Arrays.fill(jpg, dht + 5, dht + 5 + 16, (byte) 0xFF); // the code counts of the first table: far more than 256 codes
        assertEquals(new CheckedImage(ImageFormat.JPEG, 640, 480), checks.header(jpg), "the header alone passes");
        assertEquals(ImageRejectedException.BAD_IMAGE,
                assertThrows(ImageRejectedException.class, () -> checks.decodable(jpg)).code());
    }

    /**
     * A provider's JPEG whose header announces more than the limits over scan data that is broken: refused from the header,
     * before its scans are walked (the walk goes over the frame a header announces: 18 s for a 100 KB file whose header
     * said 60000x60000), as too_large, not as the bad_image the walk would end in.
     */
    @Test
    void aJpegHeaderOverTheLimitsIsRefusedBeforeItsDataIsWalked() {
        byte[] jpg = TestImages.oversizedHeaderOverCorruptData(10_000, 6_000);
        assertEquals(ImageRejectedException.TOO_LARGE, assertThrows(ImageRejectedException.class, () -> checks.decodable(jpg)).code());
        assertEquals(ImageRejectedException.TOO_LARGE, assertThrows(ImageRejectedException.class, () -> checks.header(jpg)).code());
    }

    @Test
    void overThirtyMebibytesIsTooLarge() {
        assertEquals(ImageRejectedException.TOO_LARGE, assertThrows(ImageRejectedException.class,
                () -> checks.header(new byte[(int) ImageLimits.DEFAULT.maxBytes() + 1])).code());
    }

    private static int indexOf(byte[] bytes, byte first, byte second) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == first && bytes[i + 1] == second) {
                return i;
            }
        }
        throw new IllegalArgumentException("marker not found");
    }
}
