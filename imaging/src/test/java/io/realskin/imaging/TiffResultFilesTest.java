package io.realskin.imaging;

import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * A TIFF result carries what a JPEG, PNG or WebP result carries but EXIF: the input's ICC profile when it describes the
 * pixels (tag 34675) and its XMP (tag 700), in the first IFD OpenCV's (or any classic) TIFF writer made; its pixels
 * decode as before in OpenCV and javax.imageio. Until 2026-12-07 TIFF results carried nothing, so an Adobe RGB or
 * ProPhoto TIFF came back shown as sRGB, and a TIFF input's profile was not read at all.
 */
class TiffResultFilesTest {
    /** An RGB profile other than sRGB (as Adobe RGB, ProPhoto or Display P3 are), large enough to need its offset. */
    private static final byte[] RGB = ProducerFiles.iccProfile(150_000);
    private static final byte[] GRAY = withSpace(ProducerFiles.iccProfile(3_000), "GRAY");
    private static final byte[] CMYK = withSpace(ProducerFiles.iccProfile(3_000), "CMYK");
    private static final byte[] XMP = ProducerFiles.xmp("xmlns:dc=\"http://purl.org/dc/elements/1.1/\" dc:rights=\"(c) A. Photographer\"");

    static {
        nu.pattern.OpenCV.loadLocally();
    }

    @Test
    void anOpenCvTiffCarriesTheProfileAndXmpAndDecodesToTheSameSamples() {
        for (int depth : new int[] {CvType.CV_8U, CvType.CV_16U}) {
            for (int channels : new int[] {1, 3, 4}) {
                String what = (depth == CvType.CV_8U ? 8 : 16) + "-bit, " + channels + " channels";
                Mat pixels = pattern(40, 30, CvType.makeType(depth, channels));
                byte[] plain = encode(pixels);
                byte[] profile = channels == 1 ? GRAY : RGB;
                byte[] tagged = ResultFiles.embed(plain, ImageFormat.TIFF, carried(profile, XMP), channels);
                assertArrayEquals(profile, IccProfile.of(tagged), what + ": the profile, byte for byte");
                assertArrayEquals(packet(XMP), CarriedMetadata.of(tagged).xmpPacket(), what + ": the XMP packet");
                assertFirstIfdSorted(tagged, what);
                assertEquals(0.0, Core.norm(pixels, decode(tagged), Core.NORM_INF), what + ": OpenCV decodes the same samples");
                // the JDK's reader decodes no 16-bit LZW with a predictor, OpenCV's 16-bit files, tagged or not (16-bit
                // TIFFs it reads: the big-endian test's)
                if (depth == CvType.CV_8U) assertArrayEquals(samples(plain), samples(tagged), what + ": javax.imageio decodes the same samples");
            }
        }
    }

    @Test
    void aProfileThatDoesNotDescribeThePixelsIsNotCarried() {
        byte[] gray = encode(pattern(40, 30, CvType.CV_8UC1));
        byte[] colour = encode(pattern(40, 30, CvType.CV_8UC3));
        assertSame(gray, ResultFiles.embed(gray, ImageFormat.TIFF, carried(RGB, null), 1), "an RGB profile on gray pixels");
        assertSame(colour, ResultFiles.embed(colour, ImageFormat.TIFF, carried(GRAY, null), 3), "a GRAY profile on colour");
        assertSame(colour, ResultFiles.embed(colour, ImageFormat.TIFF, carried(CMYK, null), 3), "CMYK: OpenCV does not apply it");
        byte[] xmpOnly = ResultFiles.embed(colour, ImageFormat.TIFF, carried(CMYK, XMP), 3);
        assertNull(IccProfile.of(xmpOnly));
        assertArrayEquals(packet(XMP), CarriedMetadata.of(xmpOnly).xmpPacket(), "the XMP goes without the profile");
    }

    /** The JDK's writer writes big-endian ("MM") TIFFs: the fields go in in that byte order; a profile there is replaced. */
    @Test
    void aBigEndianTiffInputsFieldsAreReadAndAResultsWrittenInItsByteOrder() {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 30; y++) for (int x = 0; x < 40; x++) image.setRGB(x, y, x * 6 << 16 | y * 8 << 8 | (x + y) * 3);
        byte[] input = ProducerTiffs.jdk(image, RGB, packet(XMP));
        assertEquals('M', input[0]);
        assertArrayEquals(RGB, IccProfile.of(input), "a TIFF input's profile is read");
        assertArrayEquals(packet(XMP), CarriedMetadata.of(input).xmpPacket(), "and its XMP");
        byte[] plain = ProducerTiffs.jdk(image, null, null);
        byte[] tagged = ResultFiles.embed(plain, ImageFormat.TIFF, carried(RGB, XMP), 3);
        assertArrayEquals(RGB, IccProfile.of(tagged));
        assertArrayEquals(packet(XMP), CarriedMetadata.of(tagged).xmpPacket());
        assertFirstIfdSorted(tagged, "big-endian");
        assertArrayEquals(samples(plain), samples(tagged), "javax.imageio decodes the same samples");
        assertEquals(0.0, Core.norm(decode(plain), decode(tagged), Core.NORM_INF), "OpenCV too");
        BufferedImage gray16 = new BufferedImage(40, 30, BufferedImage.TYPE_USHORT_GRAY);
        gray16.getRaster().setPixels(0, 0, 40, 30, samplesOf(pattern(40, 30, CvType.CV_16UC1)));
        byte[] plain16 = ProducerTiffs.jdk(gray16, null, null);
        byte[] tagged16 = ResultFiles.embed(plain16, ImageFormat.TIFF, carried(GRAY, XMP), 1);
        assertArrayEquals(GRAY, IccProfile.of(tagged16));
        assertArrayEquals(samples(plain16), samples(tagged16), "16-bit gray: javax.imageio decodes the same samples");
        assertEquals(0.0, Core.norm(decode(plain16), decode(tagged16), Core.NORM_INF), "16-bit gray: OpenCV too");
        byte[] other = withSpace(ProducerFiles.iccProfile(5_000), "RGB ");
        byte[] replaced = ResultFiles.embed(input, ImageFormat.TIFF, carried(other, null), 3);
        assertArrayEquals(other, IccProfile.of(replaced), "the file's own profile is replaced, not joined by a second");
        assertEquals(List.of(1), tags(replaced).stream().filter(t -> t == 34675).map(t -> 1).toList());
    }

    private static CarriedMetadata carried(byte[] icc, byte[] xmp) {
        return new CarriedMetadata(icc, null, xmp, null);
    }

    private static byte[] packet(byte[] app1) {
        return Arrays.copyOfRange(app1, 4 + EmbeddedPreviews.XMP.length, app1.length);
    }

    private static byte[] withSpace(byte[] profile, String space) {
        System.arraycopy(ProducerFiles.ascii(space), 0, profile, 16, 4);
        return profile;
    }

    /** Samples without a symmetry, spread over the depth's whole range. */
    private static Mat pattern(int width, int height, int type) {
        Mat m = new Mat(height, width, type);
        int n = width * height * m.channels();
        if (CvType.depth(type) == CvType.CV_8U) {
            byte[] px = new byte[n];
            for (int i = 0; i < n; i++) px[i] = (byte) (i * 37 % 251);
            m.put(0, 0, px);
        } else {
            short[] px = new short[n];
            for (int i = 0; i < n; i++) px[i] = (short) (i * 7919 % 65_521);
            m.put(0, 0, px);
        }
        return m;
    }

    private static int[] samplesOf(Mat m) {
        short[] px = new short[(int) m.total() * m.channels()];
        m.get(0, 0, px);
        int[] out = new int[px.length];
        for (int i = 0; i < px.length; i++) out[i] = px[i] & 0xFFFF;
        return out;
    }

    private static byte[] encode(Mat pixels) {
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(".tif", pixels, out);
        return out.toArray();
    }

    private static Mat decode(byte[] tiff) {
        return Imgcodecs.imdecode(new MatOfByte(tiff), Imgcodecs.IMREAD_UNCHANGED);
    }

    private static int[] samples(byte[] tiff) {
        try {
            Raster r = ImageIO.read(new ByteArrayInputStream(tiff)).getRaster();
            return r.getPixels(0, 0, r.getWidth(), r.getHeight(), (int[]) null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Integer> tags(byte[] tiff) {
        Tiff t = new Tiff(tiff, 0, tiff.length);
        int ifd = t.firstIfd();
        List<Integer> tags = new ArrayList<>();
        for (int i = 0; i < t.u16(ifd); i++) tags.add(t.u16(ifd + 2 + 12 * i));
        return tags;
    }

    /** TIFF 6.0: an IFD on a word boundary, its entries in ascending order of tag. */
    private static void assertFirstIfdSorted(byte[] tiff, String what) {
        assertEquals(0, new Tiff(tiff, 0, tiff.length).firstIfd() % 2, what + ": the IFD on a word boundary");
        List<Integer> tags = tags(tiff);
        List<Integer> sorted = new ArrayList<>(tags);
        sorted.sort(null);
        assertEquals(sorted, tags, what + ": entries sorted by tag");
    }
}
