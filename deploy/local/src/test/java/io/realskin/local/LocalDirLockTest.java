package io.realskin.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One {@code deploy/local/up} per directory: a second run must not delete the data of a run still going. */
class LocalDirLockTest {
    @TempDir
    Path home;

    @Test
    void aSecondRunIsRefusedWhileTheFirstHoldsTheDirectoryAndDeletesNothing() throws Exception {
        Path database = Files.createDirectories(home.resolve("postgres/data")).resolve("PG_VERSION");
        Files.writeString(database, "14");
        Process first = holdInAnotherProcess(home);
        try {
            LocalDirLock.InUse refused = assertThrows(LocalDirLock.InUse.class, () -> LocalRunMain.claim(home));
            assertTrue(refused.getMessage().contains("another run uses " + home + " (pid " + first.pid() + ")"),
                    refused.getMessage());
            assertTrue(Files.exists(database), "the running stack's database was deleted");
        } finally {
            first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        // The holder was killed: its lock went with it, though its file (and pid) stay behind.
        assertTrue(Files.exists(home.resolve(LocalDirLock.FILE_NAME)));
        try (LocalDirLock lock = LocalRunMain.claim(home)) {
            assertTrue(Files.notExists(home.resolve("postgres")), "a fresh start deletes the previous run's data");
            assertEquals(ProcessHandle.current().pid() + "", Files.readString(home.resolve(LocalDirLock.FILE_NAME)).trim());
        }
    }

    @Test
    void theLockIsTheLockNotTheFile() throws Exception {
        Files.writeString(home.resolve(LocalDirLock.FILE_NAME), "999999999\n");
        try (LocalDirLock first = LocalDirLock.acquire(home)) {
            LocalDirLock.InUse second = assertThrows(LocalDirLock.InUse.class, () -> LocalDirLock.acquire(home));
            assertTrue(second.getMessage().contains("(pid " + ProcessHandle.current().pid() + ")"), second.getMessage());
        }
        LocalDirLock.acquire(home).close();
    }

    /** A child JVM that holds the lock of {@code dir} until it is killed. */
    private static Process holdInAnotherProcess(Path dir) throws Exception {
        Process process = new ProcessBuilder(JavaProcesses.javaBinary(), "-cp", System.getProperty("java.class.path"),
                Holder.class.getName(), dir.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertEquals("locked", line, "the holder did not take the lock");
        return process;
    }

    /** The first run, in its own process. */
    public static final class Holder {
        public static void main(String[] args) throws InterruptedException {
            LocalDirLock lock = LocalDirLock.acquire(Path.of(args[0]));
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
            lock.close();
        }
    }
}
