package io.realskin.generation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.blob.FileSystemBlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The heap a job's inputs reserve: six bytes per stored byte, at most the whole budget, given back once. */
class InputMemoryTest {
    @TempDir
    Path dir;

    @Test
    void aJobReservesSixTimesItsStoredInputsAndTheNextWaitsUntilItIsGivenBack() {
        InputMemory memory = new InputMemory(1000);
        InputMemory.Lease first = memory.reserve("a", 100, Duration.ZERO).orElseThrow();
        assertEquals(600, memory.reservedBytes());
        assertTrue(memory.reserve("b", 100, Duration.ZERO).isEmpty(), "600 more do not fit in the 400 left");
        first.close();
        first.close();
        assertEquals(0, memory.reservedBytes(), "given back once, however often closed");
        try (InputMemory.Lease second = memory.reserve("b", 100, Duration.ZERO).orElseThrow()) {
            assertEquals(600, memory.reservedBytes());
        }
        assertEquals(0, memory.reservedBytes());
    }

    @Test
    void aJobLargerThanTheBudgetTakesAllOfItAndRunsAlone() {
        InputMemory memory = new InputMemory(1000);
        try (InputMemory.Lease big = memory.reserve("a", 10_000, Duration.ZERO).orElseThrow()) {
            assertEquals(1000, memory.reservedBytes());
            assertTrue(memory.reserve("b", 1, Duration.ZERO).isEmpty());
        }
        assertTrue(memory.reserve("b", 1, Duration.ZERO).isPresent());
    }

    @Test
    void storedBytesAddUpTheBlobsSizesAndCountUnsafeOrMissingKeysAsNothing() throws Exception {
        FileSystemBlobStore blobs = new FileSystemBlobStore(Files.createDirectories(dir.resolve("blobs")));
        byte[] a = new byte[1234];
        byte[] b = new byte[4321];
        Arrays.fill(b, (byte) 7);
        blobs.put("images/t/a", a);
        blobs.put("images/t/b", b);
        assertEquals(1234 + 4321 + 1234, InputMemory.storedBytes(blobs, List.of("images/t/a", "images/t/b", "images/t/a")));
        assertEquals(1234, InputMemory.storedBytes(blobs, Arrays.asList("images/t/a", "images/t/none", "../escape", null)));
    }
}
