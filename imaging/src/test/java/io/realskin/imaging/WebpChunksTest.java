package io.realskin.imaging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.realskin.imaging.ProducerFiles.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Each chunk bounded by the RIFF's data before it is visited, an odd-sized chunk's padding skipped, and each
 * {@link ChunkOverrun} pinned on files cut or lying about a size.
 */
class WebpChunksTest {
    private static final byte[] VP8X = WebpChunks.chunk("VP8X", new byte[10]);
    private static final byte[] ICCP_ODD = WebpChunks.chunk("ICCP", new byte[3]);
    private static final byte[] VP8L_ODD = WebpChunks.chunk("VP8L", new byte[5]);
    /** "VP8X@20-30/30": each chunk visited, where its data starts and ends, and where the next one starts. */
    private static final String WHOLE = "VP8X@20-30/30 ICCP@38-41/42 VP8L@50-55/56";

    static Stream<Arguments> files() {
        byte[] whole = riff(VP8X, ICCP_ODD, VP8L_ODD);
        byte[] exifClaims = riff(VP8X, chunk("EXIF", 1000, 4));
        byte[] exifClaimsUnsigned = riff(VP8X, chunk("EXIF", 0xFFFFFFFFL, 4));
        byte[] unpaddedLast = withRiffSize(Arrays.copyOf(whole, whole.length - 1), whole.length - 9);
        return Stream.of(
            // name, file, chunks visited, what the walk returns with STOP, what REFUSE says (null: it returns true)
            Arguments.of("whole, odd sizes padded", whole, WHOLE, true, null),
            Arguments.of("the last padding byte not in the RIFF", unpaddedLast, "VP8X@20-30/30 ICCP@38-41/42 VP8L@50-55/55", true, null),
            Arguments.of("bytes after the RIFF's size are not walked", concat(whole, VP8L_ODD), WHOLE, true, null),
            Arguments.of("fewer than 8 bytes left are no chunk", withRiffSize(concat(whole, new byte[7]), whole.length - 1), WHOLE, true, null),
            Arguments.of("the RIFF says more than the file holds: cut at a chunk's end", withRiffSize(whole, whole.length + 100),
                WHOLE, true, null),
            Arguments.of("cut inside a chunk's data", withRiffSize(Arrays.copyOf(whole, 53), whole.length - 8),
                "VP8X@20-30/30 ICCP@38-41/42", false, "WebP chunk VP8L overruns the file"),
            Arguments.of("a size past the RIFF", exifClaims, "VP8X@20-30/30", false, "WebP chunk EXIF overruns the file"),
            Arguments.of("a size of 2^32 - 1", exifClaimsUnsigned, "VP8X@20-30/30", false, "WebP chunk EXIF overruns the file"),
            Arguments.of("a RIFF size that ends inside a chunk", withRiffSize(whole, whole.length - 8 - 3),
                "VP8X@20-30/30 ICCP@38-41/42", false, "WebP chunk VP8L overruns the file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void stopEndsTheWalkAtTheChunkThatRunsPastTheRiff(String name, byte[] webp, String visited, boolean whole, String refusal) {
        List<String> seen = new ArrayList<>();
        assertEquals(whole, WebpChunks.walk(webp, ChunkOverrun.STOP, (type, body, end, next) -> seen.add(type + "@" + body + "-" + end + "/" + next)));
        assertEquals(visited, String.join(" ", seen));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void refuseRefusesTheFileNamingTheChunkAfterVisitingTheOnesBefore(String name, byte[] webp, String visited, boolean whole,
            String refusal) {
        List<String> seen = new ArrayList<>();
        PngChunksTest.assertRefusal(refusal, () -> WebpChunks.walk(webp, ChunkOverrun.REFUSE,
                (type, body, end, next) -> seen.add(type + "@" + body + "-" + end + "/" + next)));
        assertEquals(visited, String.join(" ", seen));
    }

    @Test
    void theVisitorStopsTheWalk() {
        List<String> seen = new ArrayList<>();
        assertFalse(WebpChunks.walk(riff(VP8X, ICCP_ODD, VP8L_ODD), ChunkOverrun.REFUSE, (type, body, end, next) -> {
            seen.add(type);
            return !type.equals("ICCP");
        }));
        assertEquals(List.of("VP8X", "ICCP"), seen);
    }

    @Test
    void aFileWrittenCountsItsChunksInItsRiffSize() {
        byte[] webp = WebpChunks.riff(VP8X, ICCP_ODD);
        assertArrayEquals(concat(ProducerFiles.ascii("RIFF"), new byte[] {34, 0, 0, 0}, ProducerFiles.ascii("WEBP"), VP8X, ICCP_ODD), webp);
        assertArrayEquals(concat(ProducerFiles.ascii("ICCP"), new byte[] {3, 0, 0, 0, 0, 0, 0, 0}), ICCP_ODD, "padded to an even size");
    }

    private static byte[] riff(byte[]... chunks) {
        byte[] body = concat(chunks);
        return withRiffSize(concat(ProducerFiles.ascii("RIFF"), new byte[4], ProducerFiles.ascii("WEBP"), body), body.length + 4);
    }

    /** A chunk header that declares {@code size}, followed by {@code bytes} zero bytes. */
    private static byte[] chunk(String type, long size, int bytes) {
        return concat(ProducerFiles.ascii(type), new byte[] {(byte) size, (byte) (size >> 8), (byte) (size >> 16), (byte) (size >> 24)},
                new byte[bytes]);
    }

    private static byte[] withRiffSize(byte[] webp, long size) {
        byte[] b = webp.clone();
        for (int i = 0; i < 4; i++) b[4 + i] = (byte) (size >> (8 * i));
        return b;
    }
}
