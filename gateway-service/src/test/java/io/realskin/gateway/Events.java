package io.realskin.gateway;

import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.JobCompleted;
import io.realskin.contracts.JobFailed;
import io.realskin.contracts.JobProgress;
import io.realskin.contracts.JobStarted;
import io.realskin.contracts.Topics;
import io.realskin.local.KafkaProbe;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/** What a worker would write to job.events, and reading what the gateway wrote. */
final class Events {
    static KafkaProbe probe() {
        return new KafkaProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    static void started(String tenant, String job) {
        send(EventEnvelope.of(EventTypes.STARTED, tenant, job, new JobStarted("test-worker")));
    }

    static void progress(String tenant, String job, String stage, int percent) {
        send(EventEnvelope.of(EventTypes.PROGRESS, tenant, job, new JobProgress(stage, percent)));
    }

    static void completed(String tenant, String job, String resultKey, int width, int height, String analysisJson) {
        JobCompleted payload = new JobCompleted(resultKey, resultKey == null ? null : "image/png", width, height, 0.7,
                resultKey == null ? null : 0.2, new JobCompleted.Usage("texture-restore", null, width * height / 1e6, null),
                analysisJson == null ? null : read(analysisJson));
        send(EventEnvelope.of(EventTypes.COMPLETED, tenant, job, payload));
    }

    /** A texture restore's COMPLETED as texture-service writes it: with its per-face reports and locality receipt. */
    static void restored(String tenant, String job, String resultKey, int width, int height) {
        JobCompleted payload = new JobCompleted(resultKey, resultKey == null ? null : "image/png", width, height, 0.7, 0.2,
                new JobCompleted.Usage("texture-restore", null, width * height / 1e6, 0.1), null, read(FACE_RESTORES), read(LOCALITY));
        send(EventEnvelope.of(EventTypes.COMPLETED, tenant, job, payload));
    }

    static final String SHA = "5a3e76cd9550d5f0cfdc3934b6aa509703db84f6d1ca7a2f649b70d17b7ffa83";
    static final String FACE_RESTORES = "[{\"box\":[10,8,30,30],\"intensity\":41,\"target\":0.0212,\"before\":0.0061,"
            + "\"after\":0.0178,\"skipped\":null}]";
    static final String LOCALITY = "{\"changedPixels\":412,\"boxes\":[[8,6,34,36]],\"layoutBefore\":\"rgb8\",\"sha256Before\":\""
            + SHA + "\",\"layoutAfter\":\"rgb8\",\"sha256After\":\"" + SHA + "\",\"identical\":true}";

    static void failed(String tenant, String job, String code) {
        send(EventEnvelope.of(EventTypes.FAILED, tenant, job, new JobFailed(code, "it failed")));
    }

    static List<KafkaProbe.Received> await(String topic, String jobId, int count, Duration timeout) {
        try (KafkaProbe probe = probe()) {
            return probe.await(topic, r -> jobId.equals(r.key()), found -> found.size() >= count, timeout);
        }
    }

    private static void send(EventEnvelope event) {
        try (KafkaProbe probe = probe()) {
            probe.send(Topics.JOB_EVENTS, event.jobId(), EventJson.write(event));
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String json) {
        try {
            return EventJson.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Events() {
    }
}
