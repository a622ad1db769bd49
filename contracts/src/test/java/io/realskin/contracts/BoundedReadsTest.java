package io.realskin.contracts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.blob.BlobTooLargeException;
import io.realskin.contracts.blob.BoundedReads;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** A body read under a bound: by its stated size when there is one, else stopped one byte past the bound. */
class BoundedReadsTest {
    /** A body that counts what was read of it. */
    private static final class Counted extends ByteArrayInputStream {
        Counted(int length) {
            super(new byte[length]);
        }

        int consumed() {
            return pos;
        }
    }

    @Test
    void aStatedSizeOverTheBoundIsRefusedBeforeAByteIsRead() {
        Counted body = new Counted(5000);
        BlobTooLargeException e = assertThrows(BlobTooLargeException.class, () -> BoundedReads.read("k", body, 5000, 4999));
        assertEquals(5000, e.size());
        assertEquals(0, body.consumed());
    }

    @Test
    void aBodyWithoutAStatedSizeIsReadOneBytePastTheBoundAndNoFurther() throws IOException {
        Counted body = new Counted(5000);
        BlobTooLargeException e = assertThrows(BlobTooLargeException.class, () -> BoundedReads.read("k", body, -1, 1000));
        assertEquals(-1, e.size());
        assertEquals("k is more than 1000 bytes, the limit is 1000", e.getMessage());
        assertEquals(1001, body.consumed());
        assertEquals(1000, BoundedReads.read("k", new Counted(1000), -1, 1000).length);
    }

    @Test
    void aBodyWithinTheBoundIsReadWhole() throws IOException {
        byte[] bytes = {1, 2, 3, 4};
        assertArrayEquals(bytes, BoundedReads.read("k", new ByteArrayInputStream(bytes), 4, 4));
        assertArrayEquals(bytes, BoundedReads.read("k", new ByteArrayInputStream(bytes), 4, 100));
        assertArrayEquals(new byte[0], BoundedReads.read("k", InputStream.nullInputStream(), 0, 0));
    }

    /** A body shorter or longer than its stated size is the store failing (retried), not a verdict on the blob. */
    @Test
    void aBodyThatDisagreesWithItsStatedSizeIsAnIoError() {
        IOException shorter = assertThrows(IOException.class, () -> BoundedReads.read("k", new ByteArrayInputStream(new byte[3]), 4, 10));
        assertTrue(shorter.getMessage().contains("after 3 of its 4 bytes"), shorter.getMessage());
        IOException longer = assertThrows(IOException.class, () -> BoundedReads.read("k", new ByteArrayInputStream(new byte[5]), 4, 10));
        assertTrue(longer.getMessage().contains("runs past its stated 4 bytes"), longer.getMessage());
    }

    @Test
    void aBoundOutsideWhatAnArrayHoldsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> BoundedReads.read("k", InputStream.nullInputStream(), 0, -1));
        assertThrows(IllegalArgumentException.class, () -> BoundedReads.requireBound(Integer.MAX_VALUE));
    }
}
