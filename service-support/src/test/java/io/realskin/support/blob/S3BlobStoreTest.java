package io.realskin.support.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.blob.BlobDigest;
import io.realskin.contracts.blob.BlobKeys;
import io.realskin.contracts.blob.BlobTooLargeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The S3 store against a real S3 server ({@link S3TestServer}). */
class S3BlobStoreTest {
    static S3TestServer s3;
    static S3BlobStore store;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3TestServer.start();
        store = s3.open(S3TestServer.BUCKET, S3TestServer.SECRET_KEY);
    }

    @AfterAll
    static void stopS3() throws Exception {
        store.close();
        s3.close();
    }

    @Test
    void storesAndReadsBackTheExactBytes() throws IOException {
        byte[] bytes = new byte[300_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        store.put("images/tenant-a/abc123", bytes);
        assertTrue(store.exists("images/tenant-a/abc123"));
        assertEquals(bytes.length, store.size("images/tenant-a/abc123"));
        assertArrayEquals(bytes, store.get("images/tenant-a/abc123").orElseThrow());
        assertArrayEquals(bytes, s3.storedBytes("images/tenant-a/abc123"), "the object sits under the blob key in the bucket");
    }

    /** A bounded read takes an object up to the bound and refuses a larger one by its Content-Length, naming both. */
    @Test
    void aBoundedReadRefusesAnObjectOverTheBound() throws IOException {
        byte[] bytes = new byte[300_000];
        new java.util.Random(11).nextBytes(bytes);
        store.put("images/tenant-e/big", bytes);
        assertArrayEquals(bytes, store.get("images/tenant-e/big", bytes.length).orElseThrow());
        BlobTooLargeException over = assertThrows(BlobTooLargeException.class, () -> store.get("images/tenant-e/big", 1024));
        assertEquals(bytes.length, over.size(), "the size the store stated, not what was read");
        assertEquals(1024, over.maxBytes());
        assertArrayEquals(bytes, store.get("images/tenant-e/big", bytes.length).orElseThrow(), "the client still reads after a refusal");
        assertEquals(Optional.empty(), store.get("images/tenant-e/none", 1024));
        assertThrows(IllegalArgumentException.class, () -> store.get("../other-bucket/secret", 1024));
    }

    /** A streamed read gives the reader the whole body; a missing key is empty; the reader's failure is an IOException. */
    @Test
    void aStreamedReadGivesTheBodyToTheReader() throws IOException {
        byte[] bytes = new byte[300_005];
        new java.util.Random(13).nextBytes(bytes);
        store.put("results/tenant-f/big", bytes);
        assertEquals(new BlobDigest(bytes.length, BlobKeys.sha256Hex(bytes)), store.read("results/tenant-f/big", BlobDigest::of).orElseThrow());
        assertEquals(Optional.empty(), store.read("results/tenant-f/none", BlobDigest::of));
        assertThrows(IllegalArgumentException.class, () -> store.read("../other-bucket/secret", BlobDigest::of));
        assertEquals(bytes.length, store.read("results/tenant-f/big", (body, size) -> size).orElseThrow(),
                "the reader is given the stored size before it reads");
        assertThrows(IOException.class, () -> store.read("results/tenant-f/big", (body, size) -> {
            throw new IOException("reader failed");
        }));
        assertArrayEquals(bytes, store.get("results/tenant-f/big").orElseThrow(), "the client still reads after a failed reader");
    }

    @Test
    void aMissingKeyIsEmptyNotAnError() throws IOException {
        assertEquals(Optional.empty(), store.get("results/tenant-a/none.jpg"));
        assertFalse(store.exists("results/tenant-a/none.jpg"));
        assertEquals(-1, store.size("results/tenant-a/none.jpg"));
    }

    @Test
    void aLargeBodyStoredAgainUnderItsKeyIsNotAnError() throws IOException {
        // the server refuses the second write (412) before reading its 8 MB: the same upload sent twice must succeed
        byte[] bytes = new byte[8 * 1024 * 1024];
        new java.util.Random(7).nextBytes(bytes);
        store.put("images/tenant-c/same-upload", bytes);
        store.put("images/tenant-c/same-upload", bytes);
        assertArrayEquals(bytes, store.get("images/tenant-c/same-upload").orElseThrow());
    }

    @Test
    void aKeyAlreadyStoredIsLeftAsItIs() throws IOException {
        store.put("results/tenant-b/job-1.jpg", "first".getBytes(StandardCharsets.UTF_8));
        store.put("results/tenant-b/job-1.jpg", "second".getBytes(StandardCharsets.UTF_8));
        assertEquals("first", new String(store.get("results/tenant-b/job-1.jpg").orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void aDeletedKeyIsGoneAndDeletingAMissingKeyIsNoError() throws IOException {
        store.put("images/tenant-d/to-delete", new byte[] {1, 2});
        store.delete("images/tenant-d/to-delete");
        assertFalse(store.exists("images/tenant-d/to-delete"));
        store.delete("images/tenant-d/to-delete");
        assertThrows(IllegalArgumentException.class, () -> store.delete("../other-bucket/secret"));
    }

    @Test
    void theKeysUnderAPrefixAreListedAtMostMaxAtATimeAndNoOtherPrefixes() throws IOException {
        for (String key : new String[] {"results/tenant-l/a.png", "results/tenant-l/a.png.completed.json", "results/tenant-l/x/b",
                "results/tenant-l2/c", "images/tenant-l/d"}) {
            store.put(key, new byte[] {1});
        }
        assertEquals(Set.of("results/tenant-l/a.png", "results/tenant-l/a.png.completed.json", "results/tenant-l/x/b"),
                Set.copyOf(store.keysUnder("results/tenant-l/", 100)));
        assertEquals(2, store.keysUnder("results/tenant-l/", 2).size());
        for (String key : store.keysUnder("results/tenant-l/", 100)) {
            store.delete(key);
        }
        assertEquals(List.of(), store.keysUnder("results/tenant-l/", 100));
        assertEquals(List.of("results/tenant-l2/c"), store.keysUnder("results/tenant-l2/", 100));
        assertThrows(IllegalArgumentException.class, () -> store.keysUnder("results/tenant-l", 100), "a prefix ends with /");
        assertThrows(IllegalArgumentException.class, () -> store.keysUnder("../", 100));
    }

    @Test
    void anUnsafeKeyIsRefusedBeforeAnyRequest() {
        assertThrows(IllegalArgumentException.class, () -> store.get("../other-bucket/secret"));
        assertThrows(IllegalArgumentException.class, () -> store.put("/absolute", new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> store.exists("images//double"));
    }

    @Test
    void aWrongSecretOrAMissingBucketIsAnIoErrorNamingTheObject() {
        try (S3BlobStore wrongSecret = s3.open(S3TestServer.BUCKET, "not-the-secret");
             S3BlobStore noBucket = s3.open("no-such-bucket", S3TestServer.SECRET_KEY)) {
            IOException denied = assertThrows(IOException.class, () -> wrongSecret.get("images/tenant-a/abc123"));
            assertTrue(denied.getMessage().startsWith("S3 get s3://realskin-blobs/images/tenant-a/abc123: "), denied.getMessage());
            assertThrows(IOException.class, () -> wrongSecret.exists("images/tenant-a/abc123"));
            IOException missing = assertThrows(IOException.class, () -> noBucket.put("images/t/x", new byte[] {1}));
            assertTrue(missing.getMessage().contains("s3://no-such-bucket/images/t/x"), missing.getMessage());
            assertThrows(IOException.class, () -> noBucket.get("images/t/x"));
        }
    }
}
