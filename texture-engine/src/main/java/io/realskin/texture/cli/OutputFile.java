package io.realskin.texture.cli;

import io.realskin.texture.cli.TextureCli.BadInput;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A file a command writes (restore's OUT, profile's OUT.json, a batch's OUT_DIR/name). {@link #check} runs before the
 * work, so a path that cannot be written is refused before a restore is spent on it; {@link #write} never leaves a
 * part of a file under OUT's name: the bytes go to a temporary file beside OUT, moved over it once complete (OUT may
 * be the input). A special file that exists (a device, a FIFO) is written in place: it cannot be replaced, and
 * replacing it as root would replace the device.
 */
final class OutputFile {
    /** Writes the content to a stream. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private OutputFile() {
    }

    /**
     * Makes OUT's missing directories and checks that a file can be made in its directory.
     *
     * @throws BadInput when OUT is a directory, read-only, or cannot be made
     */
    static void check(Path out) {
        if (Files.isDirectory(out)) throw cannotWrite(out, "it is a directory");
        if (Files.exists(out) && !Files.isWritable(out)) throw cannotWrite(out, "it is read-only");
        if (isSpecial(out)) return;
        Path target = target(out);
        probe(out, makeDirectory(out, target.getParent()));
    }

    /**
     * Checks a directory files will be written into, making it when missing.
     *
     * @throws BadInput when it is a file, or a file cannot be made in it
     */
    static void checkDirectory(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new BadInput(dir + " is not a directory");
        probe(dir, makeDirectory(dir, dir.toAbsolutePath()));
    }

    /** Makes a file in the directory and deletes it: permissions alone do not tell (/proc is writable to root). */
    private static void probe(Path out, Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, ".texture-cli.", ".part"));
        } catch (IOException e) {
            throw cannotWrite(out, reason(e));
        }
    }

    static void write(Path out, byte[] bytes) {
        write(out, stream -> stream.write(bytes));
    }

    /** @throws BadInput naming OUT and the reason when it cannot be written; OUT is then as it was */
    static void write(Path out, Content content) {
        if (isSpecial(out)) {
            try (OutputStream stream = Files.newOutputStream(out)) {
                content.writeTo(stream);
            } catch (IOException e) {
                throw cannotWrite(out, reason(e));
            }
            return;
        }
        Path target = target(out);
        Path dir = makeDirectory(out, target.getParent());
        Path temporary = null;
        boolean moved = false;
        try {
            temporary = createTemporary(dir, target);
            try (OutputStream stream = Files.newOutputStream(temporary)) {
                content.writeTo(stream);
            }
            keepPermissions(target, temporary);
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } catch (IOException e) {
            throw cannotWrite(out, reason(e));
        } finally {
            if (temporary != null && !moved) deleteQuietly(temporary);
        }
    }

    /** A file replaced keeps its mode (as Files.write on it did). */
    private static void keepPermissions(Path target, Path temporary) throws IOException {
        if (!Files.exists(target)) return;
        try {
            Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(target));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the new file's default
        }
    }

    /** A device, FIFO or socket OUT names (following links): written in place. */
    private static boolean isSpecial(Path out) {
        return Files.exists(out) && !Files.isRegularFile(out) && !Files.isDirectory(out);
    }

    /** The file to replace: a link's target, so the link stays. */
    private static Path target(Path out) {
        try {
            return (Files.exists(out) ? out.toRealPath() : out).toAbsolutePath();
        } catch (IOException e) {
            throw cannotWrite(out, reason(e));
        }
    }

    private static Path makeDirectory(Path out, Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) throw cannotWrite(out, p + " is not a directory");
                break;
            }
        }
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw cannotWrite(out, reason(e));
        }
    }

    /** Readable by others as a new file written with Files.write would be (0666 less the umask). */
    private static Path createTemporary(Path dir, Path target) throws IOException {
        try {
            return Files.createTempFile(dir, "." + target.getFileName() + ".", ".part",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-")));
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the failure being reported is the write's
        }
    }

    private static BadInput cannotWrite(Path out, String reason) {
        return new BadInput("cannot write " + out + ": " + reason);
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file or directory";
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
