package io.realskin.texture.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenCvLoaderTest {
    @TempDir
    Path cache;

    @AfterEach
    void restore() {
        System.clearProperty(OpenCvLoader.CACHE_PROPERTY);
    }

    @Test
    void theLibraryIsCopiedOnceIntoADirectoryNamedByItsContent() throws IOException {
        System.setProperty(OpenCvLoader.CACHE_PROPERTY, cache.toString());
        Path first = OpenCvLoader.cachedLibrary();
        assertNotNull(first, "this platform's library is in openpnp's jar");
        assertTrue(first.startsWith(cache));
        CRC32 crc = new CRC32();
        crc.update(Files.readAllBytes(first));
        assertTrue(first.getParent().getFileName().toString().startsWith(String.format("%08x-", crc.getValue())),
                "the directory is named by the copy's CRC-32: " + first);
        try (InputStream in = OpenCvLoader.class.getClassLoader().getResourceAsStream(OpenCvLoader.resourcePath())) {
            assertEquals(in.readAllBytes().length, Files.size(first));
        }

        FileTime written = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(first, written);
        assertEquals(first, OpenCvLoader.cachedLibrary());
        assertEquals(written, Files.getLastModifiedTime(first), "a second process loads the copy as it is");

        Files.write(first, new byte[] {1, 2, 3});
        assertEquals(first, OpenCvLoader.cachedLibrary());
        assertEquals(crc.getValue(), crcOf(first), "a cut-short copy is replaced");
        try (var files = Files.list(first.getParent())) {
            assertEquals(1, files.count(), "no partial copy is left behind");
        }
    }

    @Test
    void theKeyIsTheCrcInEightHexDigitsAndTheSize() {
        for (long crc : new long[] {0, 0xabcL, 0x5c0632afL, 0xffffffffL}) {
            assertEquals(String.format("%08x-%d", crc, 65304272L), OpenCvLoader.cacheKey(crc, 65304272L));
        }
    }

    @Test
    void noneTurnsTheCacheOff() {
        System.setProperty(OpenCvLoader.CACHE_PROPERTY, "none");
        assertNull(OpenCvLoader.cachedLibrary());
    }

    private static long crcOf(Path file) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(Files.readAllBytes(file));
        return crc.getValue();
    }
}
