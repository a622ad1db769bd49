package io.realskin.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A PNG goes to libpng without the chunks it would inflate beside the image data (zTXt, iTXt, iCCP, before or after
 * IDAT), every other chunk as it was and in its order, so what decodes is the same image at a bounded cost.
 */
class PngDecoderInputTest {
    private static final byte[] IHDR = TestPngs.ihdr(16, 8, 8, 2, 0);
    private static final byte[] IDAT = TestPngs.idats(TestPngs.zlib(TestPngs.raw(16, 8, 8, 2, false, 7)), 100);

    @Test
    void theChunksLibpngInflatesAreLeftOutBeforeAndAfterTheImageData() {
        byte[] text = TestImages.chunk("tEXt", latin1("parameters\0a portrait"));
        byte[] exif = TestImages.chunk("eXIf", java.util.Arrays.copyOfRange(TestImages.exifSegment(6, 8), 10, 36));
        byte[] png = TestPngs.png(IHDR, compressed("iCCP", "ICC profile"), TestImages.chunk("zTXt", zText("prompt")), text,
                IDAT, TestImages.chunk("iTXt", iText("workflow")), exif, TestImages.chunk("zTXt", zText("workflow")),
                TestPngs.iend());

        assertArrayEquals(TestPngs.png(IHDR, text, IDAT, exif, TestPngs.iend()), PngDecoderInput.of(png));
        assertArrayEquals(PngDecoderInput.of(png), ImageProbe.decoderInput(png, ImageProbe.probe(png)));
    }

    @Test
    void aPngWithoutThemIsHandedOnAsItIs() {
        byte[] png = TestPngs.png(IHDR, TestImages.chunk("tEXt", latin1("k\0v")), IDAT, TestPngs.iend());
        assertSame(png, PngDecoderInput.of(png));
    }

    @Test
    void aPngCutInsideAChunkKeepsItsCutTailForTheDecoderToRefuse() {
        byte[] whole = TestPngs.png(IHDR, TestImages.chunk("zTXt", zText("prompt")), IDAT, TestPngs.iend());
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 20);
        byte[] expected = TestPngs.png(IHDR, IDAT, TestPngs.iend());
        assertArrayEquals(java.util.Arrays.copyOf(expected, expected.length - 20), PngDecoderInput.of(cut));
    }

    private static byte[] zText(String keyword) {
        return compressedBody(keyword, new byte[0]);
    }

    /** iTXt: keyword, NUL, compression flag 1, method 0, empty language and translated keyword, deflated text. */
    private static byte[] iText(String keyword) {
        return compressedBody(keyword, new byte[] {1});
    }

    private static byte[] compressed(String type, String name) {
        return TestImages.chunk(type, compressedBody(name, new byte[0]));
    }

    private static byte[] compressedBody(String keyword, byte[] beforeMethod) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(latin1(keyword + "\0"));
        out.writeBytes(beforeMethod);
        out.write(0);
        if (beforeMethod.length > 0) out.writeBytes(new byte[] {0, 0});
        out.writeBytes(TestPngs.zlib(new byte[100_000]));
        return out.toByteArray();
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
