package io.realskin.contracts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.blob.BlobKeys;
import io.realskin.contracts.blob.FileSystemBlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemBlobStoreTest {
    @TempDir
    Path dir;

    @Test
    void storesAndReadsBack() throws Exception {
        var store = new FileSystemBlobStore(dir);
        byte[] bytes = {1, 2, 3};
        store.put("images/t1/abc", bytes);
        assertArrayEquals(bytes, store.get("images/t1/abc").orElseThrow());
        assertEquals(3, store.size("images/t1/abc"));
        assertTrue(store.exists("images/t1/abc"));
        assertTrue(store.get("images/t1/missing").isEmpty());
        assertEquals(-1, store.size("images/t1/missing"));
        try (var files = Files.walk(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp file left");
        }
    }

    @Test
    void firstWriteWins() throws Exception {
        var store = new FileSystemBlobStore(dir);
        store.put("results/x", new byte[] {1});
        store.put("results/x", new byte[] {2});
        assertArrayEquals(new byte[] {1}, store.get("results/x").orElseThrow());
    }

    @Test
    void deleteRemovesTheBlobAndAMissingKeyIsNoError() throws Exception {
        var store = new FileSystemBlobStore(dir);
        store.put("images/t1/abc", new byte[] {1});
        store.delete("images/t1/abc");
        assertFalse(store.exists("images/t1/abc"));
        store.delete("images/t1/abc");
        assertThrows(IllegalArgumentException.class, () -> store.delete("../escape"));
    }

    @Test
    void refusesKeysThatLeaveTheStore() throws Exception {
        var store = new FileSystemBlobStore(dir);
        assertThrows(IllegalArgumentException.class, () -> store.put("../escape", new byte[] {1}));
        assertThrows(IllegalArgumentException.class, () -> store.get("/etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> store.get("a//b"));
        assertFalse(BlobKeys.isSafe("a/../b"));
        assertTrue(BlobKeys.isSafe("images/t-1/0af3.png"));
    }
}
