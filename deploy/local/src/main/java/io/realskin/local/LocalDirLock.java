package io.realskin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One {@code deploy/local/up} per local directory: an exclusive OS lock on {@code <dir>/.realskin-local.lock}, taken
 * before the previous run's data is deleted and held until the run has stopped. The operating system drops the lock
 * with the process that held it, so the file a killed run leaves behind blocks nothing; only a live holder does. The
 * file carries the holder's pid, for the message of the run that is refused.
 */
public final class LocalDirLock implements AutoCloseable {
    static final String FILE_NAME = ".realskin-local.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private LocalDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Another live run holds the directory; nothing of it may be touched. */
    public static final class InUse extends RuntimeException {
        InUse(Path home, String holder) {
            super("another run uses " + home + " (pid " + holder + "); stop it first (Ctrl-C in its terminal), or set"
                    + " REALSKIN_LOCAL_DIR to another directory");
        }
    }

    /** The lock of {@code home} (created if missing), or {@link InUse} when a live process holds it. */
    public static LocalDirLock acquire(Path home) {
        Path file = home.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(home);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new InUse(home, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new LocalDirLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("could not lock " + file, e);
        }
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
            return pid.matches("\\d+") ? pid : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the lock goes with the channel or the process anyway
            }
        }
    }

    /** Lets the next run have the directory; the file stays (deleting it would race with a run that opened it). */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }
}
