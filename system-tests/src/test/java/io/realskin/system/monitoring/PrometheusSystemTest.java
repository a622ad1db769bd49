package io.realskin.system.monitoring;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realskin.contracts.Topics;
import io.realskin.local.FreePorts;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalDeployment;
import io.realskin.local.PrometheusServer;
import io.realskin.system.FacelessImage;
import io.realskin.system.RealSkinSystem;
import io.realskin.system.WebhookReceiver;
import io.restassured.specification.RequestSpecification;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus scrapes the running services (every service its own JVM) with RealSkin's rules loaded; after a few
 * jobs (completed, failed, with a webhook, and a poison record) every expression of the dashboard, every recording rule
 * and every alert (its comparisons made {@code bool}, so it answers whether or not it fires) returns a series.
 */
class PrometheusSystemTest {
    private static final Duration ANSWER_BUDGET = Duration.ofSeconds(150);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyDashboardAndRuleExpressionReturnsASeries() throws Exception {
        assumeTrue(PrometheusServer.binary().isPresent(), PrometheusServer.INSTALL_HINT + " (.ci/run installs it)");
        LocalDeployment system = RealSkinSystem.get();
        Path dir = Files.createTempDirectory("realskin-prometheus-");
        try (PrometheusServer prometheus = PrometheusServer.start(dir, FreePorts.any(), MonitoringFiles.ruleFiles(), system.scrapeTargets(),
                Duration.ofSeconds(2))) {
            runAFewJobs(system);

            Map<String, String> expressions = new LinkedHashMap<>(MonitoringFiles.dashboardQueries());
            for (MonitoringFiles.Rule rule : MonitoringFiles.rules()) {
                expressions.put((rule.alert() ? "alert " : "record ") + rule.name(),
                        rule.alert() ? PromQl.withBoolComparisons(rule.expr()) : rule.expr());
            }
            Map<String, String> unanswered = new TreeMap<>();
            long jobsDone = System.nanoTime();
            long deadline = jobsDone + ANSWER_BUDGET.toNanos();
            do {
                unanswered.clear();
                for (Map.Entry<String, String> e : expressions.entrySet()) {
                    String problem = problem(prometheus, e.getValue());
                    if (problem != null) {
                        unanswered.put(e.getKey(), problem + ": " + e.getValue());
                    }
                }
                if (!unanswered.isEmpty()) {
                    Thread.sleep(2000);
                }
            } while (!unanswered.isEmpty() && System.nanoTime() < deadline);
            System.out.printf("prometheus test: %d expressions, %s unanswered %d s after the jobs%n", expressions.size(),
                    unanswered.isEmpty() ? "none" : unanswered.size(), Duration.ofNanos(System.nanoTime() - jobsDone).toSeconds());
            assertEquals(Map.of(), unanswered, "expressions without a series after a few jobs (Prometheus log: "
                    + prometheus.logFile() + ")");
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Null when the expression answers with at least one series. */
    private static String problem(PrometheusServer prometheus, String expr) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(prometheus.url() + "/api/v1/query?query="
                + URLEncoder.encode(expr, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (!"success".equals(body.path("status").asText())) {
            return "invalid (" + body.path("error").asText() + ")";
        }
        return body.path("data").path("result").isEmpty() ? "no series" : null;
    }

    /**
     * Completed restores with a webhook and an analysis, a job that fails, and a poison record for a dead-letter topic.
     * The poison record goes first and the five jobs are submitted at once: each series starts as early as it can, and
     * the jobs wait for the workers together instead of one after the other.
     */
    private static void runAFewJobs(LocalDeployment system) throws Exception {
        try (KafkaProbe kafka = new KafkaProbe(system.stack().kafkaBootstrapServers())) {
            kafka.send(Topics.TEXTURE_REQUESTS, "poison-" + UUID.randomUUID(), "not a texture request");
        }
        byte[] portrait;
        try (InputStream in = PrometheusSystemTest.class.getResourceAsStream("/fixtures/portrait.jpg")) {
            portrait = in.readAllBytes();
        }
        String image = api(system).contentType("image/jpeg").body(portrait).post("/v1/images").then().statusCode(201)
                .extract().path("id");
        api(system).post("/v1/webhooks/secrets").then().statusCode(201);
        String webhook = WebhookReceiver.url("/prometheus-test");
        // a reference photo without a face: the worker cannot measure its skin and fails the job (bad_image)
        String faceless = api(system).contentType("image/png").body(FacelessImage.png(96)).post("/v1/images").then().statusCode(201)
                .extract().path("id");
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            bodies.add("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\",\"intensity\":" + (30 + i * 10)
                    + ",\"webhook\":\"" + webhook + "\"}");
        }
        bodies.add("{\"type\":\"analyze\",\"imageId\":\"" + image + "\"}");
        bodies.add("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\",\"referenceImageId\":\"" + faceless + "\",\"consent\":true}");
        CompletableFuture.allOf(bodies.stream().map(body -> CompletableFuture.runAsync(() -> api(system).header("Prefer", "wait=60")
                .contentType("application/json").body(body).post("/v1/jobs").then().statusCode(200))).toArray(CompletableFuture[]::new))
                .get(5, TimeUnit.MINUTES);
    }

    private static RequestSpecification api(LocalDeployment system) {
        return given().baseUri(RealSkinSystem.gateway()).header("Authorization", "Bearer " + system.adminKey());
    }
}
