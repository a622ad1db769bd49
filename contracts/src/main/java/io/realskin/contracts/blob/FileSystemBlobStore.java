package io.realskin.contracts.blob;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** A directory as blob store (one machine, or a shared volume). Writes are atomic: a reader never sees half a blob. */
public final class FileSystemBlobStore implements BlobStore {
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
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
        try {
            Files.write(temp, bytes);
            publish(temp, target);
        } finally {
            Files.deleteIfExists(temp);
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
        Files.deleteIfExists(resolve(key));
    }

    private Path resolve(String key) {
        Path path = root.resolve(BlobKeys.require(key)).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("blob key escapes the store: " + key);
        }
        return path;
    }
}
