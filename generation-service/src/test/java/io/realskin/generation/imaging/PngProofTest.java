package io.realskin.generation.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.ImageProbe;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.imaging.PngData;
import io.realskin.imaging.PngDataTest;
import io.realskin.imaging.TestImages;
import io.realskin.imaging.TestPngs;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * {@link PngData} against libpng itself (OpenCV's decoder): every PNG it proves decodes, and every PNG it refuses
 * does not, for PNGs written by OpenCV, by javax.imageio and by hand (Adam7, which OpenCV's encoder does not write),
 * and for damaged copies of them.
 */
class PngProofTest {
    static {
        OpenCv.load();
    }

    private final ImageChecks checks = new ImageChecks(ImageLimits.DEFAULT);

    static Stream<Arguments> encodings() {
        List<Arguments> all = new ArrayList<>();
        int[][] opencv = {{CvType.CV_8UC1}, {CvType.CV_16UC1}, {CvType.CV_8UC3}, {CvType.CV_16UC3}, {CvType.CV_8UC4}, {CvType.CV_16UC4},
            {CvType.CV_8UC3, Imgcodecs.IMWRITE_PNG_COMPRESSION, 0}, {CvType.CV_8UC3, Imgcodecs.IMWRITE_PNG_COMPRESSION, 9},
            {CvType.CV_8UC3, Imgcodecs.IMWRITE_PNG_STRATEGY, Imgcodecs.IMWRITE_PNG_STRATEGY_RLE},
            {CvType.CV_8UC3, Imgcodecs.IMWRITE_PNG_STRATEGY, Imgcodecs.IMWRITE_PNG_STRATEGY_FIXED},
            {CvType.CV_8UC3, Imgcodecs.IMWRITE_PNG_STRATEGY, Imgcodecs.IMWRITE_PNG_STRATEGY_HUFFMAN_ONLY},
            {CvType.CV_8UC1, Imgcodecs.IMWRITE_PNG_BILEVEL, 1}};
        for (int[] e : opencv) {
            all.add(Arguments.of("OpenCV " + CvType.typeToString(e[0]) + (e.length > 1 ? " flag " + e[1] + "=" + e[2] : ""), opencv(e)));
        }
        for (int type : new int[] {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY, BufferedImage.TYPE_3BYTE_BGR,
            BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_BYTE_BINARY, BufferedImage.TYPE_BYTE_INDEXED}) {
            for (boolean adam7 : new boolean[] {false, true}) {
                all.add(Arguments.of("javax.imageio type " + type + (adam7 ? ", Adam7" : ""), TestPngs.imageio(type, adam7)));
            }
        }
        int[][] typesAndDepths = {{0, 1}, {0, 2}, {0, 4}, {0, 8}, {0, 16}, {2, 8}, {2, 16}, {3, 1}, {3, 2}, {3, 4}, {3, 8},
            {4, 8}, {4, 16}, {6, 8}, {6, 16}};
        for (int[] t : typesAndDepths) {
            for (boolean adam7 : new boolean[] {false, true}) {
                all.add(Arguments.of("by hand, colour type " + t[0] + ", " + t[1] + "-bit" + (adam7 ? ", Adam7" : ""),
                        TestPngs.image(37, 23, t[1], t[0], adam7)));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void everyEncodingIsProvenAndDecodes(String name, byte[] png) {
        assertTrue(PngData.verify(png).proven(), name);
        Mat decoded = Imgcodecs.imdecode(new MatOfByte(png), Imgcodecs.IMREAD_UNCHANGED);
        assertFalse(decoded.empty(), name + ": proven, yet libpng refuses it");
        assertEquals(ImageProbe.probe(png).width(), decoded.cols());
        decoded.release();
        assertEquals(ImageProbe.probe(png).height(), checks.decodable(png).height());
    }

    /**
     * PngData's own table of broken rules: what it refuses libpng refuses (but what it refuses as a cost limit, which
     * libpng decodes), what it proves libpng decodes.
     */
    @Test
    void eachBrokenRuleIsJudgedAsLibpngJudgesIt() {
        List<String> unprovenDecoded = new ArrayList<>();
        PngDataTest.broken().forEach(arguments -> {
            Object[] a = arguments.get();
            String name = (String) a[0];
            boolean decodes = decodes((byte[]) a[1]);
            switch ((String) a[2]) {
                case "ok" -> assertTrue(decodes, name + ": proven, yet libpng refuses it");
                case "refused" -> assertFalse(decodes, name + ": refused, yet libpng decodes it");
                case "limit" -> assertTrue(decodes, name + ": refused as a cost limit, and libpng decodes it, at that cost");
                default -> unprovenDecoded.add(name + (decodes ? ": decodes" : ": refused by libpng too"));
            }
        });
        System.out.println("unproven, left to the decode: " + unprovenDecoded);
    }

    /** Bases for damage: OpenCV's RGB and javax.imageio's 16-bit gray with ancillary chunks, a 4-bit palette Adam7 with tRNS. */
    static Stream<Arguments> bases() {
        byte[] rgb = withAncillaryChunks(opencv(new int[] {CvType.CV_8UC3}));
        byte[] palette = TestPngs.image(61, 43, 4, 3, true);
        return Stream.of(Arguments.of("OpenCV RGB with tEXt, pHYs, gAMA", rgb),
                Arguments.of("4-bit palette, Adam7, tRNS", insertAfterPlte(palette, TestImages.chunk("tRNS", new byte[] {0, 80, (byte) 160}))),
                Arguments.of("javax.imageio 16-bit gray with tEXt, pHYs, gAMA",
                        withAncillaryChunks(TestPngs.imageio(BufferedImage.TYPE_USHORT_GRAY, false))));
    }

    /**
     * 400 damaged copies of each base, one byte changed (at random in the first 256 bytes or anywhere; a random value
     * or one bit; for every third copy the CRC of the chunk it falls in made right again, so the chunk's rules are
     * judged and not its CRC). Fixed seeds, so a failure names its copy. Copies over the size limits are left out, as
     * ImageChecks refuses them before any decode.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("bases")
    void everyDamagedCopyIsJudgedAsLibpngJudgesIt(String base, byte[] png) {
        assertTrue(PngData.verify(png).proven() && decodes(png), base);
        Random random = new Random(base.hashCode());
        int proven = 0;
        int refused = 0;
        int unproven = 0;
        int unprovenDecoded = 0;
        int overLimits = 0;
        for (int copy = 0; copy < 400; copy++) {
            byte[] damaged = png.clone();
            int at = 8 + random.nextInt(copy % 2 == 0 ? Math.min(256, png.length - 8) : png.length - 8);
            damaged[at] = (byte) (copy % 3 == 1 ? random.nextInt(256) : damaged[at] ^ 1 << random.nextInt(8));
            if (copy % 3 == 0) {
                fixCrc(damaged, at);
            }
            if (overLimits(damaged)) {
                overLimits++;
                continue;
            }
            boolean decodes = decodes(damaged);
            String what = base + ", copy " + copy + ": byte " + at + " changed to " + (damaged[at] & 0xFF);
            try {
                if (PngData.verify(damaged).proven()) {
                    proven++;
                    assertTrue(decodes, what + ": proven, yet libpng refuses it");
                } else {
                    unproven++;
                    unprovenDecoded += decodes ? 1 : 0;
                }
            } catch (ImageRejectedException e) {
                refused++;
                assertFalse(decodes, what + ": refused (" + e.getMessage() + "), yet libpng decodes it");
            }
        }
        System.out.printf("%s: of 400 damaged copies %d proven (each decoded), %d refused (none decoded), %d unproven (%d of them"
                + " decoded), %d over the limits%n", base, proven, refused, unproven, unprovenDecoded, overLimits);
        assertTrue(proven > 0 && refused > 0, "both verdicts seen");
    }

    private static boolean overLimits(byte[] png) {
        try {
            ImageLimits.DEFAULT.check(png.length, ImageProbe.probe(png));
            return false;
        } catch (ImageRejectedException e) {
            return e.code().equals(ImageRejectedException.TOO_LARGE);
        }
    }

    private static boolean decodes(byte[] png) {
        MatOfByte buffer = new MatOfByte(png);
        Mat decoded = Imgcodecs.imdecode(buffer, Imgcodecs.IMREAD_UNCHANGED);
        boolean ok = !decoded.empty();
        decoded.release();
        buffer.release();
        return ok;
    }

    static byte[] opencv(int[] typeAndFlags) {
        Mat image = new Mat(97, 131, typeAndFlags[0]);
        Core.setRNGSeed(typeAndFlags[0]); // the same pixels whatever ran before
        Core.randu(image, 0, CvType.depth(typeAndFlags[0]) == CvType.CV_16U ? 65535 : 255);
        MatOfByte out = new MatOfByte();
        int[] flags = java.util.Arrays.copyOfRange(typeAndFlags, 1, typeAndFlags.length);
        assertTrue(Imgcodecs.imencode(".png", image, out, new MatOfInt(flags)));
        return out.toArray();
    }

    private static byte[] withAncillaryChunks(byte[] png) {
        byte[] text = TestImages.chunk("tEXt", "Software\0a provider".getBytes());
        byte[] phys = TestImages.chunk("pHYs", ByteBuffer.allocate(9).putInt(2835).putInt(2835).put((byte) 1).array());
        byte[] gama = TestImages.chunk("gAMA", ByteBuffer.allocate(4).putInt(45455).array());
        return TestImages.insert(TestImages.insert(png, 33, concat(gama, phys)), png.length + gama.length + phys.length - 12, text);
    }

    private static byte[] insertAfterPlte(byte[] png, byte[] chunk) {
        int plte = 33;
        long length = ByteBuffer.wrap(png, plte, 4).getInt();
        return TestImages.insert(png, (int) (plte + 12 + length), chunk);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return TestImages.insert(a, a.length, b);
    }

    /** Makes the CRC of the chunk that holds byte {@code at} (in its type or data) right again. */
    private static void fixCrc(byte[] png, int at) {
        for (int pos = 8; pos + 12 <= png.length; ) {
            long length = ByteBuffer.wrap(png, pos, 4).getInt() & 0xFFFFFFFFL;
            long end = pos + 12 + length;
            if (end > png.length) {
                return;
            }
            if (at >= pos + 4 && at < end - 4) {
                CRC32 crc = new CRC32();
                crc.update(png, pos + 4, (int) length + 4);
                ByteBuffer.wrap(png, (int) end - 4, 4).putInt((int) crc.getValue());
                return;
            }
            if (at < end) {
                return;
            }
            pos = (int) end;
        }
    }
}
