package io.realskin.texture.messaging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.Topics;
import io.realskin.local.CancelProbe;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import io.realskin.texture.service.TextureWorkerPool;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * Texture jobs from texture.requests start by tenant in turn: a tenant's burst, read from Kafka before another
 * tenant's job, delays that job by one turn, not by the whole burst. Jobs queued for a partition that moves to another
 * member of the group are left to it.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class TextureTurnsTest extends KafkaWorkerTest {
    private static final Duration WAIT = Duration.ofSeconds(240);
    private static final int BURST = 6;
    private static final int PARTITIONS = Topics.ALL.stream().filter(t -> t.name().equals(Topics.TEXTURE_REQUESTS))
            .findFirst().orElseThrow().partitions();

    @Inject
    TextureWorkerPool pool;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void anotherTenantsJobWaitsOneTurnBehindABurstNotTheWholeBurst() throws Exception {
        String burster = "turns-a-" + UUID.randomUUID();
        String other = "turns-b-" + UUID.randomUUID();
        List<CountingProcessor.Hold> holds = holdEveryThread(burster);
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            queued.add(imageKey(burster, sendRestore(burster, "job-" + UUID.randomUUID())));
        }
        String otherJob = sendRestore(other, "job-" + UUID.randomUUID());
        String otherKey = imageKey(other, otherJob);
        queued.add(otherKey);
        CancelProbe.awaitTrue("the burst and the other tenant's job taken from Kafka and queued", WAIT,
                () -> pool.queued() >= BURST + 1);
        String scrape = given().when().get(metrics).then().statusCode(200).extract().asString();
        Matcher gauge = Pattern.compile("(?m)^realskin_texture_jobs_queued(?:\\{[^}]*})? (\\S+)$").matcher(scrape);
        assertTrue(gauge.find(), "the queue's gauge is exported");
        assertTrue(Double.parseDouble(gauge.group(1)) >= BURST + 1, gauge.group());

        holds.forEach(CountingProcessor.Hold::open);
        CancelProbe.awaitTrue("every queued job started", WAIT, () -> CountingProcessor.STARTED.containsAll(queued));
        List<String> order = CountingProcessor.STARTED.stream().filter(queued::contains).toList();
        assertTrue(order.indexOf(otherKey) <= 1, "the burster's first queued job, then the other tenant's: " + order);
        List<KafkaProbe.Received> ends = kafka.await(Topics.JOB_EVENTS,
                r -> otherJob.equals(r.key()) && r.value().contains("\"COMPLETED\""), found -> !found.isEmpty(), WAIT);
        assertEquals(1, ends.size(), "the other tenant's job completed");
    }

    @Test
    void jobsQueuedForAPartitionThatMovesAreDroppedHereAndWorkedOnceByItsNewOwner() throws Exception {
        String tenant = "turns-m-" + UUID.randomUUID();
        List<CountingProcessor.Hold> holds = holdEveryThread(tenant);
        Map<Integer, String> jobByPartition = onePerPartition();
        for (String jobId : jobByPartition.values()) {
            sendRestore(tenant, jobId);
        }
        CancelProbe.awaitTrue("the jobs queued", WAIT, () -> pool.queued() >= PARTITIONS);
        int queuedBefore = pool.queued();

        Set<String> moved = new HashSet<>();
        try (KafkaConsumer<String, String> member = groupMember()) {
            // it joins the workers' group: partitions move to it, and it reads their records from the last commit
            member.subscribe(List.of(Topics.TEXTURE_REQUESTS));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline && !readToTheEnd(member)) {
                member.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (jobByPartition.containsValue(r.key())) {
                        moved.add(r.key());
                    }
                });
            }
            Set<String> expected = member.assignment().stream().map(tp -> jobByPartition.get(tp.partition())).collect(Collectors.toSet());
            assertTrue(!expected.isEmpty() && expected.equals(moved), "the new owner read the jobs of its partitions: " + moved);
            CancelProbe.awaitTrue("the moved jobs dropped from this worker's queue", WAIT,
                    () -> pool.queued() <= queuedBefore - moved.size());
            assertTrue(jobByPartition.values().stream().noneMatch(jobId -> CountingProcessor.STARTED.contains(imageKey(tenant, jobId))),
                    "dropped, not started: every thread is still held");
        } // it leaves without committing: the partitions come back, and their records with them

        holds.forEach(CountingProcessor.Hold::open);
        CancelProbe.awaitTrue("every job worked", WAIT, () -> jobByPartition.values().stream()
                .allMatch(jobId -> CountingProcessor.STARTED.contains(imageKey(tenant, jobId))));
        CancelProbe.awaitTrue("the worker idle", WAIT, () -> pool.queued() == 0 && pool.inFlight() == 0);
        Map<String, Long> completions = kafka.readToEnd(Topics.JOB_EVENTS,
                        r -> jobByPartition.containsValue(r.key()) && r.value().contains("\"COMPLETED\""), WAIT).stream()
                .collect(Collectors.groupingBy(KafkaProbe.Received::key, Collectors.counting()));
        assertEquals(jobByPartition.values().stream().collect(Collectors.toMap(jobId -> jobId, jobId -> 1L)), completions,
                "each job completed once: a moved job kept in this worker's queue would have been worked twice");
    }

    /** Every thread busy with a job of {@code tenant}, held just after its first stage. */
    private List<CountingProcessor.Hold> holdEveryThread(String tenant) throws Exception {
        List<CountingProcessor.Hold> holds = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            String jobId = "job-" + UUID.randomUUID();
            holds.add(CountingProcessor.holdAfterFirstStage(imageKey(tenant, jobId)));
            sendRestore(tenant, jobId);
        }
        for (CountingProcessor.Hold hold : holds) {
            assertTrue(hold.reached.await(WAIT.toSeconds(), TimeUnit.SECONDS), "a held job runs");
        }
        return holds;
    }

    /** A job id for each partition of texture.requests, by the producer's default partitioner (murmur2 of the key). */
    private static Map<Integer, String> onePerPartition() {
        Map<Integer, String> jobs = new HashMap<>();
        while (jobs.size() < PARTITIONS) {
            String jobId = "job-" + UUID.randomUUID();
            jobs.putIfAbsent(Utils.toPositive(Utils.murmur2(jobId.getBytes(StandardCharsets.UTF_8))) % PARTITIONS, jobId);
        }
        return jobs;
    }

    /** A second member of the workers' group, as a texture-service replica joins it. */
    private static KafkaConsumer<String, String> groupMember() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.shared().kafkaBootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "texture-workers");
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    private static boolean readToTheEnd(KafkaConsumer<String, String> member) {
        Set<TopicPartition> assigned = member.assignment();
        if (assigned.isEmpty()) {
            return false;
        }
        Map<TopicPartition, Long> ends = member.endOffsets(assigned);
        return assigned.stream().allMatch(tp -> member.position(tp) >= ends.get(tp));
    }

}
