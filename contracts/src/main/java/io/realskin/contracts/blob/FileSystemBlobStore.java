package io.realskin.contracts.blob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A directory as blob store (one machine, or a shared volume). Writes are atomic: a reader never sees half a blob. A
 * delete leaves no empty directory behind: a directory named by a key's part (a photo's SHA-256 under
 * {@code thumbnails/images/<tenant>/}) would otherwise tell anyone with the disk or its backups that the tenant once held
 * that photo.
 */
public final class FileSystemBlobStore implements BlobStore {
    /** How often a write creates its directory again when a concurrent delete removed it (emptied) meanwhile. */
    private static final int DIRECTORY_ATTEMPTS = 10;

    private final Path root;

    public FileSystemBlobStore(Path root) throws IOException {
        this.root = Files.createDirectories(root.toAbsolutePath().normalize());
    }

    @Override
    public void put(String key, byte[] bytes) throws IOException {
        Path target = resolve(key);
        if (Files.exists(target)) {
            return;
        }
        Path temp = tempFileIn(target.getParent());
        try {
            Files.write(temp, bytes);
            publish(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A new temp file in the directory, created with its parents: a delete of the directory's last blob removes it
     * (emptied) and may do so between the steps, so they are tried again. Once the temp file is in it, the
     * directory is not empty and stays.
     */
    private static Path tempFileIn(Path directory) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                Files.createDirectories(directory);
                return Files.createTempFile(directory, ".upload-", ".tmp");
            } catch (NoSuchFileException | FileAlreadyExistsException e) {
                // removed between the steps; createDirectories reports one removed after it found it existing as "exists"
                if (attempt == DIRECTORY_ATTEMPTS || Files.exists(directory, LinkOption.NOFOLLOW_LINKS)
                        && !Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                    throw e; // a file where the directory goes: no race, a broken store
                }
            }
        }
    }

    /**
     * Gives the written file the key's name unless a blob has it already: a hard link fails on an existing name,
     * where a rename would replace it, so of two writers racing for a key (a job's result journaled twice) the first
     * wins for good. A file system without hard links gets a plain move, which checks the name first (a small race).
     */
    private static void publish(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            // another writer was first; its blob stays
        } catch (UnsupportedOperationException | FileSystemException e) {
            try {
                Files.move(temp, target);
            } catch (FileAlreadyExistsException raced) {
                // another writer was first
            }
        }
    }

    /** The size is the open file's, so a blob is read whole or refused; blobs are never rewritten in place. */
    @Override
    public <T> Optional<T> read(String key, BodyReader<T> reader) throws IOException {
        SeekableByteChannel file;
        try {
            file = Files.newByteChannel(resolve(key));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try (file) {
            return Optional.of(reader.read(Channels.newInputStream(file), file.size()));
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public long size(String key) throws IOException {
        Path file = resolve(key);
        return Files.isRegularFile(file) ? Files.size(file) : -1;
    }

    @Override
    public void delete(String key) throws IOException {
        Path file = resolve(key);
        Files.deleteIfExists(file);
        removeEmptyParents(file);
    }

    /**
     * Removes the directories above a deleted blob that are empty now, up to the store's root (kept): the first that
     * holds anything (another blob, a write's temp file) stops it. One another delete removed first is passed; a link
     * or a file where a directory goes (no directory of the store's) stops it untouched.
     */
    private void removeEmptyParents(Path file) throws IOException {
        for (Path dir = file.getParent(); dir != null && !dir.equals(root) && dir.startsWith(root); dir = dir.getParent()) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                    return;
                }
                continue; // removed by another delete
            }
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException e) {
                return;
            } catch (NoSuchFileException e) {
                // another delete removed it first: go on up
            }
        }
    }

    /** Files a write has not published yet ({@code .upload-*.tmp}) are no keys and are not listed. */
    @Override
    public List<String> keysUnder(String prefix, int max) throws IOException {
        Path dir = root.resolve(BlobStore.requirePrefix(prefix)).normalize();
        if (!dir.startsWith(root) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .map(f -> root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/"))
                    .filter(BlobKeys::isSafe)
                    .limit(max)
                    .toList();
        } catch (NoSuchFileException e) {
            return List.of(); // removed meanwhile (its last blob deleted)
        } catch (UncheckedIOException e) { // the walk met a directory a delete removed meanwhile
            if (e.getCause() instanceof NoSuchFileException) {
                return List.of();
            }
            throw e.getCause();
        }
    }

    private Path resolve(String key) {
        Path path = root.resolve(BlobKeys.require(key)).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("blob key escapes the store: " + key);
        }
        return path;
    }
}
