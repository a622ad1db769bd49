package io.realskin.texture.messaging;

import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.TextureOperation;
import io.realskin.contracts.TextureRequest;
import io.realskin.contracts.Topics;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalStack;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What the worker's Kafka tests share: a probe on the test broker, and a restore request for a small stored image. */
abstract class KafkaWorkerTest {
    @Inject
    BlobStore blobs;

    KafkaProbe kafka;

    @BeforeEach
    void connectKafka() {
        kafka = new KafkaProbe(LocalStack.shared().kafkaBootstrapServers());
    }

    @AfterEach
    void disconnectKafka() {
        kafka.close();
    }

    /** Stores a 64x48 PNG for the job and sends its restore request to texture.requests; returns the job id. */
    String sendRestore(String tenant, String jobId) throws Exception {
        blobs.put(imageKey(tenant, jobId), TextureWorkerTest.png(64, 48));
        kafka.send(Topics.TEXTURE_REQUESTS, jobId, EventJson.write(restoreRequest(tenant, jobId)));
        return jobId;
    }

    /** The restore request {@link #sendRestore} sends (a new event id each time; its result's key is the same). */
    static EventEnvelope restoreRequest(String tenant, String jobId) {
        return EventEnvelope.of(EventTypes.TEXTURE_REQUESTED, tenant, jobId,
                new TextureRequest(TextureOperation.RESTORE, imageKey(tenant, jobId), null, null, null, 40, 1L));
    }

    static String imageKey(String tenant, String jobId) {
        return "images/" + tenant + "/" + jobId;
    }
}
