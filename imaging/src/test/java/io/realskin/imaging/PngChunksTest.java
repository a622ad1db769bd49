package io.realskin.imaging;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.realskin.imaging.ProducerFiles.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each chunk bounded before it is visited, and each {@link ChunkOverrun} pinned on files cut or lying about a length. */
class PngChunksTest {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] IHDR = TestImages.chunk("IHDR", new byte[13]);
    private static final byte[] IDAT = TestImages.chunk("IDAT", new byte[10]);
    private static final byte[] IEND = TestImages.chunk("IEND", new byte[0]);
    /** "IHDR@16-29": each chunk visited, where its data starts and ends. */
    private static final String HEAD = "IHDR@16-29";
    private static final String WHOLE = HEAD + " IDAT@41-51 IEND@63-63";

    static Stream<Arguments> files() {
        byte[] whole = concat(SIGNATURE, IHDR, IDAT, IEND);
        byte[] idatClaims = IDAT.clone();
        idatClaims[0] = 0x7F; // a length of 0x7F00000A over 10 bytes of data
        byte[] idatClaimsUnsigned = IDAT.clone();
        Arrays.fill(idatClaimsUnsigned, 0, 4, (byte) 0xFF);
        return Stream.of(
            // name, file, chunks visited, what the walk returns with STOP, what REFUSE says (null: it returns true)
            Arguments.of("whole", whole, WHOLE, true, null),
            Arguments.of("chunks after IEND are not walked", concat(whole, TestImages.chunk("tEXt", new byte[3])), WHOLE, true, null),
            Arguments.of("no IEND: ends at a chunk's end", concat(SIGNATURE, IHDR, IDAT), HEAD + " IDAT@41-51", false,
                "PNG structure is truncated"),
            Arguments.of("signature alone", SIGNATURE, "", false, "PNG structure is truncated"),
            Arguments.of("cut inside the data", cut(whole, 45), HEAD, false, "PNG chunk IDAT overruns the file"),
            Arguments.of("cut inside the CRC", cut(whole, 53), HEAD, false, "PNG chunk IDAT overruns the file"),
            Arguments.of("cut inside the type", cut(whole, 39), HEAD, false, "PNG chunk ID overruns the file"),
            Arguments.of("cut after the length", cut(whole, 37), HEAD, false, "PNG chunk  overruns the file"),
            Arguments.of("cut inside the length", cut(whole, 35), HEAD, false, "PNG structure is truncated"),
            Arguments.of("cut inside IEND's CRC", cut(whole, whole.length - 1), HEAD + " IDAT@41-51", false,
                "PNG chunk IEND overruns the file"),
            Arguments.of("a length past the end", concat(SIGNATURE, IHDR, idatClaims, IEND), HEAD, false,
                "PNG chunk IDAT overruns the file"),
            Arguments.of("a length of 2^32 - 1", concat(SIGNATURE, IHDR, idatClaimsUnsigned, IEND), HEAD, false,
                "PNG chunk IDAT overruns the file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void stopEndsTheWalkAtTheChunkTheDataEndsInside(String name, byte[] png, String visited, boolean iend, String refusal) {
        List<String> seen = new ArrayList<>();
        assertEquals(iend, PngChunks.walk(png, ChunkOverrun.STOP, (type, body, end) -> seen.add(type + "@" + body + "-" + end)));
        assertEquals(visited, String.join(" ", seen));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void refuseRefusesTheFileNamingTheChunkAfterVisitingTheOnesBefore(String name, byte[] png, String visited, boolean iend,
            String refusal) {
        List<String> seen = new ArrayList<>();
        assertRefusal(refusal, () -> PngChunks.walk(png, ChunkOverrun.REFUSE, (type, body, end) -> seen.add(type + "@" + body + "-" + end)));
        assertEquals(visited, String.join(" ", seen));
    }

    /** The walk refuses the file as bad_image with {@code refusal}, or returns when that is null. */
    static void assertRefusal(String refusal, Runnable walk) {
        if (refusal == null) {
            walk.run();
            return;
        }
        ImageRejectedException e = assertThrows(ImageRejectedException.class, walk::run);
        assertEquals("bad_image", e.code());
        assertEquals(refusal, e.getMessage());
    }

    @Test
    void theVisitorStopsTheWalk() {
        List<String> seen = new ArrayList<>();
        assertFalse(PngChunks.walk(concat(SIGNATURE, IHDR, IDAT, IEND), ChunkOverrun.REFUSE, (type, body, end) -> {
            seen.add(type);
            return !type.equals("IDAT");
        }));
        assertEquals(List.of("IHDR", "IDAT"), seen);
    }

    @Test
    void aChunkWrittenIsOneWalked() {
        byte[] text = PngChunks.chunk("tEXt", ProducerFiles.ascii("a\0b"));
        byte[] png = concat(SIGNATURE, IHDR, text, IEND);
        assertEquals(Arrays.toString(TestImages.chunk("tEXt", ProducerFiles.ascii("a\0b"))), Arrays.toString(text), "length, type, data, CRC");
        List<String> seen = new ArrayList<>();
        PngChunks.walk(png, ChunkOverrun.REFUSE, (type, body, end) -> seen.add(type + "@" + body + "-" + end));
        assertEquals(List.of("IHDR@16-29", "tEXt@41-44", "IEND@56-56"), seen);
    }

    private static byte[] cut(byte[] b, int length) {
        return Arrays.copyOf(b, length);
    }
}
