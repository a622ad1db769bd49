package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.JobProgress;
import io.realskin.contracts.Topics;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import io.realskin.gateway.jobs.JobEventConsumer;
import io.realskin.local.PostgresServer;
import io.realskin.local.PrometheusText;
import io.realskin.support.messaging.OutageRetry;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PostgreSQL stopped ({@code pg_ctl stop -m fast}) or killed ({@code kill -9}) under the running gateway, then started
 * again on its data: meanwhile readiness is DOWN and liveness UP, every request that needs the database is a 503
 * problem, and job events wait (nothing on job.events.dlq); afterwards they are applied and readiness is UP again.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class DatabaseOutageTest {
    private static final Duration WAIT = Duration.ofMinutes(3); // a bound for a busy machine, not a speed claim

    @Inject
    BlobStore blobs;

    @Inject
    KafkaClientService kafka;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/health/live", management = true)
    URL live;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @ParameterizedTest(name = "killed: {0}")
    @ValueSource(booleans = {false, true})
    void requestsAre503AndJobEventsWaitForTheDatabase(boolean kill) throws Exception {
        PostgresServer postgres = LocalStack.shared().postgres();
        assumeTrue(postgres.isEmbedded(), "PGHOST names a PostgreSQL this JVM cannot stop");
        String[] tk = Api.tenantAndKey();
        String tenant = tk[0];
        String key = tk[1];
        String image = Api.upload(key);
        String job = Api.submitTexture(key, image);
        String resultKey = "results/" + tenant + "/" + java.util.UUID.randomUUID() + ".png";
        blobs.put(resultKey, Api.png(64, 48));

        TopicPartition partition = partitionOf(job);
        try (CapturedLog retries = new CapturedLog(OutageRetry.class, null)) {
            if (kill) {
                postgres.kill();
            } else {
                postgres.stop();
            }
            try {
                await("readiness DOWN", () -> given().get(ready), r -> r.statusCode() == 503);
                given().get(live).then().statusCode(200);

                // the key lookup is cached for 2 s: from then on, every call that needs the database is a 503 problem
                await("a 503 for a job read", () -> as(key).get("/v1/jobs/" + job), r -> r.statusCode() == 503);
                assertDatabaseUnavailable(as(key).get("/v1/jobs"));
                assertDatabaseUnavailable(as(key).contentType("application/json")
                        .body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\"}").post("/v1/jobs"));
                assertDatabaseUnavailable(as(key).contentType("image/png").body(Api.png(8, 8)).post("/v1/images"));

                Events.started(tenant, job);
                Events.completed(tenant, job, resultKey, 64, 48, null);
                // an attempt failed for the outage and the job's record stays in hand: neither dead-lettered nor acknowledged
                awaitTrue("an attempt failed for the outage, its record held", () -> retries.records().stream()
                        .anyMatch(r -> r.getFormattedMessage().startsWith("gateway job.events: infrastructure unavailable"))
                        && progress("realskin_consumer_records_in_hand", partition) == 1);
                assertNoDeadLetterOf(job);
            } finally {
                postgres.startAgain();
            }
        }

        await("readiness UP", () -> given().get(ready), r -> r.statusCode() == 200);
        Api.awaitJobStatus(key, job, "completed", WAIT);
        assertNoDeadLetterOf(job);
    }

    /**
     * The shared {@code OutageRetry} as the job.events consumer runs it: the record in hand is not acknowledged (the
     * group's committed offset stays at or before it), the connector pauses the partitions once its buffer is full
     * while it keeps polling (the partitions stay assigned: no rebalance), and when the database answers, every held
     * record is applied in order, the partitions resume and the committed offset moves past them; nothing is
     * dead-lettered. Meanwhile the consumer's progress metrics (what JobEventsConsumerStalled reads) show the record in
     * hand on its partition and no record processed there; afterwards none in hand and the held ones processed.
     */
    @Test
    void aHeldRecordIsNotAcknowledgedAndPausesThePartitionsUntilTheDatabaseAnswers() throws Exception {
        PostgresServer postgres = LocalStack.shared().postgres();
        assumeTrue(postgres.isEmbedded(), "PGHOST names a PostgreSQL this JVM cannot stop");
        String[] tk = Api.tenantAndKey();
        String tenant = tk[0];
        String key = tk[1];
        String job = Api.submitTexture(key, Api.upload(key));
        String resultKey = "results/" + tenant + "/" + java.util.UUID.randomUUID() + ".png";
        blobs.put(resultKey, Api.png(64, 48));
        Events.started(tenant, job);
        Api.awaitJobStatus(key, job, "running", WAIT);

        KafkaConsumer<String, String> consumer = kafka.getConsumer(JobEventConsumer.CHANNEL);
        TopicPartition partition = partitionOf(job);
        long firstHeld = endOffset(consumer, partition);
        double processedWhileHeld;
        // the connector pauses when its queue holds max-queue-size-factor (2) x max.poll.records records
        int buffer = 2 * ConfigProvider.getConfig()
                .getOptionalValue("mp.messaging.incoming." + JobEventConsumer.CHANNEL + ".max.poll.records", Integer.class).orElse(500);

        postgres.stop();
        try {
            await("readiness DOWN", () -> given().get(ready), r -> r.statusCode() == 503);
            try (KafkaProbe probe = Events.probe()) {
                for (int i = 0; i <= buffer; i++) {
                    probe.send(Topics.JOB_EVENTS, job, EventJson.write(EventEnvelope.of(EventTypes.PROGRESS, tenant, job,
                            new JobProgress("synthesis", i % 100))));
                }
            }
            Events.completed(tenant, job, resultKey, 64, 48, null);

            awaitTrue("the partitions paused", () -> !consumer.paused().await().atMost(WAIT).isEmpty());
            Set<TopicPartition> assigned = consumer.getAssignments().await().atMost(WAIT);
            assertTrue(assigned.contains(partition), "still assigned while held: " + assigned);
            assertTrue(committed(consumer, partition) <= firstHeld, "the held record at offset " + firstHeld + " was acknowledged");
            given().get(live).then().statusCode(200);
            assertEquals(1.0, progress("realskin_consumer_records_in_hand", partition), "the held record in hand");
            processedWhileHeld = progress("realskin_consumer_records_processed_total", partition);
            assertEquals(processedWhileHeld, progress("realskin_consumer_records_processed_total", partition),
                    "nothing processed while the record is held");
        } finally {
            postgres.startAgain();
        }

        Api.awaitJobStatus(key, job, "completed", Duration.ofMinutes(5));
        awaitTrue("the partitions resumed", () -> consumer.paused().await().atMost(WAIT).isEmpty());
        long end = endOffset(consumer, partition);
        awaitTrue("the offset committed past every held record", () -> committed(consumer, partition) >= end);
        awaitTrue("the held records processed, none in hand", () -> progress("realskin_consumer_records_in_hand", partition) == 0
                && progress("realskin_consumer_records_processed_total", partition) > processedWhileHeld + buffer);
        assertNoDeadLetterOf(job);
    }

    /**
     * Nothing of the job on job.events.dlq, read to the end it has now rather than watched for a while: the consumer
     * finishes a dead-lettered record only once its dead letter is written, and takes the next one after that, so once
     * the job's last event has been applied any dead letter of its events, during the outage or after it, is there.
     */
    private static void assertNoDeadLetterOf(String job) {
        try (KafkaProbe probe = Events.probe()) {
            assertEquals(List.of(), probe.readToEnd(Topics.dlq(Topics.JOB_EVENTS), r -> job.equals(r.key()), WAIT),
                    "no job event is dead-lettered because the database was away");
        }
    }

    /** The job.events partition of the job's records: the producer's keyed choice. */
    private TopicPartition partitionOf(String job) {
        int partitions = kafka.getConsumer(JobEventConsumer.CHANNEL).partitionsFor(Topics.JOB_EVENTS).await().atMost(WAIT).size();
        return new TopicPartition(Topics.JOB_EVENTS, Utils.toPositive(Utils.murmur2(job.getBytes(StandardCharsets.UTF_8))) % partitions);
    }

    /** A progress metric of the job.events consumer on this partition; NaN when it is not exported. */
    private double progress(String name, TopicPartition partition) {
        Double value = PrometheusText.sum(given().get(metrics).then().statusCode(200).extract().asString(), name,
                Map.of("topic", partition.topic(), "partition", Integer.toString(partition.partition())));
        return value == null ? Double.NaN : value;
    }

    private static long endOffset(KafkaConsumer<String, String> consumer, TopicPartition partition) {
        Function<Consumer<String, String>, Long> end = c -> c.endOffsets(List.of(partition)).get(partition);
        return consumer.runOnPollingThread(end).await().atMost(WAIT);
    }

    /** The group's committed offset of the partition; -1 when none was committed yet. */
    private static long committed(KafkaConsumer<String, String> consumer, TopicPartition partition) {
        OffsetAndMetadata committed = consumer.committed(partition).await().atMost(WAIT).get(partition);
        return committed == null ? -1 : committed.offset();
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within 5 min");
            }
            Thread.sleep(200);
        }
    }

    private static void assertDatabaseUnavailable(Response response) {
        response.then().statusCode(503).contentType("application/problem+json");
        assertEquals("https://realskin.io/problems/backend-unavailable", response.jsonPath().getString("type"), response.asString());
        assertEquals("database", response.jsonPath().getString("backend"));
        assertNotNull(response.header("Retry-After"));
    }

    private static void await(String what, Supplier<Response> call, java.util.function.Predicate<Response> until) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Response last = null;
        while (System.nanoTime() < deadline) {
            last = call.get();
            if (until.test(last)) {
                if (last.statusCode() == 503 && last.contentType().startsWith("application/problem+json")) {
                    assertDatabaseUnavailable(last);
                }
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(what + " did not happen within " + WAIT + ": " + (last == null ? null : last.statusCode() + " " + last.asString()));
    }
}
