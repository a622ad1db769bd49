package io.realskin.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Headers built byte by byte, one per row: what the probe reads from each (size, channels, depth, orientation,
 * completeness) and what it refuses as bad_image before anything is decoded.
 */
class ImageProbeHeadersTest {
    /** A lossy WebP's VP8 data: frame tag (key frame), start code 9D 01 2A, 14-bit width 37 and height 21. */
    static final byte[] VP8_37X21 = {0x50, 0x01, 0x00, (byte) 0x9D, 0x01, 0x2A, 37, 0x40, 21, (byte) 0x80};

    static Stream<Arguments> refused() {
        byte[] animated = {0x12, 0, 0, 0, 9, 0, 0, 9, 0, 0}; // VP8X flags: alpha and animation
        byte[] vp8x = {0x10, 0, 0, 0, 9, 0, 0, 9, 0, 0};
        return Stream.of(
                Arguments.of("null", null, "not an image: 0 bytes"),
                Arguments.of("11 bytes", new byte[11], "not an image: 11 bytes"),
                Arguments.of("a GIF", "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1),
                        "GIF is not read here: send a JPEG, PNG, WebP, TIFF or BMP image"),
                Arguments.of("a BMP signature with less than a header", Arrays.copyOf("BM".getBytes(StandardCharsets.US_ASCII), 30),
                        "not a JPEG, PNG, WebP, TIFF or BMP image"),
                Arguments.of("a PNG of width 0", TestImages.png(0, 10), "corrupt PNG: IHDR size 0x10"),
                Arguments.of("a PNG of width 2^31", TestImages.png(Integer.MIN_VALUE, 10), "corrupt PNG: IHDR size 2147483648x10"),
                // libpng's limits as OpenCV builds it: each refused here, at upload, not by the worker's decode
                Arguments.of("a PNG 1,000,001 px wide (1 MP)", TestImages.png(1_000_001, 1), "IHDR size 1000001x1 (libpng takes sides of 1 to 1000000)"),
                Arguments.of("a PNG 1,000,001 px high (1 MP)", TestImages.png(1, 1_000_001), "IHDR size 1x1000001"),
                Arguments.of("an RGB PNG of bit depth 4", TestImages.png(10, 10, 4, 2, true), "IHDR colour type 2 with bit depth 4"),
                Arguments.of("a PNG of colour type 5", TestImages.png(10, 10, 8, 5, true), "IHDR colour type 5 with bit depth 8"),
                Arguments.of("a PNG whose IHDR is 14 bytes", pngWithLongIhdr(), "IHDR chunk of 14 bytes (13 expected)"),
                Arguments.of("a PNG with an 8,000,001-byte text chunk", TestImages.insert(TestImages.png(10, 10), 33,
                        TestImages.chunk("tEXt", new byte[8_000_001])), "tEXt chunk of 8000001 bytes, over libpng's limit of 8000000"),
                Arguments.of("a PNG whose IDAT claims more than its rows can take", pngWithIdatLength(10, 10, 0x7FFF_FFFFL),
                        "IDAT chunk of 2147483647 bytes, over libpng's limit of 8000000"),
                Arguments.of("an APNG of 2 frames, IDAT the first", ProducerPngs.animated(TestImages.png(10, 10), 2, true), "animated PNG (APNG): one image per upload"),
                Arguments.of("an APNG whose IDAT is a default image outside its one frame", ProducerPngs.animated(TestImages.png(10, 10), 1, false),
                        "animated PNG (APNG)"),
                Arguments.of("a PNG whose first chunk is not IHDR", pngStartingWith("IDAT"), "PNG without IHDR"),
                Arguments.of("a JPEG without a frame header", jpegWithoutFrame(), "JPEG without a frame header"),
                Arguments.of("a JPEG of height 0 (a DNL marker's)", jpeg(0xC0, 8, 16, 0, 3), "image header gives no size (16x0)"),
                Arguments.of("a JPEG with a byte that is no marker", corruptMarker(), "corrupt JPEG marker at byte"),
                Arguments.of("a JPEG segment of length 1", bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0),
                        "corrupt JPEG segment length"),
                Arguments.of("a JPEG cut inside its frame header",
                        bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 17, 8, 0), "image header is truncated"),
                Arguments.of("an animated WebP", ImageProbeTest.webp("VP8X", animated), "animated WebP"),
                Arguments.of("a WebP header without image data", ImageProbeTest.webp(ImageProbeTest.chunk("VP8X", vp8x),
                        ImageProbeTest.chunk("EXIF", new byte[6])), "WebP without image data"),
                Arguments.of("a WebP of an unknown kind", ImageProbeTest.webp("VP9 ", new byte[10]), "unknown WebP chunk VP9 "),
                // libwebp refuses a still image whose canvas is not the size its image data codes: 10x10 around 37x21
                Arguments.of("a WebP whose canvas is not its image's size", ImageProbeTest.webp(ImageProbeTest.chunk("VP8X", vp8x),
                        ImageProbeTest.chunk("VP8 ", VP8_37X21)), "corrupt WebP: its canvas is 10x10 but its image data codes 37x21"),
                Arguments.of("a WebP whose VP8 data is no key frame", ImageProbeTest.webp("VP8 ", new byte[10]),
                        "corrupt WebP: its VP8 data does not start with a key frame"),
                Arguments.of("a WebP whose VP8L data has no signature", ImageProbeTest.webp("VP8L", new byte[5]),
                        "corrupt WebP: its VP8L data does not start with the lossless signature"),
                Arguments.of("a TIFF of two pages", new Tiff(ByteOrder.LITTLE_ENDIAN).nextPage().bytes(),
                        "TIFF with more than one image"),
                Arguments.of("a TIFF whose strips are empty", new Tiff(ByteOrder.BIG_ENDIAN).stripBytes(0).bytes(),
                        "TIFF without image data (its strips are empty)"),
                // OpenCV decodes signed samples as they are stored and the engine's 8-bit view clipped them: posterised
                Arguments.of("a TIFF of signed 16-bit samples", new Tiff(ByteOrder.BIG_ENDIAN).samples(3, 16).sampleFormat(2).bytes(),
                        "TIFF of signed-integer samples is not read: save it with unsigned samples"),
                Arguments.of("a TIFF of signed 8-bit samples", new Tiff(ByteOrder.LITTLE_ENDIAN).samples(1, 8).sampleFormat(2).bytes(),
                        "TIFF of signed-integer samples is not read: save it with unsigned samples"),
                Arguments.of("a TIFF whose first image is past the end",
                        bytes('I', 'I', 42, 0, 0, 0x10, 0, 0, 0, 0, 0, 0), "image header is truncated"),
                Arguments.of("a BMP of width 0", bmp(0, 4, 24, 0), "image header gives no size (0x4)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedAsBadImageWithTheReason(String what, byte[] bytes, String reason) {
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> ImageProbe.probe(bytes));
        assertEquals(ImageRejectedException.BAD_IMAGE, e.code());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @ParameterizedTest(name = "JPEG SOF{0} {1}-bit, {2} components: {3} channels of {4} bytes")
    @CsvSource({
        "0, 8,  3, 3, 1",
        "0, 8,  1, 1, 1",   // grayscale
        "0, 8,  4, 4, 1",   // CMYK
        "2, 8,  3, 3, 1",   // progressive
        "1, 8,  3, 3, 1",   // extended (12-bit and lossless ones are refused: ImageProbeProducerFilesTest)
    })
    void aJpegFrameHeaderGivesChannelsAndDepth(int sof, int precision, int components, int channels, int bytesPerSample) {
        ImageInfo info = ImageProbe.probe(jpeg(0xC0 + sof, precision, 640, 480, components));
        assertEquals(ImageFormat.JPEG, info.format());
        assertEquals(640, info.width());
        assertEquals(480, info.height());
        assertEquals(channels, info.channels());
        assertEquals(bytesPerSample, info.bytesPerSample());
        assertTrue(info.complete());
    }

    @Test
    void markersThatAreNoFrameHeaderDoNotSizeTheImage() {
        // DHT (C4), JPG (C8) and DAC (CC) sit among the SOF numbers; a DHT before the frame header must be skipped
        byte[] dhtFirst = TestImages.insertAfterSoi(jpeg(0xC0, 8, 32, 16, 3), bytes(0xFF, 0xC4, 0, 6, 0, 0, 0, 0));
        ImageInfo info = ImageProbe.probe(dhtFirst);
        assertEquals(32, info.width());
        assertEquals(16, info.height());
    }

    @ParameterizedTest(name = "EXIF orientation {0} reads as {1}")
    @CsvSource({"1, 1", "3, 3", "6, 6", "8, 8", "0, 1", "9, 1", "65535, 1"})
    void theExifOrientationIsReadAndNonsenseIsTheIdentity(int stored, int read) {
        byte[] withExif = TestImages.insertAfterSoi(jpeg(0xC0, 8, 20, 10, 3), TestImages.exifSegment(stored, 8));
        assertEquals(read, ImageProbe.probe(withExif).orientation());
    }

    @Test
    void aBrokenExifBlockLeavesTheImageReadable() {
        byte[] ifdPastTheEnd = TestImages.insertAfterSoi(jpeg(0xC0, 8, 20, 10, 3), TestImages.exifSegment(6, 0x7FFFFFF0));
        ImageInfo info = ImageProbe.probe(ifdPastTheEnd);
        assertEquals(1, info.orientation());
        assertEquals(20, info.width());
    }

    @Test
    void aJpegWithoutItsEndMarkerIsIncomplete() {
        byte[] full = jpeg(0xC0, 8, 20, 10, 3);
        assertTrue(ImageProbe.probe(full).complete());
        assertFalse(ImageProbe.probe(Arrays.copyOf(full, full.length - 2)).complete());
    }

    @ParameterizedTest(name = "PNG colour type {0}, {1}-bit, tRNS {2}: {3} channels of {4} bytes")
    @CsvSource({
        "0, 8,  false, 1, 1",   // gray
        "0, 16, false, 1, 2",
        "0, 8,  true,  4, 1",   // gray with a transparent colour
        "2, 8,  false, 3, 1",   // RGB
        "2, 16, true,  4, 2",
        "3, 8,  false, 3, 1",   // palette
        "3, 4,  true,  4, 1",   // palette with transparency
        "4, 8,  false, 4, 1",   // gray and alpha
        "6, 16, false, 4, 2",   // RGBA
    })
    void aPngHeaderGivesWhatTheDecoderWillAllocate(int colourType, int bitDepth, boolean transparency, int channels, int bytesPerSample) {
        byte[] png = TestImages.png(300, 200, bitDepth, colourType, true);
        if (transparency) {
            png = TestImages.insert(png, 33, TestImages.chunk("tRNS", new byte[2])); // after the signature and IHDR
        }
        ImageInfo info = ImageProbe.probe(png);
        assertEquals(channels, info.channels());
        assertEquals(bytesPerSample, info.bytesPerSample());
        assertEquals(300L * 200 * channels * bytesPerSample, info.decodedBytes());
    }

    @Test
    void aPngCutBeforeItsEndIsIncomplete() {
        byte[] png = TestImages.png(30, 20);
        assertFalse(ImageProbe.probe(Arrays.copyOf(png, png.length - 12)).complete(), "IEND missing");
        assertFalse(ImageProbe.probe(Arrays.copyOf(png, png.length - 13)).complete(), "cut inside IDAT");
    }

    @ParameterizedTest(name = "TIFF {0}: {1} samples of {2} bits, orientation {3}")
    @CsvSource({
        "LITTLE_ENDIAN, 1, 8,  1, 1, 1",
        "BIG_ENDIAN,    1, 16, 1, 1, 2",
        "BIG_ENDIAN,    2, 8,  1, 4, 1",   // gray and alpha
        "LITTLE_ENDIAN, 3, 8,  6, 3, 1",
        "BIG_ENDIAN,    3, 16, 8, 3, 2",
        "LITTLE_ENDIAN, 4, 32, 5, 4, 4",
        "BIG_ENDIAN,    3, 8,  0, 3, 1",   // an orientation out of range is the identity
    })
    void aTiffInEitherByteOrderGivesSizeChannelsDepthAndOrientation(String order, int samples, int bits, int orientation,
                                                                    int channels, int bytesPerSample) {
        Tiff tiff = new Tiff("BIG_ENDIAN".equals(order) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                .samples(samples, bits).orientation(orientation);
        ImageInfo info = ImageProbe.probe(tiff.bytes());
        assertEquals(ImageFormat.TIFF, info.format());
        assertEquals(Tiff.WIDTH, info.width());
        assertEquals(Tiff.HEIGHT, info.height());
        assertEquals(channels, info.channels());
        assertEquals(bytesPerSample, info.bytesPerSample());
        assertEquals(orientation >= 1 && orientation <= 8 ? orientation : 1, info.orientation());
        assertTrue(info.complete());
    }

    @Test
    void aTiffStripPastTheEndIsIncomplete() {
        assertFalse(ImageProbe.probe(new Tiff(ByteOrder.BIG_ENDIAN).stripBytes(1_000_000).bytes()).complete());
    }

    @ParameterizedTest(name = "BMP {0}x{1} at {2} bpp: {3} channels")
    @CsvSource({
        "3, 2,  24, 3",
        "3, -2, 24, 3",   // a negative height is a top-down bitmap
        "5, 3,  32, 4",
        "7, 1,  8,  3",   // palette
        "1, 1,  1,  3",
    })
    void aBmpGivesItsSizeAndIsCompleteWhenItsRowsAreThere(int width, int height, int bitsPerPixel, int channels) {
        long stride = ((long) bitsPerPixel * width + 31) / 32 * 4;
        int rows = (int) (stride * Math.abs(height));
        byte[] bmp = bmp(width, height, bitsPerPixel, rows);
        ImageInfo info = ImageProbe.probe(bmp);
        assertEquals(width, info.width());
        assertEquals(Math.abs(height), info.height());
        assertEquals(channels, info.channels());
        assertTrue(info.complete());
        assertFalse(ImageProbe.probe(Arrays.copyOf(bmp, bmp.length - 1)).complete(), "one byte of the last row missing");
    }

    @Test
    void aLosslessWebpWithAlphaDecodesToFourChannels() {
        int bits = (37 - 1) | (21 - 1) << 14 | 1 << 28;
        byte[] vp8l = {0x2F, (byte) bits, (byte) (bits >>> 8), (byte) (bits >>> 16), (byte) (bits >>> 24)};
        ImageInfo info = ImageProbe.probe(ImageProbeTest.webp("VP8L", vp8l));
        assertEquals(37, info.width());
        assertEquals(4, info.channels());
    }

    /** A baseline-shaped JPEG: SOI, one frame header (SOFn), one scan with a byte of data, EOI. */
    static byte[] jpeg(int sofMarker, int precision, int width, int height, int components) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(0xFF, 0xD8));
        out.writeBytes(bytes(0xFF, sofMarker, 0, 8 + 3 * components, precision, height >> 8, height, width >> 8, width, components));
        for (int c = 1; c <= components; c++) {
            out.writeBytes(bytes(c, 0x11, 0));
        }
        out.writeBytes(bytes(0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0, 0x12, 0x34, 0xFF, 0xD9));
        return out.toByteArray();
    }

    private static byte[] jpegWithoutFrame() {
        return bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 8, 'J', 'F', 'I', 'F', 0, 1, 0xFF, 0xDA, 0, 2, 0xFF, 0xD9);
    }

    private static byte[] corruptMarker() {
        byte[] good = jpeg(0xC0, 8, 20, 10, 3);
        byte[] bad = good.clone();
        bad[2 + 2 + 17] = 0x00; // where the scan's marker starts, after SOI and the 19 bytes of the frame header
        return bad;
    }

    /** The 8-bit RGB PNG's IHDR with a 14th byte (and its length field saying so). */
    private static byte[] pngWithLongIhdr() {
        byte[] png = TestImages.png(10, 10);
        byte[] ihdr = Arrays.copyOf(Arrays.copyOfRange(png, 16, 29), 14);
        byte[] out = new byte[png.length + 1];
        System.arraycopy(png, 0, out, 0, 8);
        byte[] chunk = TestImages.chunk("IHDR", ihdr);
        System.arraycopy(chunk, 0, out, 8, chunk.length);
        System.arraycopy(png, 33, out, 8 + chunk.length, png.length - 33);
        return out;
    }

    /** The 8-bit RGB PNG with its IDAT's length field set to {@code length} (the bytes stay as they are). */
    private static byte[] pngWithIdatLength(int width, int height, long length) {
        byte[] png = TestImages.png(width, height);
        ByteBuffer.wrap(png, 33, 4).putInt((int) length);
        return png;
    }

    private static byte[] pngStartingWith(String chunk) {
        byte[] png = TestImages.png(10, 10);
        byte[] out = png.clone();
        System.arraycopy(chunk.getBytes(StandardCharsets.US_ASCII), 0, out, 12, 4);
        return out;
    }

    /** A Windows bitmap: 14-byte file header, 40-byte info header, then the given bytes of pixel rows. */
    static byte[] bmp(int width, int height, int bitsPerPixel, int pixelBytes) {
        ByteBuffer b = ByteBuffer.allocate(54 + pixelBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(54 + pixelBytes).putInt(0).putInt(54);
        b.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) bitsPerPixel).putInt(0);
        b.putInt(pixelBytes).putInt(2835).putInt(2835).putInt(0).putInt(0);
        return b.array();
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    /** A one-strip TIFF of {@link #WIDTH}x{@link #HEIGHT} in the given byte order, its strip right after the IFD. */
    private static final class Tiff {
        static final int WIDTH = 12;
        static final int HEIGHT = 9;
        private final ByteOrder order;
        private int samples = 3;
        private int bits = 8;
        private int orientation = 1;
        private Integer stripBytes;
        private boolean nextPage;
        private int sampleFormat;

        Tiff(ByteOrder order) {
            this.order = order;
        }

        Tiff samples(int samples, int bits) {
            this.samples = samples;
            this.bits = bits;
            return this;
        }

        Tiff orientation(int orientation) {
            this.orientation = orientation;
            return this;
        }

        Tiff stripBytes(int stripBytes) {
            this.stripBytes = stripBytes;
            return this;
        }

        Tiff nextPage() {
            this.nextPage = true;
            return this;
        }

        /** A SampleFormat tag (339: 1 unsigned, 2 signed integer, 3 float); none when 0. */
        Tiff sampleFormat(int sampleFormat) {
            this.sampleFormat = sampleFormat;
            return this;
        }

        byte[] bytes() {
            int entries = sampleFormat == 0 ? 7 : 8;
            int ifdEnd = 8 + 2 + 12 * entries + 4;
            int data = WIDTH * HEIGHT * samples * Math.max(1, bits / 8);
            int declared = stripBytes == null ? data : stripBytes;
            ByteBuffer b = ByteBuffer.allocate(ifdEnd + data).order(order);
            b.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M').put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
            b.putShort((short) 42).putInt(8).putShort((short) entries);
            shortEntry(b, 256, WIDTH);
            shortEntry(b, 257, HEIGHT);
            shortEntry(b, 258, bits);
            longEntry(b, 273, ifdEnd);
            shortEntry(b, 274, orientation);
            shortEntry(b, 277, samples);
            longEntry(b, 279, declared);
            if (sampleFormat != 0) shortEntry(b, 339, sampleFormat);
            b.putInt(nextPage ? 8 : 0);
            return b.array();
        }

        private static void shortEntry(ByteBuffer b, int tag, int value) {
            b.putShort((short) tag).putShort((short) 3).putInt(1).putShort((short) value).putShort((short) 0);
        }

        private static void longEntry(ByteBuffer b, int tag, int value) {
            b.putShort((short) tag).putShort((short) 4).putInt(1).putInt(value);
        }
    }

    /** An APNG of one frame that is its IDAT shows that one image everywhere: taken. */
    @Test
    void anApngOfOneFrameThatIsItsImageDataIsTaken() {
        ImageInfo info = ImageProbe.probe(ProducerPngs.animated(TestImages.png(10, 10), 1, true));
        assertEquals(10, info.width());
        assertTrue(info.complete());
    }
}
