package io.realskin.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realskin.local.LocalDeployment;
import io.realskin.local.ServiceProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * One trace per job: the W3C traceparent of the request that submits a job reaches, through the outbox and Kafka, the
 * texture worker and billing; each of them logs the job with that trace id (and the job id) beside the gateway.
 */
class TraceSystemTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void oneSubmittedJobsTraceIdIsInTheGatewaysTheWorkersAndBillingsLogs() throws Exception {
        LocalDeployment system = RealSkinSystem.get();
        byte[] portrait;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/portrait.jpg")) {
            portrait = in.readAllBytes();
        }
        String auth = "Bearer " + system.adminKey();
        String image = given().baseUri(RealSkinSystem.gateway()).header("Authorization", auth).contentType("image/jpeg")
                .body(portrait).post("/v1/images").then().statusCode(201).extract().path("id");

        String traceId = randomHex(16);
        String caller = randomHex(8);
        String jobId = given().baseUri(RealSkinSystem.gateway()).header("Authorization", auth).header("Prefer", "wait=60")
                .header("traceparent", "00-" + traceId + "-" + caller + "-01")
                .contentType("application/json").body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\",\"intensity\":40}")
                .post("/v1/jobs").then().statusCode(200).body("status", equalTo("completed")).extract().path("id");

        // billing applies job.events asynchronously: wait (bounded) until every log has the job's line
        Map<String, String> missing = new TreeMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do {
            missing.clear();
            for (String service : List.of("gateway-service", "texture-service", "billing-service")) {
                if (!logged(system, service, "traceId=" + traceId, "jobId=" + jobId)) {
                    missing.put(service, "no line with traceId=" + traceId + " and jobId=" + jobId);
                }
            }
            if (!missing.isEmpty()) {
                Thread.sleep(500);
            }
        } while (!missing.isEmpty() && System.nanoTime() < deadline);
        assertEquals(Map.of(), missing, "job " + jobId + " in the logs of " + system.stack().home().resolve("logs"));
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** Whether a line of the service's log (any of its replicas) holds all the parts. */
    private static boolean logged(LocalDeployment system, String service, String... parts) {
        for (ServiceProcess p : system.processes()) {
            if (!p.name().equals(service) && !p.name().startsWith(service + "-")) {
                continue;
            }
            try (var lines = Files.lines(p.logFile())) {
                if (lines.anyMatch(line -> List.of(parts).stream().allMatch(line::contains))) {
                    return true;
                }
            } catch (IOException | UncheckedIOException e) {
                // a line half-written while read: the next look reads it whole
            }
        }
        return false;
    }
}
