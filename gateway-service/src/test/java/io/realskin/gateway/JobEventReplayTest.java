package io.realskin.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.Topics;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md's DLQ replay, for the gateway's job events: an event that cannot be applied (its result blob is
 * missing) is dead-lettered and the consumer goes on; once the cause is fixed, copying the dead letter back to
 * job.events applies it, and copying it again (an operator replaying twice) changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class JobEventReplayTest {
    private static final Duration KAFKA = Duration.ofSeconds(30);

    @Inject
    BlobStore blobs;

    @Test
    void aDeadLetteredEventIsAppliedOnceHoweverOftenItIsReplayed() throws Exception {
        String[] tk = Api.tenantAndKey();
        String key = tk[1];
        String job = Api.submitTexture(key, Api.upload(key));
        String resultKey = "results/" + java.util.UUID.randomUUID() + ".png";
        Events.completed(tk[0], job, resultKey, 64, 48, null);

        List<KafkaProbe.Received> dead = Events.await(Topics.dlq(Topics.JOB_EVENTS), job, 1, KAFKA);
        assertEquals(1, dead.size(), "the event whose result blob is missing was dead-lettered");
        assertTrue(dead.get(0).headers().containsKey("dead-letter-reason"), dead.get(0).headers().toString());
        Api.as(key).get("/v1/jobs/" + job).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("queued"));

        blobs.put(resultKey, Api.png(64, 48));
        try (KafkaProbe probe = Events.probe()) {
            probe.send(Topics.JOB_EVENTS, dead.get(0).key(), dead.get(0).value());
            String imageId = Api.awaitJobStatus(key, job, "completed", KAFKA).getString("result.imageId");

            probe.send(Topics.JOB_EVENTS, dead.get(0).key(), dead.get(0).value());
            // a poison record behind it on the same partition: once it is dead-lettered, the replay before it was consumed
            probe.send(Topics.JOB_EVENTS, job, "not an event");
            assertEquals(2, Events.await(Topics.dlq(Topics.JOB_EVENTS), job, 2, KAFKA).size());

            Api.as(key).get("/v1/jobs/" + job).then().statusCode(200).body("result.imageId", org.hamcrest.Matchers.equalTo(imageId));
            assertEquals(1, imagesOf(resultKey), "the result was registered once");
        }
    }

    /**
     * A COMPLETED whose payload does not fit its type fails inside the consumer's outage-aware retry, with an error
     * Jackson reports as an IOException: it is poison all the same, dead-lettered at once (not held as if the database
     * were away), and the next event of the same partition is applied.
     */
    @Test
    void anEventWhosePayloadDoesNotFitIsDeadLetteredAndTheConsumerGoesOn() {
        String[] tk = Api.tenantAndKey();
        String key = tk[1];
        String job = Api.submitTexture(key, Api.upload(key));
        try (KafkaProbe probe = Events.probe()) {
            probe.send(Topics.JOB_EVENTS, job, EventJson.write(EventEnvelope.of(EventTypes.COMPLETED, tk[0], job,
                    java.util.Map.of("resultKey", "results/x.png", "width", "wide"))));
        }
        Events.failed(tk[0], job, "internal");

        List<KafkaProbe.Received> dead = Events.await(Topics.dlq(Topics.JOB_EVENTS), job, 1, KAFKA);
        assertEquals(1, dead.size(), "the COMPLETED that does not fit was dead-lettered");
        assertTrue(dead.get(0).value().contains("\"wide\""), dead.get(0).value());
        Api.awaitJobStatus(key, job, "failed", KAFKA);
    }

    private static long imagesOf(String blobKey) throws Exception {
        try (Connection c = LocalStack.shared().postgres().connect("gateway");
             PreparedStatement ps = c.prepareStatement("select count(*) from images where blob_key = ?")) {
            ps.setString(1, blobKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
