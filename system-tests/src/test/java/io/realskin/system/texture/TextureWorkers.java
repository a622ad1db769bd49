package io.realskin.system.texture;

import static io.restassured.RestAssured.given;

import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.JobStarted;
import io.realskin.contracts.Topics;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalDeployment;
import io.realskin.system.RealSkinSystem;
import io.realskin.local.RealSkinService;
import io.realskin.local.ServiceProcess;
import io.restassured.response.Response;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the texture system tests share: the JVM's one deployment (started by {@code RealSkinSystem}), texture-service
 * replicas, job submission through the gateway, the workers' metrics, job.events and billing's ledger.
 */
final class TextureWorkers {
    static final String TENANT = "admin";
    static final Duration JOBS_TIMEOUT = Duration.ofMinutes(10);
    /** The texture.requests consumer's partitions only: each worker's cancel reader holds all of job.events besides. */
    private static final String ASSIGNED = "kafka_consumer_coordinator_assigned_partitions{client_id=\"kafka-consumer-texture-requests\"";

    private TextureWorkers() {
    }

    /** The deployment every system test of this JVM shares. */
    static LocalDeployment system() {
        return RealSkinSystem.get();
    }

    /** The texture-service that {@code startAll()} started. */
    static ServiceProcess firstWorker(LocalDeployment system) {
        return system.processes().stream().filter(p -> p.name().equals(RealSkinService.TEXTURE.module())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no texture-service in " + system.processes()));
    }

    static ServiceProcess startWorker(LocalDeployment system, String name) {
        return startWorker(system, name, Map.of());
    }

    /** A replica with the first worker's Kafka clocks ({@link RealSkinSystem#TEXTURE_WORKER_CLOCKS}) and {@code environment}. */
    static ServiceProcess startWorker(LocalDeployment system, String name, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(RealSkinSystem.TEXTURE_WORKER_CLOCKS);
        env.putAll(environment);
        ServiceProcess worker = system.startReplica(RealSkinService.TEXTURE, name, env);
        worker.awaitReady(LocalDeployment.READY_TIMEOUT);
        return worker;
    }

    /** Waits until the live workers share every partition of texture.requests, each holding some: the group is stable. */
    static void awaitGroupSettled(List<ServiceProcess> workers) throws InterruptedException {
        int partitions = Topics.ALL.stream().filter(t -> t.name().equals(Topics.TEXTURE_REQUESTS)).findFirst().orElseThrow().partitions();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<Double> assigned = List.of();
        while (System.nanoTime() < deadline) {
            assigned = workers.stream().map(w -> metric(w, ASSIGNED)).toList();
            if (assigned.stream().allMatch(a -> a > 0) && assigned.stream().mapToDouble(Double::doubleValue).sum() == partitions) {
                Thread.sleep(1000);
                List<Double> again = workers.stream().map(w -> metric(w, ASSIGNED)).toList();
                if (again.equals(assigned)) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the texture-workers group did not settle: assigned partitions " + assigned);
    }

    /**
     * Billing credit enough for the test's jobs, through the gateway's admin API: the admin tenant's billing account
     * is opened on its plan (ultimate, which keeps its keys' rate limit), then credited.
     */
    static void grantCredits(LocalDeployment system, long amount) {
        String gateway = system.url(RealSkinService.GATEWAY);
        String admin = "Bearer " + system.adminKey();
        given().baseUri(gateway).header("Authorization", admin).contentType("application/json").body("{\"plan\":\"ultimate\"}")
                .put("/v1/admin/tenants/" + TENANT + "/plan").then().statusCode(200);
        given().baseUri(gateway).header("Authorization", admin).contentType("application/json")
                .body("{\"amount\":" + amount + ",\"idempotencyKey\":\"" + UUID.randomUUID() + "\",\"reason\":\"texture system test\"}")
                .post("/v1/admin/tenants/" + TENANT + "/grants").then().statusCode(201);
    }

    static byte[] portrait() throws Exception {
        try (InputStream in = TextureWorkers.class.getResourceAsStream("/fixtures/portrait.jpg")) {
            return in.readAllBytes();
        }
    }

    static String upload(LocalDeployment system, byte[] jpeg) {
        return gateway(system, () -> given().baseUri(system.url(RealSkinService.GATEWAY))
                .header("Authorization", "Bearer " + system.adminKey()).contentType("image/jpeg").body(jpeg)
                .post("/v1/images"), 201).jsonPath().getString("id");
    }

    static List<String> submitRestores(LocalDeployment system, String imageId, int count) {
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            jobs.add(gateway(system, () -> given().baseUri(system.url(RealSkinService.GATEWAY))
                    .header("Authorization", "Bearer " + system.adminKey()).contentType("application/json")
                    .body("{\"type\":\"texture-restore\",\"imageId\":\"" + imageId + "\",\"intensity\":45}")
                    .post("/v1/jobs"), 202).jsonPath().getString("id"));
        }
        return jobs;
    }

    /** A gateway call, retried after Retry-After when the key's rate limit answers 429. */
    private static Response gateway(LocalDeployment system, java.util.function.Supplier<Response> call, int expected) {
        for (int attempt = 0; attempt < 120; attempt++) {
            Response response = call.get();
            if (response.statusCode() != 429) {
                response.then().log().ifValidationFails().statusCode(expected);
                return response;
            }
            String retryAfter = response.header("Retry-After");
            sleep(Duration.ofSeconds(retryAfter == null ? 1 : Math.max(1, Long.parseLong(retryAfter))));
        }
        throw new AssertionError("the gateway kept answering 429");
    }

    /** The gateway's view of the jobs: id to status. */
    static Map<String, String> gatewayStatuses(LocalDeployment system, Collection<String> jobIds) {
        Map<String, String> statuses = new HashMap<>();
        String cursor = null;
        do {
            String page = cursor;
            Response response = gateway(system, () -> {
                var request = given().baseUri(system.url(RealSkinService.GATEWAY))
                        .header("Authorization", "Bearer " + system.adminKey()).queryParam("limit", 100);
                return (page == null ? request : request.queryParam("cursor", page)).get("/v1/jobs");
            }, 200);
            List<Map<String, Object>> items = response.jsonPath().getList("items");
            for (Map<String, Object> item : items) {
                if (jobIds.contains((String) item.get("id"))) {
                    statuses.put((String) item.get("id"), (String) item.get("status"));
                }
            }
            cursor = response.jsonPath().getString("nextCursor");
        } while (cursor != null && statuses.size() < jobIds.size());
        return statuses;
    }

    /** job.events of these jobs, read until each has a COMPLETED or FAILED (or the timeout passes). */
    static Map<String, List<EventEnvelope>> awaitFinished(KafkaProbe kafka, Collection<String> jobIds, Duration timeout) {
        Set<String> ids = new HashSet<>(jobIds);
        List<KafkaProbe.Received> records = kafka.await(Topics.JOB_EVENTS, r -> ids.contains(r.key()),
                found -> finished(found).containsAll(ids), timeout);
        return byJob(records);
    }

    /** Every job.events record of these jobs written so far (after they finished: duplicates would be among them). */
    static Map<String, List<EventEnvelope>> allEvents(KafkaProbe kafka, Collection<String> jobIds) {
        Set<String> ids = new HashSet<>(jobIds);
        return byJob(kafka.readToEnd(Topics.JOB_EVENTS, r -> ids.contains(r.key()), Duration.ofMinutes(2)));
    }

    private static Set<String> finished(List<KafkaProbe.Received> records) {
        Set<String> done = new HashSet<>();
        records.stream().filter(TextureWorkers::ended).forEach(r -> done.add(r.key()));
        return done;
    }

    private static Map<String, List<EventEnvelope>> byJob(List<KafkaProbe.Received> records) {
        Map<String, List<EventEnvelope>> events = new HashMap<>();
        for (KafkaProbe.Received r : records) {
            events.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(EventJson.readEnvelope(r.value()));
        }
        return events;
    }

    static long count(List<EventEnvelope> events, String type) {
        return events == null ? 0 : events.stream().filter(e -> e.type().equals(type)).count();
    }

    /**
     * Reads job.events until it shows a job STARTED by this worker and not yet COMPLETED or FAILED: the worker is on
     * it now, with its record uncommitted.
     */
    static boolean awaitJobRunningOn(KafkaProbe kafka, ServiceProcess worker, Duration timeout) {
        String name = worker.pid() + "@";
        List<KafkaProbe.Received> seen = kafka.await(Topics.JOB_EVENTS, r -> startedOn(r, name) || ended(r),
                found -> !runningOn(found, name).isEmpty(), timeout);
        return !runningOn(seen, name).isEmpty();
    }

    private static Set<String> runningOn(List<KafkaProbe.Received> records, String name) {
        Set<String> running = new HashSet<>();
        records.stream().filter(r -> startedOn(r, name)).forEach(r -> running.add(r.key()));
        records.stream().filter(TextureWorkers::ended).forEach(r -> running.remove(r.key()));
        return running;
    }

    private static boolean startedOn(KafkaProbe.Received record, String name) {
        return envelope(record).filter(e -> e.type().equals(EventTypes.STARTED))
                .filter(e -> e.payloadAs(JobStarted.class).worker().startsWith(name)).isPresent();
    }

    private static boolean ended(KafkaProbe.Received record) {
        return envelope(record).filter(e -> e.type().equals(EventTypes.COMPLETED) || e.type().equals(EventTypes.FAILED)).isPresent();
    }

    /** job.events also holds the poison records other tests send on purpose. */
    private static Optional<EventEnvelope> envelope(KafkaProbe.Received record) {
        try {
            return Optional.of(EventJson.readEnvelope(record.value()));
        } catch (RuntimeException notAnEvent) {
            return Optional.empty();
        }
    }

    /** Worker names ("pid@host") that sent a STARTED for the job. */
    static List<String> startedBy(List<EventEnvelope> events) {
        return events.stream().filter(e -> e.type().equals(EventTypes.STARTED)).map(e -> e.payloadAs(JobStarted.class).worker()).toList();
    }

    /** Billing's CAPTURE entries of one job. */
    static int captures(LocalDeployment system, String jobId) {
        return RealSkinSystem.billingAs(TENANT, "billing:read").queryParam("jobId", jobId).queryParam("kind", "CAPTURE")
                .get("/accounts/" + TENANT + "/ledger")
                .then().statusCode(200).extract().jsonPath().getList("items.id").size();
    }

    /** Waits (bounded) until billing has applied every job's COMPLETED, then returns each job's CAPTURE count. */
    static Map<String, Integer> awaitCaptures(LocalDeployment system, Collection<String> jobIds) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Map<String, Integer> captures = new HashMap<>();
        while (true) {
            for (String job : jobIds) {
                if (captures.getOrDefault(job, 0) == 0) {
                    captures.put(job, captures(system, job));
                }
            }
            if (captures.values().stream().allMatch(c -> c > 0) || System.nanoTime() > deadline) {
                break;
            }
            sleep(Duration.ofSeconds(1));
        }
        try (KafkaProbe kafka = new KafkaProbe(system.stack().kafkaBootstrapServers())) {
            kafka.awaitConsumed("billing", Topics.JOB_EVENTS, Duration.ofSeconds(90)); // a duplicate capture would be applied by now
        }
        for (String job : jobIds) {
            captures.put(job, captures(system, job));
        }
        return captures;
    }

    /**
     * Sum of a Prometheus series over its labels on a worker's /q/metrics, on its management port (0 when absent);
     * {@code name} may end in the start of its label set ({@code name{client_id="..."}), labels being in name order.
     */
    static double metric(ServiceProcess worker, String name) {
        String text = given().baseUri(worker.managementUrl()).get("/q/metrics").then().statusCode(200).extract().asString();
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name.contains("{") ? name : name + "{") || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
