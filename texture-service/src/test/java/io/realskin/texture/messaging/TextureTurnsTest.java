package io.realskin.texture.messaging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.TextureOperation;
import io.realskin.contracts.TextureRequest;
import io.realskin.contracts.Topics;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.local.CancelProbe;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import io.realskin.texture.service.TextureWorkerPool;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Texture jobs from texture.requests start by tenant in turn: a tenant's burst, read from Kafka before another
 * tenant's job, delays that job by one turn, not by the whole burst.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class TextureTurnsTest {
    private static final Duration WAIT = Duration.ofSeconds(240);
    private static final int BURST = 6;

    @Inject
    BlobStore blobs;

    @Inject
    TextureWorkerPool pool;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    private KafkaProbe kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaProbe(LocalStack.shared().kafkaBootstrapServers());
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void anotherTenantsJobWaitsOneTurnBehindABurstNotTheWholeBurst() throws Exception {
        String burster = "turns-a-" + UUID.randomUUID();
        String other = "turns-b-" + UUID.randomUUID();
        // every thread busy with one of the burster's jobs, held just after its first stage
        List<CountingProcessor.Hold> holds = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            String jobId = "job-" + UUID.randomUUID();
            holds.add(CountingProcessor.holdAfterFirstStage(imageKey(burster, jobId)));
            send(burster, jobId);
        }
        for (CountingProcessor.Hold hold : holds) {
            assertTrue(hold.reached.await(WAIT.toSeconds(), TimeUnit.SECONDS), "a held job runs");
        }
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            queued.add(imageKey(burster, send(burster, "job-" + UUID.randomUUID())));
        }
        String otherJob = send(other, "job-" + UUID.randomUUID());
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

    private String send(String tenant, String jobId) throws Exception {
        String key = imageKey(tenant, jobId);
        blobs.put(key, TextureWorkerTest.png(64, 48));
        kafka.send(Topics.TEXTURE_REQUESTS, jobId, EventJson.write(EventEnvelope.of(EventTypes.TEXTURE_REQUESTED, tenant, jobId,
                new TextureRequest(TextureOperation.RESTORE, key, null, null, null, 40, 1L))));
        return jobId;
    }

    private static String imageKey(String tenant, String jobId) {
        return "images/" + tenant + "/" + jobId;
    }
}
