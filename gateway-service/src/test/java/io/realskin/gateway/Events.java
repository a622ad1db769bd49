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

    /** A restore's completion with the engine's restore document (levels per face, locality receipt). */
    static void completedRestore(String tenant, String job, String resultKey, int width, int height, String restoreJson) {
        JobCompleted payload = new JobCompleted(resultKey, "image/png", width, height, 0.7, 0.2,
                new JobCompleted.Usage("texture-restore", null, width * height / 1e6, 0.1), null, read(restoreJson));
        send(EventEnvelope.of(EventTypes.COMPLETED, tenant, job, payload));
    }

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
