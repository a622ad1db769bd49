package io.realskin.contracts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.blob.BlobDigest;
import io.realskin.contracts.blob.BlobKeys;
import io.realskin.contracts.blob.BlobTooLargeException;
import io.realskin.contracts.blob.FileSystemBlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemBlobStoreTest {
    @TempDir
    Path dir;

    @Test
    void theKeysUnderAPrefixAreListedAtMostMaxAtATimeWithoutUnpublishedWritesOrOtherPrefixes() throws Exception {
        var store = new FileSystemBlobStore(dir);
        for (String key : new String[] {"results/ten_a/r.png", "results/ten_a/r.png.completed.json", "results/ten_a/x/b",
                "results/ten_ab/c", "images/ten_a/d"}) {
            store.put(key, new byte[] {1});
        }
        Files.writeString(dir.resolve("results/ten_a/.upload-1.tmp"), "a write in progress");
        assertEquals(Set.of("results/ten_a/r.png", "results/ten_a/r.png.completed.json", "results/ten_a/x/b"),
                Set.copyOf(store.keysUnder("results/ten_a/", 100)));
        assertEquals(2, store.keysUnder("results/ten_a/", 2).size());
        for (String key : store.keysUnder("results/ten_a/", 100)) {
            store.delete(key);
        }
        assertEquals(List.of(), store.keysUnder("results/ten_a/", 100));
        assertEquals(List.of(), store.keysUnder("generated/ten_a/", 100), "a prefix nothing was stored under");
        assertEquals(List.of("results/ten_ab/c"), store.keysUnder("results/ten_ab/", 100));
        assertThrows(IllegalArgumentException.class, () -> store.keysUnder("results/ten_a", 100));
        assertThrows(IllegalArgumentException.class, () -> store.keysUnder("../", 100));
        assertEquals(8, BlobKeys.tenantPrefixes("ten_a").size());
        assertTrue(BlobKeys.tenantPrefixes("ten_a").containsAll(List.of("results/ten_a/", "thumbnails/images/ten_a/")));
        assertThrows(IllegalArgumentException.class, () -> BlobKeys.tenantPrefixes("ten_a/../x"));
        for (BlobKeys.Kind kind : BlobKeys.Kind.values()) { // every kind's keys are the tenant's, and under its prefixes
            String key = kind.key("ten_a", "n.png");
            assertTrue(BlobKeys.ownedBy("ten_a", key) && BlobKeys.tenantPrefixes("ten_a").stream().anyMatch(key::startsWith), key);
        }
        assertEquals("generated/ten_a/n.png", BlobKeys.Kind.GENERATED.key("ten_a", "n.png"));
        assertEquals("results/" + BlobKeys.sha256Hex("a/../b").substring(0, 32) + "/n", BlobKeys.Kind.RESULTS.key("a/../b", "n"),
                "a tenant id that is no safe segment stands as its hash");
    }

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

    /** A bounded read takes a blob up to the bound and refuses a larger one from its file's size, naming both. */
    @Test
    void aBoundedReadRefusesABlobOverTheBound() throws Exception {
        var store = new FileSystemBlobStore(dir);
        byte[] bytes = new byte[1000];
        Arrays.fill(bytes, (byte) 9);
        store.put("images/t1/big", bytes);
        assertArrayEquals(bytes, store.get("images/t1/big", 1000).orElseThrow());
        BlobTooLargeException over = assertThrows(BlobTooLargeException.class, () -> store.get("images/t1/big", 999));
        assertEquals(1000, over.size());
        assertEquals(999, over.maxBytes());
        assertEquals("images/t1/big is 1000 bytes, the limit is 999", over.getMessage());
        assertTrue(store.get("images/t1/missing", 10).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> store.get("../escape", 10));
        assertThrows(IllegalArgumentException.class, () -> store.get("images/t1/big", -1));
    }

    /** A streamed read gives the reader the whole body as a stream, and a missing key is empty, not an error. */
    @Test
    void aStreamedReadGivesTheBodyToTheReader() throws Exception {
        var store = new FileSystemBlobStore(dir);
        byte[] bytes = new byte[1024 * 1024 + 3];
        new java.util.Random(3).nextBytes(bytes);
        store.put("results/t1/big", bytes);
        BlobDigest digest = store.read("results/t1/big", BlobDigest::of).orElseThrow();
        assertEquals(new BlobDigest(bytes.length, BlobKeys.sha256Hex(bytes)), digest);
        assertTrue(store.read("results/t1/missing", BlobDigest::of).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> store.read("../escape", BlobDigest::of));
        assertEquals(bytes.length, store.read("results/t1/big", (body, size) -> size).orElseThrow(),
                "the reader is given the stored size before it reads");
        assertThrows(java.io.IOException.class, () -> store.read("results/t1/big", (body, size) -> {
            throw new java.io.IOException("reader failed");
        }), "the reader's failure is the caller's, not an empty answer");
    }

    /** A digest is of the blob the store stated: a body that ends early or runs on is a failure, not another blob's hash. */
    @Test
    void aDigestRefusesABodyOfAnotherSizeThanStated() throws Exception {
        byte[] bytes = {1, 2, 3, 4};
        assertEquals(new BlobDigest(4, BlobKeys.sha256Hex(bytes)), BlobDigest.of(new java.io.ByteArrayInputStream(bytes), 4));
        assertEquals(new BlobDigest(4, BlobKeys.sha256Hex(bytes)), BlobDigest.of(new java.io.ByteArrayInputStream(bytes), -1));
        assertEquals("the body had 4 bytes, the store stated 5", assertThrows(java.io.IOException.class,
                () -> BlobDigest.of(new java.io.ByteArrayInputStream(bytes), 5)).getMessage());
        assertThrows(java.io.IOException.class, () -> BlobDigest.of(new java.io.ByteArrayInputStream(bytes), 3));
    }

    @Test
    void firstWriteWins() throws Exception {
        var store = new FileSystemBlobStore(dir);
        store.put("results/x", new byte[] {1});
        store.put("results/x", new byte[] {2});
        assertArrayEquals(new byte[] {1}, store.get("results/x").orElseThrow());
    }

    /**
     * Writers racing for one key with different bytes (a job's outcome journaled by two workers): once any of them has
     * returned, every reader sees the same blob, never one that a later writer put in its place.
     */
    @Test
    void theFirstOfConcurrentWritersWinsForGood() throws Exception {
        var store = new FileSystemBlobStore(dir);
        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < 200; round++) {
                String key = "results/t1/job-" + round;
                CyclicBarrier start = new CyclicBarrier(writers);
                List<Future<byte[]>> seen = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    byte[] own = {(byte) w};
                    seen.add(pool.submit(() -> {
                        start.await();
                        store.put(key, own);
                        return store.get(key).orElseThrow();
                    }));
                }
                List<byte[]> reads = new ArrayList<>();
                for (Future<byte[]> read : seen) {
                    reads.add(read.get());
                }
                byte[] stored = store.get(key).orElseThrow();
                for (byte[] read : reads) {
                    assertArrayEquals(stored, read, "round " + round + ": the blob changed after a writer returned");
                }
            }
        } finally {
            pool.shutdownNow();
        }
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

    /**
     * A deleted photo leaves no directory named by its SHA-256 (its thumbnails' directory): the emptied directories go,
     * up to the store's root, which stays; a directory holding another blob stays, and so does a link where one goes.
     */
    @Test
    void aDeleteLeavesNoEmptyDirectoryNamedByTheBlob() throws Exception {
        var store = new FileSystemBlobStore(dir);
        String image = "images/ten_A/" + BlobKeys.sha256Hex(new byte[] {1, 2, 3});
        store.put(image, new byte[] {1, 2, 3});
        store.put("thumbnails/" + image + "/160-r3", new byte[] {4});
        store.put("images/ten_B/other", new byte[] {5});
        store.delete("thumbnails/" + image + "/160-r3");
        store.delete(image);
        List<String> left = new ArrayList<>();
        try (var files = Files.walk(dir)) {
            files.filter(p -> !p.equals(dir)).forEach(p -> left.add(dir.relativize(p).toString().replace('\\', '/')));
        }
        java.util.Collections.sort(left);
        assertEquals(List.of("images", "images/ten_B", "images/ten_B/other"), left, "what stays in the store");
        assertTrue(Files.isDirectory(dir), "the store's root stays");

        store.delete("images/ten_B/other");
        store.delete("images/ten_B/other"); // nothing stored: no error
        store.delete("results/never/written");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "an emptied store keeps its root only");
        }
        Path elsewhere = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-elsewhere"));
        Files.createSymbolicLink(dir.resolve("linked"), elsewhere);
        store.delete("linked/x");
        assertTrue(Files.isSymbolicLink(dir.resolve("linked")) && Files.isDirectory(elsewhere), "a link is not the store's to remove");
    }

    /**
     * A write whose directory a delete of its last blob removes meanwhile creates it again: writers and deleters of keys
     * in one directory, racing, lose no write.
     */
    @Test
    void aWriteSurvivesADeleteEmptyingItsDirectory() throws Exception {
        var store = new FileSystemBlobStore(dir);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 300; round++) {
                String gone = "thumbnails/images/t1/" + round + "/a";
                String kept = "thumbnails/images/t1/" + round + "/b";
                store.put(gone, new byte[] {1});
                CyclicBarrier start = new CyclicBarrier(2);
                Future<?> delete = pool.submit(() -> {
                    start.await();
                    store.delete(gone);
                    return null;
                });
                Future<?> put = pool.submit(() -> {
                    start.await();
                    store.put(kept, new byte[] {2});
                    return null;
                });
                delete.get();
                put.get();
                assertFalse(store.exists(gone), "round " + round);
                assertArrayEquals(new byte[] {2}, store.get(kept).orElseThrow(), "round " + round + ": the write is stored");
            }
        } finally {
            pool.shutdownNow();
        }
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
