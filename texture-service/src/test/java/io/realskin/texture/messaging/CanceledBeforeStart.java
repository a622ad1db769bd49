package io.realskin.texture.messaging;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.realskin.local.CancelProbe;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalStack;
import java.util.Map;
import java.util.UUID;

/**
 * The gateway's CANCELED of a job, published before the service (and its cancel reader) starts: what a worker that
 * restarts, or is added by a scale-up, finds of the cancels of the requests that waited for it. The job id is in
 * {@value #JOB_PROPERTY}.
 */
public class CanceledBeforeStart implements QuarkusTestResourceLifecycleManager {
    static final String JOB_PROPERTY = "test.canceled-before-start";
    static final String TENANT = "t1";

    @Override
    public Map<String, String> start() {
        String jobId = "job-before-start-" + UUID.randomUUID();
        try (KafkaProbe kafka = new KafkaProbe(LocalStack.shared().kafkaBootstrapServers())) {
            new CancelProbe(kafka).cancel(TENANT, jobId);
        }
        return Map.of(JOB_PROPERTY, jobId);
    }

    @Override
    public void stop() {
        // the record stays in job.events, as the gateway's would
    }
}
