package io.realskin.imaging;

import static io.realskin.imaging.TestImages.chunk;
import static io.realskin.imaging.TestPngs.crcBroken;
import static io.realskin.imaging.TestPngs.idats;
import static io.realskin.imaging.TestPngs.iend;
import static io.realskin.imaging.TestPngs.ihdr;
import static io.realskin.imaging.TestPngs.plte;
import static io.realskin.imaging.TestPngs.png;
import static io.realskin.imaging.TestPngs.raw;
import static io.realskin.imaging.TestPngs.zlib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every PNG libpng decodes whole is proven; each rule broken alone is refused, or left to a decode where libpng only warns. */
public class PngDataTest {
    private static final int W = 40;
    private static final int H = 30;
    private static final byte[] RAW = raw(W, H, 8, 2, false, 1);
    private static final byte[] ZLIB = zlib(RAW);
    private static final byte[] HEADER = ihdr(W, H, 8, 2, 0);
    private static final byte[] TEXT = chunk("tEXt", "Comment\0made by a test".getBytes());

    /** Every colour type at every bit depth it allows, sequential and Adam7, sizes with empty passes among them. */
    static Stream<Arguments> encodings() {
        int[][] typesAndDepths = {{0, 1}, {0, 2}, {0, 4}, {0, 8}, {0, 16}, {2, 8}, {2, 16}, {3, 1}, {3, 2}, {3, 4}, {3, 8},
            {4, 8}, {4, 16}, {6, 8}, {6, 16}};
        int[][] sizes = {{1, 1}, {7, 3}, {33, 17}, {256, 9}};
        return Arrays.stream(typesAndDepths).flatMap(t -> Arrays.stream(sizes).flatMap(s -> Stream.of(false, true).map(i ->
                Arguments.of("colour type " + t[0] + ", " + t[1] + "-bit, " + s[0] + "x" + s[1] + (i ? ", Adam7" : ""),
                        TestPngs.image(s[0], s[1], t[1], t[0], i)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void eachEncodingIsProven(String name, byte[] png) {
        assertEquals(PngData.Verdict.PROVEN, PngData.verify(png));
    }

    /** javax.imageio's encoder, sequential and interlaced (its progressive mode is Adam7). */
    static Stream<Arguments> imageioEncodings() {
        return Stream.of(java.awt.image.BufferedImage.TYPE_BYTE_GRAY, java.awt.image.BufferedImage.TYPE_USHORT_GRAY,
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR, java.awt.image.BufferedImage.TYPE_4BYTE_ABGR,
                java.awt.image.BufferedImage.TYPE_BYTE_BINARY, java.awt.image.BufferedImage.TYPE_BYTE_INDEXED)
                .flatMap(type -> Stream.of(false, true).map(adam7 -> Arguments.of("type " + type + (adam7 ? ", Adam7" : ""),
                        TestPngs.imageio(type, adam7))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("imageioEncodings")
    void imageioEncodingsAreProven(String name, byte[] png) {
        assertEquals(PngData.Verdict.PROVEN, PngData.verify(png));
    }

    /**
     * A PNG and what it breaks: {name, bytes, "ok" | "unproven" | "refused", message}: refused where libpng stops the
     * decode, unproven where it only warns (or may); generation-service decodes each with OpenCV too.
     */
    public static Stream<Arguments> broken() {
        byte[] text9 = chunk("tEXt", new byte[8_000_001]);
        byte[] oneByGray = zlib(new byte[] {0, 7});
        return Stream.of(
                // chunks
                refused("signature", concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, 0x0a - 1},
                        Arrays.copyOfRange(rgb(ZLIB), 8, rgb(ZLIB).length)), "signature"),
                refused("IHDR's CRC", png(crcBroken(HEADER), idats(ZLIB, 8192), iend()), "IHDR chunk at byte 8 fails its CRC"),
                refused("an IDAT's CRC", png(HEADER, idats(Arrays.copyOf(ZLIB, 100), 8192),
                        crcBroken(idats(Arrays.copyOfRange(ZLIB, 100, ZLIB.length), 8192)), iend()), "fails its CRC"),
                refused("IEND's CRC", png(HEADER, idats(ZLIB, 8192), crcBroken(iend())), "IEND chunk"),
                ok("a tEXt chunk's CRC (libpng warns and drops it)", png(HEADER, crcBroken(TEXT), idats(ZLIB, 8192), iend())),
                ok("a tEXt chunk after the data", png(HEADER, idats(ZLIB, 8192), TEXT, iend())),
                refused("no IEND", png(HEADER, idats(ZLIB, 8192)), "ends before IEND"),
                refused("cut inside IDAT", Arrays.copyOf(rgb(ZLIB), 500), "ends inside its IDAT chunk"),
                refused("IEND before IDAT", png(HEADER, iend(), idats(ZLIB, 8192), iend()), "IEND before any IDAT"),
                refused("tEXt before IHDR", png(TEXT, HEADER, idats(ZLIB, 8192), iend()), "first chunk is tEXt"),
                refused("a second IHDR", png(HEADER, HEADER, idats(ZLIB, 8192), iend()), "second IHDR"),
                refused("an unknown critical chunk", png(HEADER, chunk("ABCD", new byte[1]), idats(ZLIB, 8192), iend()),
                        "unknown critical chunk ABCD"),
                ok("an unknown ancillary chunk", png(HEADER, chunk("abCD", new byte[1]), idats(ZLIB, 8192), iend())),
                refused("a chunk type that is not letters", png(HEADER, chunk("ab1D", new byte[1]), idats(ZLIB, 8192), iend()),
                        "type 'ab1D'"),
                refused("a chunk length of 2^31", png(HEADER, new byte[] {(byte) 0x80, 0, 0, 0, 't', 'E', 'X', 't'}), "length 2147483648"),
                refused("a tEXt chunk of 8,000,001 bytes", png(HEADER, text9, idats(ZLIB, 8192), iend()), "over libpng's limit"),
                refused("an IDAT chunk over libpng's limit", png(ihdr(1, 1, 8, 0, 0),
                        chunk("IDAT", Arrays.copyOf(oneByGray, 8_000_001)), iend()), "over libpng's limit of 8000000"),
                // IHDR
                refused("IHDR of 14 bytes", png(chunk("IHDR", new byte[14]), idats(ZLIB, 8192), iend()), "IHDR chunk of 14 bytes"),
                refused("width 0", png(ihdr(0, H, 8, 2, 0), idats(ZLIB, 8192), iend()), "size 0x30"),
                refused("width 1,000,001", png(ihdr(1_000_001, 1, 8, 0, 0), idats(ZLIB, 8192), iend()), "size 1000001x1"),
                refused("height 2^31", png(ihdr(1, Integer.MIN_VALUE, 8, 0, 0), idats(ZLIB, 8192), iend()), "size 1x2147483648"),
                refused("gray 3-bit", png(ihdr(W, H, 3, 0, 0), idats(ZLIB, 8192), iend()), "colour type 0 with bit depth 3"),
                refused("palette 16-bit", png(ihdr(W, H, 16, 3, 0), idats(ZLIB, 8192), iend()), "colour type 3 with bit depth 16"),
                refused("RGB 4-bit", png(ihdr(W, H, 4, 2, 0), idats(ZLIB, 8192), iend()), "colour type 2 with bit depth 4"),
                refused("colour type 5", png(ihdr(W, H, 8, 5, 0), idats(ZLIB, 8192), iend()), "colour type 5"),
                refused("compression 1", png(withIhdrByte(10, 1), idats(ZLIB, 8192), iend()), "compression 1"),
                refused("filter method 1", png(withIhdrByte(11, 1), idats(ZLIB, 8192), iend()), "filter method 1"),
                refused("interlace 2", png(withIhdrByte(12, 2), idats(ZLIB, 8192), iend()), "interlace 2"),
                // PLTE
                refused("palette without PLTE", png(ihdr(W, H, 8, 3, 0), idats(ZLIB, 8192), iend()), "without PLTE"),
                refused("palette with PLTE after IDAT", png(ihdr(W, H, 8, 3, 0), idats(palette8(), 8192), plte(256), iend()),
                        "without PLTE"),
                refused("PLTE of 4 bytes", png(ihdr(W, H, 8, 3, 0), chunk("PLTE", new byte[4]), idats(palette8(), 8192), iend()),
                        "PLTE of 4 bytes"),
                refused("an empty PLTE", png(ihdr(W, H, 8, 3, 0), chunk("PLTE", new byte[0]), idats(palette8(), 8192), iend()),
                        "PLTE of 0 bytes"),
                refused("an empty PLTE in an RGB image", png(HEADER, chunk("PLTE", new byte[0]), idats(ZLIB, 8192), iend()),
                        "PLTE of 0 bytes"),
                refused("two PLTEs", png(ihdr(W, H, 8, 3, 0), plte(256), plte(256), idats(palette8(), 8192), iend()), "second PLTE"),
                refused("PLTE's CRC", png(ihdr(W, H, 8, 3, 0), crcBroken(plte(256)), idats(palette8(), 8192), iend()), "PLTE chunk"),
                ok("a suggested palette in an RGB image", png(HEADER, plte(16), idats(ZLIB, 8192), iend())),
                unproven("five colours for 2-bit indices (libpng drops the fifth)", png(ihdr(W, H, 2, 3, 0), plte(5),
                        idats(zlib(raw(W, H, 2, 3, false, 1)), 8192), iend()), "5 colours for 2-bit"),
                unproven("PLTE in a gray image", png(ihdr(W, H, 8, 0, 0), plte(4), idats(zlib(raw(W, H, 8, 0, false, 1)), 8192),
                        iend()), "PLTE in a gray image"),
                unproven("PLTE of 4 bytes in an RGB image", png(HEADER, chunk("PLTE", new byte[4]), idats(ZLIB, 8192), iend()),
                        "PLTE of 4 bytes"),
                unproven("PLTE after IDAT in an RGB image", png(HEADER, idats(ZLIB, 8192), plte(4), iend()), "PLTE after IDAT"),
                // IDAT and IEND
                ok("IDAT chunks of one byte and empty ones", png(HEADER, chunk("IDAT", new byte[0]), idats(ZLIB, 1),
                        chunk("IDAT", new byte[0]), iend())),
                refused("IDAT chunks apart, the data incomplete before the gap", png(HEADER, idats(Arrays.copyOf(ZLIB, 300), 8192),
                        TEXT, idats(Arrays.copyOfRange(ZLIB, 300, ZLIB.length), 8192), iend()), "IDAT chunks end after"),
                unproven("an IDAT after another chunk, the data complete", png(HEADER, idats(ZLIB, 8192), TEXT,
                        chunk("IDAT", new byte[0]), iend()), "IDAT chunks after another chunk"),
                unproven("IEND of one byte", png(HEADER, idats(ZLIB, 8192), chunk("IEND", new byte[1])), "IEND is not empty"),
                // the zlib stream
                refused("zlib header check", rgb(flipped(ZLIB, 1, 1)), "zlib header check fails"),
                refused("zlib method 7", rgb(withZlibHeader(ZLIB, 0x77, false)), "method 7"),
                refused("zlib window 2^16", rgb(withZlibHeader(ZLIB, 0x88, false)), "window of 2^16"),
                refused("zlib preset dictionary", rgb(withZlibHeader(ZLIB, 0x78, true)), "preset dictionary"),
                unproven("zlib window of 256 bytes for 3630 bytes of data", rgb(withZlibHeader(ZLIB, 0x08, false)), "256-byte window"),
                ok("zlib window of 256 bytes for 2 bytes of data", png(ihdr(1, 1, 8, 0, 0),
                        chunk("IDAT", withZlibHeader(oneByGray, 0x08, false)), iend())),
                refused("an invalid deflate block type", rgb(withByte(ZLIB, 2, 0x07)), "deflate data fails after 0 of 3630"),
                refused("too little data", rgb(zlib(Arrays.copyOf(RAW, RAW.length - 1))), "ends after 3629 of the 3630"),
                refused("the IDAT chunks end inside the stream", rgb(Arrays.copyOf(ZLIB, ZLIB.length - 40)), "IDAT chunks end after"),
                refused("filter type 5 on a row", rgb(zlib(withByte(RAW, 121 * 7, 5))), "filter type 5 on row 7"),
                refused("filter type 255 on the last row of an Adam7 pass", png(ihdr(7, 3, 8, 2, 1),
                        idats(zlib(withByte(raw(7, 3, 8, 2, true, 1), adam7LastRow(), 255)), 8192), iend()),
                        "filter type 255 on row 0 of Adam7 pass 7"),
                unproven("too much data", rgb(zlib(Arrays.copyOf(RAW, RAW.length + 1))), "more image data than the 3630 bytes"),
                unproven("too much data, up to the limit", rgb(zlib(Arrays.copyOf(RAW, RAW.length + PngImageData.MAX_EXCESS))),
                        "more image data than the 3630 bytes"),
                limit("too much data, over the limit (libpng would inflate it all)",
                        rgb(zlib(Arrays.copyOf(RAW, RAW.length + PngImageData.MAX_EXCESS + 1))), "inflates to more than 32768 bytes past"),
                unproven("a wrong Adler-32", rgb(flipped(ZLIB, ZLIB.length - 1, 1)), "incorrect data check"),
                unproven("bytes after the zlib stream", rgb(concat(ZLIB, new byte[] {1, 2, 3})), "after the end of the zlib stream"),
                unproven("an IDAT after the end of the stream", png(HEADER, idats(ZLIB, 8192), chunk("IDAT", new byte[] {1}), iend()),
                        "after the end of the zlib stream"),
                unproven("a zlib stream that does not end", rgb(TestPngs.zlibWithoutEnd(RAW)), "does not end"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void eachRuleBrokenAloneIsRefusedOrLeftToADecode(String name, byte[] png, String verdict, String message) {
        switch (verdict) {
            case "ok" -> assertEquals(PngData.Verdict.PROVEN, PngData.verify(png));
            case "unproven" -> {
                PngData.Verdict found = PngData.verify(png);
                assertTrue(!found.proven() && found.unproven().contains(message), "unproven: " + found.unproven());
            }
            default -> {
                ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> PngData.verify(png));
                assertEquals(ImageRejectedException.BAD_IMAGE, e.code());
                assertTrue(e.getMessage().contains(message), e.getMessage());
            }
        }
    }

    private static Arguments ok(String name, byte[] png) {
        return Arguments.of(name, png, "ok", "");
    }

    private static Arguments unproven(String name, byte[] png, String why) {
        return Arguments.of(name, png, "unproven", why);
    }

    private static Arguments refused(String name, byte[] png, String why) {
        return Arguments.of(name, png, "refused", why);
    }

    /** Refused for what decoding it would cost, although libpng decodes it (with a warning). */
    private static Arguments limit(String name, byte[] png, String why) {
        return Arguments.of(name, png, "limit", why);
    }

    /** The 40x30 RGB header with this zlib stream. */
    private static byte[] rgb(byte[] zlib) {
        return png(HEADER, idats(zlib, 8192), iend());
    }

    private static byte[] palette8() {
        return zlib(raw(W, H, 8, 3, false, 1));
    }

    private static byte[] withIhdrByte(int at, int value) {
        byte[] body = Arrays.copyOfRange(HEADER, 8, 21);
        body[at] = (byte) value;
        return chunk("IHDR", body);
    }

    /** CMF as given, FLG with the level bits kept, the dictionary bit as asked and its check bits right. */
    private static byte[] withZlibHeader(byte[] zlib, int cmf, boolean dictionary) {
        byte[] z = zlib.clone();
        int flg = (z[1] & 0xC0) | (dictionary ? 0x20 : 0);
        flg += (31 - (cmf << 8 | flg) % 31) % 31;
        z[0] = (byte) cmf;
        z[1] = (byte) flg;
        return z;
    }

    /** Where the last pass of a 7x3 RGB Adam7 image starts (pass 3 has no rows: it starts at row 4). */
    private static int adam7LastRow() {
        long[][] passes = new PngHeader(7, 3, 8, 2, true).passes();
        long at = 0;
        for (int p = 0; p < passes.length - 1; p++) {
            at += passes[p][0] * passes[p][1];
        }
        return (int) at;
    }

    private static byte[] withByte(byte[] bytes, int at, int value) {
        byte[] out = bytes.clone();
        out[at] = (byte) value;
        return out;
    }

    private static byte[] flipped(byte[] bytes, int at, int bits) {
        return withByte(bytes, at, bytes[at] ^ bits);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
