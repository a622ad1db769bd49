package io.realskin.texture.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputFileTest {
    @TempDir
    Path tmp;

    List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.sorted().toList();
        }
    }

    /** A write that fails half way (a full disk, `ulimit -f`) leaves OUT as it was: until 2026-12-07, truncated. */
    @Test
    void aWriteThatFailsLeavesTheFileAsItWasAndNoTemporaryFile() throws IOException {
        Path photo = Files.writeString(tmp.resolve("photo.png"), "the original");
        var e = assertThrows(TextureCli.BadInput.class, () -> OutputFile.write(photo, stream -> {
            stream.write("the first half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("File too large");
        }));
        assertEquals("cannot write " + photo + ": File too large", e.getMessage());
        assertEquals("the original", Files.readString(photo));
        assertEquals(List.of(photo), files());
    }

    @Test
    void aReplacedFileKeepsItsModeAndALinkStaysALink() throws IOException {
        Path photo = Files.writeString(tmp.resolve("photo.png"), "old");
        Files.setPosixFilePermissions(photo, PosixFilePermissions.fromString("rw-r-----"));
        Path link = Files.createSymbolicLink(tmp.resolve("link.png"), photo.getFileName());
        OutputFile.write(link, "new".getBytes(StandardCharsets.UTF_8));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(photo));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(photo)));
        assertEquals(List.of(link, photo), files());

        Path fresh = tmp.resolve("a/b/fresh.png");
        OutputFile.write(fresh, "made".getBytes(StandardCharsets.UTF_8));
        assertEquals("made", Files.readString(fresh), "missing directories are made");
    }

    @Test
    void checkRefusesADirectoryAndAParentThatIsAFileAndMakesNothingElse() throws IOException {
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        var e = assertThrows(TextureCli.BadInput.class, () -> OutputFile.check(file.resolve("out.png")));
        assertEquals("cannot write " + file.resolve("out.png") + ": " + file + " is not a directory", e.getMessage());
        e = assertThrows(TextureCli.BadInput.class, () -> OutputFile.check(tmp));
        assertEquals("cannot write " + tmp + ": it is a directory", e.getMessage());
        e = assertThrows(TextureCli.BadInput.class, () -> OutputFile.checkDirectory(file));
        assertEquals(file + " is not a directory", e.getMessage());
        OutputFile.check(tmp.resolve("out.png"));
        assertEquals(List.of(file), files(), "the check's probe is gone");
    }
}
