package io.realskin.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.ApiKeys;
import io.realskin.contracts.Topics;
import io.realskin.local.PrometheusServer;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The README's run command, as a user runs it: {@code deploy/local/up} brings up Kafka, PostgreSQL and the five services
 * as separate JVMs, prints the gateway URL and an admin key; the README's walk-through works against it as written; an
 * interrupt (Ctrl-C) leaves no process behind; and the same command starts again in the same directory, this time
 * with two texture workers in one consumer group (and Prometheus, where it is installed), stopped by SIGTERM. It needs
 * nothing of the shared deployment, so it runs beside the other classes (junit-platform.properties).
 */
@Execution(ExecutionMode.CONCURRENT)
class LocalRunSystemTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void upStartsEverythingRunsTheWalkThroughStopsAndStartsAgainWithMoreWorkers() throws Exception {
        Path dir = Files.createTempDirectory("realskin-up-");
        try {
            try (LocalRun first = LocalRun.start(dir, List.of())) {
                assertEquals(List.of("gateway-service", "prompt-service", "generation-service", "texture-service", "billing-service"),
                        List.copyOf(first.serviceUrls().keySet()), first.transcript());
                assertEverythingReady(first);
                runTheReadmeWalkThrough(first);
                assertTrue(first.processes().size() >= 7, "Kafka, PostgreSQL and five service JVMs run: " + first.processes());
                first.stop("INT"); // Ctrl-C in a terminal
            }

            boolean monitoring = PrometheusServer.binary().isPresent();
            if (!monitoring) {
                System.err.println("LocalRunSystemTest: " + PrometheusServer.INSTALL_HINT + "; the second run goes without --monitoring");
            }
            List<String> args = new ArrayList<>(List.of("--texture-workers", "2"));
            if (monitoring) {
                args.add("--monitoring");
            }
            // the same REALSKIN_LOCAL_DIR: a stored Kafka cluster id or database of the first run must not stop this one
            try (LocalRun second = LocalRun.start(dir, args)) {
                assertTrue(second.serviceUrls().containsKey("texture-service-2"), second.transcript());
                assertEquals(6, second.serviceUrls().size(), second.transcript());
                assertEverythingReady(second);
                assertEquals(2, textureWorkersInTheGroup(second), "both texture workers joined " + Topics.TEXTURE_WORKERS_GROUP);
                if (monitoring) {
                    assertPrometheusScrapesEveryProcess(second);
                }
                second.stop("TERM");
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void assertEverythingReady(LocalRun run) throws Exception {
        assertTrue(ApiKeys.isWellFormed(run.adminKey()), "a usable admin key is printed: " + run.adminKey());
        for (String url : run.managementUrls().values()) {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), url + ": " + health.body());
            assertTrue(health.body().contains("\"UP\""), health.body());
        }
        HttpResponse<String> jobs = HTTP.send(HttpRequest.newBuilder(URI.create(run.gatewayUrl() + "/v1/jobs"))
                .header("Authorization", "Bearer " + run.adminKey()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, jobs.statusCode(), "the printed admin key works: " + jobs.body());
    }

    /** The README's curl block, as written, from the repository root: its files must land in a temporary directory. */
    private static void runTheReadmeWalkThrough(LocalRun run) throws Exception {
        Path root = RealSkinSystem.projectRoot();
        Path portrait = root.resolve("system-tests/src/test/resources/fixtures/portrait.jpg");
        String script = ReadmeWalkThrough.script(root.resolve("README.md"),
                Map.of("GW", run.gatewayUrl(), "ADMIN", run.adminKey(), "PORTRAIT", portrait.toString()));
        Process bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script + "\npwd\n")
                .directory(root.toFile()).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(3, TimeUnit.MINUTES), "the walk-through ends:\n" + output);
        assertEquals(0, bash.exitValue(), "the walk-through runs as written:\n" + output);

        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        Path workDir = Path.of(lines.get(lines.size() - 1));
        double score = Double.parseDouble(lines.get(lines.size() - 2));
        assertTrue(score >= 0 && score <= 1, "the last step prints the plastic-skin score: " + output);
        assertTrue(output.contains("\"status\": \"completed\""), "the restore completed within its wait:\n" + output);
        byte[] restored = Files.readAllBytes(workDir.resolve("restored.jpg"));
        assertTrue(restored.length > 1000 && (restored[0] & 0xff) == 0xff && (restored[1] & 0xff) == 0xd8, "restored.jpg is a JPEG");
        assertFalse(workDir.startsWith(root), "the walk-through works in a directory of its own, not in " + root);
        assertFalse(Files.exists(root.resolve("job.json")) || Files.exists(root.resolve("restored.jpg")),
                "nothing is left in the checkout");
    }

    private static int textureWorkersInTheGroup(LocalRun run) throws Exception {
        String bootstrap = run.transcriptValue("Kafka ").split(",")[0].trim();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int members = 0;
            while (System.nanoTime() < deadline) {
                members = admin.describeConsumerGroups(List.of(Topics.TEXTURE_WORKERS_GROUP)).all().get(10, TimeUnit.SECONDS)
                        .get(Topics.TEXTURE_WORKERS_GROUP).members().size();
                if (members == 2) {
                    return members;
                }
                Thread.sleep(500);
            }
            return members;
        }
    }

    /** Every process the run printed is a target that Prometheus scrapes successfully ({@code up == 1}). */
    private static void assertPrometheusScrapesEveryProcess(LocalRun run) throws Exception {
        String prometheus = run.transcriptValue("Prometheus URL: ");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> up = HTTP.send(HttpRequest.newBuilder(URI.create(prometheus
                    + "/api/v1/query?query=count(up%3D%3D1)")).build(), HttpResponse.BodyHandlers.ofString());
            last = up.body();
            if (last.contains("\"6\"")) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("Prometheus does not scrape the 6 processes: " + last);
    }
}
