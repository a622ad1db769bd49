package io.realskin.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code deploy/local/up} run as a user runs it, in the foreground of its own process: what it printed (service URLs,
 * gateway URL, admin key), the processes it started, and a stop by signal that must leave none of them behind.
 */
final class LocalRun implements AutoCloseable {
    /** Generous: on a shared 2-core machine the five JVMs start one after the other's CPU. */
    private static final Duration READY_BUDGET = Duration.ofMinutes(15);
    private static final Pattern SERVICE_LINE = Pattern.compile(
            "^\\s+(\\S+)\\s+(http://127\\.0\\.0\\.1:\\d+)\\s+\\(health and metrics (http://127\\.0\\.0\\.1:\\d+), log ");

    private final Process up;
    private final Path dir;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final List<ProcessHandle> family = new ArrayList<>();

    private LocalRun(Process up, Path dir) {
        this.up = up;
        this.dir = dir;
    }

    /** Starts {@code deploy/local/up args} with its data in {@code dir}, and waits until it says everything is up. */
    static LocalRun start(Path dir, List<String> args) throws Exception {
        // A terminal's Ctrl-C reaches a process whose SIGINT is at its default; one started from a background job of a
        // script (a CI runner, say) inherits SIGINT ignored, and the JVM then keeps ignoring it, so stop("INT") would
        // test nothing but the launcher's environment.
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT", "bash", "deploy/local/up"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(RealSkinSystem.projectRoot().toFile()).redirectErrorStream(true);
        builder.environment().put("REALSKIN_LOCAL_DIR", dir.toString());
        for (String inherited : List.of("REALSKIN_ADMIN_KEY", "KAFKA_BOOTSTRAP_SERVERS", "PGHOST", "REALSKIN_TEXTURE_WORKERS")) {
            builder.environment().remove(inherited);
        }
        long started = System.nanoTime();
        LocalRun run = new LocalRun(builder.start(), dir);
        Thread reader = new Thread(run::readOutput, "local-run-output");
        reader.setDaemon(true);
        reader.start();
        if (!run.ready.await(READY_BUDGET.toSeconds(), TimeUnit.SECONDS)) {
            run.close();
            throw new AssertionError("not up within " + READY_BUDGET + ":\n" + run.transcript());
        }
        System.out.println("deploy/local/up " + args + " was ready after " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
        assertTrue(run.up.isAlive(), "up runs in the foreground:\n" + run.transcript());
        run.family.addAll(run.up.toHandle().descendants().toList());
        // PostgreSQL daemonizes (pg_ctl), so it is found by its data directory rather than as a child
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(dir.toString()))
                .filter(p -> !run.family.contains(p))
                .forEach(run.family::add);
        return run;
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(up.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("Ctrl-C stops everything")) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            lines.add("(output unreadable: " + e + ")");
        }
        ready.countDown();
    }

    String transcript() {
        return String.join("\n", lines);
    }

    /** What follows {@code prefix} on the first line that starts with it. */
    String transcriptValue(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> l.substring(prefix.length()).trim())
                .orElseThrow(() -> new AssertionError("no line starts with '" + prefix + "':\n" + transcript()));
    }

    /** Process name (gateway-service, texture-service-2, ...) to the URL that up printed for it, in printed order. */
    Map<String, String> serviceUrls() {
        return printedUrls(2);
    }

    /** Process name to its management URL (health and metrics), in printed order. */
    Map<String, String> managementUrls() {
        return printedUrls(3);
    }

    private Map<String, String> printedUrls(int group) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = SERVICE_LINE.matcher(line);
            if (m.find()) {
                urls.put(m.group(1), m.group(group));
            }
        }
        return urls;
    }

    String gatewayUrl() {
        return transcriptValue("Gateway URL: ");
    }

    String adminKey() {
        return transcriptValue("Admin key: ");
    }

    List<ProcessHandle> processes() {
        return List.copyOf(family);
    }

    /** Sends the signal to up, as a terminal (INT) or a supervisor (TERM) would, and checks that nothing is left. */
    void stop(String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, String.valueOf(up.pid())).start().waitFor();
        assertTrue(up.waitFor(5, TimeUnit.MINUTES), "up stops after SIG" + signal + ":\n" + transcript());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (family.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        List<String> survivors = family.stream().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
        family.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        assertEquals(List.of(), survivors, "no process left running after SIG" + signal + " (data in " + dir + ")");
    }

    /** After a failed assertion: stop the whole tree, not just the launcher, or its services would linger. */
    @Override
    public void close() throws InterruptedException {
        if (!up.isAlive()) {
            return;
        }
        List<ProcessHandle> tree = up.toHandle().descendants().toList();
        up.destroy();
        if (!up.waitFor(60, TimeUnit.SECONDS)) {
            up.destroyForcibly();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
        family.forEach(ProcessHandle::destroyForcibly);
    }
}
