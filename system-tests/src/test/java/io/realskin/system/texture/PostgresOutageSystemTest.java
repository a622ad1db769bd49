package io.realskin.system.texture;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.Topics;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalDeployment;
import io.realskin.local.PostgresServer;
import io.realskin.local.RealSkinService;
import io.realskin.local.ServiceProcess;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Issue 18's must-show: PostgreSQL (the gateway's and billing's databases) goes away while texture jobs are in flight
 * and comes back on its data, same port, same data directory. Three ways: {@code kill -9} of the whole server (a
 * crash: connections just drop, crash recovery at the restart), and {@code pg_ctl stop -m fast} (sessions are told the
 * server is shutting down) held for 60 s (unreachable that long: every connection attempt is refused, the consumers back
 * off to their cap many times over; a TCP proxy refusing connections would look the same to the services, and the
 * shared deployment connects directly). A clean stop restarted at once asserts nothing the 60 s one does not (the same
 * stop, the same rounds of requests, the same checks after the restart), so it is not run on its own. Each time: readiness of the gateway goes DOWN and comes
 * back while liveness stays UP, every request during the outage is a 503 {@code backend-unavailable} problem with
 * {@code "backend": "database"} and {@code Retry-After}, every job accepted before reaches COMPLETED in the gateway
 * with exactly one capture, and nothing is written to job.events.dlq.
 */
@Order(1) // first: its 60 s outage is time the concurrent LocalRunSystemTest uses (junit-platform.properties)
class PostgresOutageSystemTest {
    private static final int JOBS = 12;
    private static final int REQUESTS_DURING_OUTAGE = 5;
    private static final String PROBLEM = "https://realskin.io/problems/backend-unavailable";

    private enum Outage { KILL, STOP }

    @Test
    void killedWithKillNine() throws Exception {
        outage(Outage.KILL, Duration.ZERO);
    }

    @Test
    void stoppedCleanlyAndUnreachableForSixtySeconds() throws Exception {
        outage(Outage.STOP, Duration.ofSeconds(60));
    }

    private static void outage(Outage how, Duration downFor) throws Exception {
        LocalDeployment system = TextureWorkers.system();
        PostgresServer postgres = system.stack().postgres();
        assumeTrue(postgres.isEmbedded(), "PGHOST names a PostgreSQL this test cannot stop");
        ServiceProcess gateway = process(system, RealSkinService.GATEWAY);
        ServiceProcess billing = process(system, RealSkinService.BILLING);
        TextureWorkers.grantCredits(system, 4L * JOBS);
        String imageId = TextureWorkers.upload(system, TextureWorkers.portrait());
        long deadLettersBefore;
        List<String> jobs;
        List<Response> duringOutage = new ArrayList<>();
        Set<Integer> gatewayReadiness = new HashSet<>();
        Set<Integer> gatewayLiveness = new HashSet<>();
        Set<Integer> billingReadiness = new HashSet<>();
        try (KafkaProbe kafka = new KafkaProbe(system.stack().kafkaBootstrapServers())) {
            jobs = TextureWorkers.submitRestores(system, imageId, JOBS);
            // in flight: a worker has started one of them
            kafka.await(Topics.JOB_EVENTS, r -> jobs.contains(r.key()), found -> found.stream().anyMatch(
                    r -> EventJson.readEnvelope(r.value()).type().equals(EventTypes.STARTED)), Duration.ofMinutes(5));
        }
        deadLettersBefore = deadLetters(system);

        long downSince = System.nanoTime();
        if (how == Outage.KILL) {
            postgres.kill();
        } else {
            postgres.stop();
        }
        try {
            awaitStatus(gateway, "/q/health/ready", 503, Duration.ofMinutes(2));
            gatewayReadiness.add(503);
            for (int i = 0; i < REQUESTS_DURING_OUTAGE || System.nanoTime() - downSince < downFor.toNanos(); i++) {
                // a round's five calls at once: each readiness check waits about a second for the database's refusal
                CompletableFuture<Response> submitted = CompletableFuture.supplyAsync(() -> submit(system, imageId));
                CompletableFuture<Response> listed = CompletableFuture.supplyAsync(() -> given().baseUri(gateway.baseUrl())
                        .header("Authorization", "Bearer " + system.adminKey()).get("/v1/jobs"));
                CompletableFuture<Integer> ready = CompletableFuture.supplyAsync(() -> status(gateway, "/q/health/ready"));
                CompletableFuture<Integer> live = CompletableFuture.supplyAsync(() -> status(gateway, "/q/health/live"));
                CompletableFuture<Integer> billingReady = CompletableFuture.supplyAsync(() -> status(billing, "/q/health/ready"));
                duringOutage.add(submitted.join());
                duringOutage.add(listed.join());
                gatewayReadiness.add(ready.join());
                gatewayLiveness.add(live.join());
                billingReadiness.add(billingReady.join());
                // the kill, restarted at once: five rounds back to back (a round takes about a second while the database
                // is away, its health checks included); the 60 s stop: a round every 5 s until the 60 s are over
                TextureWorkers.sleep(downFor.isZero() ? Duration.ofMillis(200) : Duration.ofSeconds(5));
            }
        } finally {
            postgres.startAgain();
        }
        System.out.printf("postgres outage test (%s, %d s): %d requests answered during the outage%n", how,
                Duration.ofNanos(System.nanoTime() - downSince).toSeconds(), duringOutage.size());

        for (Response r : duringOutage) {
            assertEquals(503, r.statusCode(), r.asString());
            assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
            assertEquals(PROBLEM, r.jsonPath().getString("type"), r.asString());
            assertEquals("database", r.jsonPath().getString("backend"), r.asString());
            assertTrue(r.header("Retry-After") != null, "Retry-After on " + r.asString());
        }
        assertEquals(Set.of(503), gatewayReadiness, "gateway readiness DOWN all through the outage");
        assertEquals(Set.of(200), gatewayLiveness, "gateway liveness UP all through the outage");
        assertEquals(Set.of(503), billingReadiness, "billing readiness DOWN all through the outage");
        awaitStatus(gateway, "/q/health/ready", 200, Duration.ofMinutes(5));
        awaitStatus(billing, "/q/health/ready", 200, Duration.ofMinutes(5));

        try (KafkaProbe kafka = new KafkaProbe(system.stack().kafkaBootstrapServers())) {
            Map<String, List<EventEnvelope>> finished = TextureWorkers.awaitFinished(kafka, jobs, TextureWorkers.JOBS_TIMEOUT);
            for (String job : jobs) {
                assertTrue(TextureWorkers.count(finished.get(job), EventTypes.COMPLETED) >= 1, "COMPLETED for " + job);
            }
            Map<String, String> statuses = awaitGatewayCompleted(system, jobs);
            assertTrue(jobs.stream().allMatch(j -> "completed".equals(statuses.get(j))), "the gateway shows every job completed: " + statuses);
            Map<String, Integer> captures = TextureWorkers.awaitCaptures(system, jobs);
            assertTrue(captures.values().stream().allMatch(c -> c == 1), "one capture per job: " + captures);
            assertEquals(deadLettersBefore, deadLetters(system), "nothing was written to job.events.dlq");
        }
    }

    /** A submission; a 429 (the key's bucket, checked before the database only while the key is cached) is waited out. */
    private static Response submit(LocalDeployment system, String imageId) {
        while (true) {
            Response r = given().baseUri(system.url(RealSkinService.GATEWAY)).header("Authorization", "Bearer " + system.adminKey())
                    .contentType("application/json").body("{\"type\":\"texture-restore\",\"imageId\":\"" + imageId + "\",\"intensity\":45}")
                    .post("/v1/jobs");
            if (r.statusCode() != 429) {
                return r;
            }
            TextureWorkers.sleep(Duration.ofSeconds(1));
        }
    }

    /** Polls the gateway until every job is completed (or the timeout passes); returns the last statuses. */
    private static Map<String, String> awaitGatewayCompleted(LocalDeployment system, List<String> jobs) {
        long deadline = System.nanoTime() + TextureWorkers.JOBS_TIMEOUT.toNanos();
        Map<String, String> statuses = TextureWorkers.gatewayStatuses(system, jobs);
        while (!jobs.stream().allMatch(j -> "completed".equals(statuses.get(j))) && System.nanoTime() < deadline) {
            TextureWorkers.sleep(Duration.ofSeconds(1));
            statuses.putAll(TextureWorkers.gatewayStatuses(system, jobs));
        }
        return statuses;
    }

    /** How many records were ever written to job.events.dlq: the sum of its partitions' end offsets. */
    private static long deadLetters(LocalDeployment system) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.stack().kafkaBootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            String topic = Topics.dlq(Topics.JOB_EVENTS);
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(30)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static ServiceProcess process(LocalDeployment system, RealSkinService service) {
        return system.processes().stream().filter(p -> p.name().equals(service.module())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + service.module() + " in " + system.processes()));
    }

    /** A health endpoint's status, on the service's management port. */
    private static int status(ServiceProcess service, String path) {
        return given().baseUri(service.managementUrl()).get(path).statusCode();
    }

    private static void awaitStatus(ServiceProcess service, String path, int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = status(service, path);
            if (last == expected) {
                return;
            }
            TextureWorkers.sleep(Duration.ofMillis(250));
        }
        throw new AssertionError(service.name() + path + " was not " + expected + " within " + timeout + " (last " + last + ")");
    }
}
