package io.realskin.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.realskin.support.problem.ProblemException;
import io.realskin.support.problem.ProblemMappers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload's temporary file that cannot be read back is the gateway's own failure, 500 internal: its IOException
 * went to the shared mapper, which answered it 503 "database did not answer" (and logged a database outage).
 */
class UploadedFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFileThatCannotBeReadBackIsA500AndNoOutage() throws Exception {
        Path gone = dir.resolve("upload-gone");
        for (ProblemException e : new ProblemException[] {
                assertThrows(ProblemException.class, () -> UploadedFiles.read(gone)),
                assertThrows(ProblemException.class, () -> UploadedFiles.size(gone))}) {
            assertEquals(500, e.problem().status());
            assertEquals("https://realskin.io/problems/internal", e.problem().type());
            assertNull(e.getCause(), "nothing in the chain for a mapper to take for an outage");
            assertEquals(500, new ProblemMappers().problem(e, null).getStatus());
        }
        Path there = Files.write(dir.resolve("upload"), new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, UploadedFiles.read(there));
        assertEquals(3, UploadedFiles.size(there));
    }
}
