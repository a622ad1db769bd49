package io.realskin.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.realskin.contracts.ApiKeys;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's run command, as a user runs it: {@code deploy/local/up} brings up Kafka, PostgreSQL and the five services
 * as separate JVMs, prints the gateway URL and an admin key, and an interrupt (Ctrl-C) leaves no process behind.
 */
class LocalRunSystemTest {
    private static final Pattern SERVICE_LINE = Pattern.compile(
            "^\\s+(\\S+-service)\\s+(http://127\\.0\\.0\\.1:\\d+)\\s+\\(health and metrics (http://127\\.0\\.0\\.1:\\d+)");
    private static final Duration READY_BUDGET = Duration.ofSeconds(120);

    @Test
    void upStartsEverythingAndCtrlCStopsEverything() throws Exception {
        Path dir = Files.createTempDirectory("realskin-up-");
        ProcessBuilder builder = new ProcessBuilder("bash", "deploy/local/up")
                .directory(RealSkinSystem.projectRoot().toFile())
                .redirectErrorStream(true);
        builder.environment().put("REALSKIN_LOCAL_DIR", dir.toString());
        builder.environment().remove("REALSKIN_ADMIN_KEY");
        builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        builder.environment().remove("PGHOST");
        long started = System.nanoTime();
        Process up = builder.start();
        List<ProcessHandle> family = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(up.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> managementUrls = new ArrayList<>();
            String gateway = null;
            String adminKey = null;
            String line;
            StringBuilder transcript = new StringBuilder();
            while ((line = out.readLine()) != null) {
                transcript.append(line).append('\n');
                Matcher m = SERVICE_LINE.matcher(line);
                if (m.find()) {
                    managementUrls.add(m.group(3));
                }
                if (line.startsWith("Gateway URL: ")) {
                    gateway = line.substring("Gateway URL: ".length()).trim();
                }
                if (line.startsWith("Admin key: ")) {
                    adminKey = line.substring("Admin key: ".length()).trim();
                }
                if (line.startsWith("Ctrl-C stops everything")) {
                    break;
                }
                if (System.nanoTime() - started > READY_BUDGET.toNanos()) {
                    fail("not up within " + READY_BUDGET + ":\n" + transcript);
                }
            }
            Duration startup = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(startup.compareTo(READY_BUDGET) < 0, "up took " + startup + ":\n" + transcript);
            assertEquals(5, managementUrls.size(), transcript.toString());
            assertTrue(ApiKeys.isWellFormed(adminKey), "a usable admin key is printed: " + adminKey);

            HttpClient http = HttpClient.newHttpClient();
            for (String url : managementUrls) {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, health.statusCode(), url + ": " + health.body());
                assertTrue(health.body().contains("\"UP\""), health.body());
            }
            HttpResponse<String> jobs = http.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/jobs"))
                    .header("Authorization", "Bearer " + adminKey).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, jobs.statusCode(), "the printed admin key works: " + jobs.body());

            up.toHandle().descendants().forEach(family::add);
            // PostgreSQL daemonizes (pg_ctl), so it is found by its data directory rather than as a child
            ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().orElse("").contains(dir.toString()))
                    .filter(p -> !family.contains(p))
                    .forEach(family::add);
            assertTrue(family.size() >= 7, "Kafka, PostgreSQL and five service JVMs run: " + family.size());

            // Ctrl-C in a terminal: SIGINT to the launcher (Process#destroy would send SIGTERM, the other documented way)
            new ProcessBuilder("kill", "-INT", String.valueOf(up.pid())).start().waitFor();
            assertTrue(up.waitFor(90, TimeUnit.SECONDS), "up stops after Ctrl-C");
            out.transferTo(java.io.Writer.nullWriter());
        } finally {
            if (up.isAlive()) {
                // a failed assertion above: stop the whole tree, not just the launcher, or its services would linger
                List<ProcessHandle> tree = up.toHandle().descendants().toList();
                up.destroy();
                if (!up.waitFor(60, TimeUnit.SECONDS)) {
                    up.destroyForcibly();
                }
                tree.forEach(ProcessHandle::destroyForcibly);
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (family.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        List<String> survivors = family.stream().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
        family.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        assertEquals(List.of(), survivors, "no process left running");
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
