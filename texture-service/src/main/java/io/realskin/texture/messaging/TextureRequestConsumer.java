package io.realskin.texture.messaging;

import io.realskin.contracts.EventJson;
import io.realskin.support.messaging.RequestWork;
import io.realskin.texture.config.WorkerConfig;
import io.realskin.texture.service.TextureJobService;
import io.realskin.texture.service.TextureWorkerPool;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumer group {@code texture-workers} on texture.requests. Each record first waits for a place among the records
 * this process may hold ({@link TextureWorkerPool#reserve()}), then queues in the pool, where jobs start by tenant in
 * turn. Jobs run unordered and acknowledge their record when done (the connector commits in offset order), so a crash
 * leaves every unfinished record uncommitted and the group redelivers it. A record that throws is nacked
 * ({@link RequestWork}): the connector writes it to texture.requests.dlq with the reason in headers.
 */
@ApplicationScoped
public class TextureRequestConsumer {
    public static final String CHANNEL = "texture-requests";
    private static final Logger LOG = Logger.getLogger(TextureRequestConsumer.class);

    private final TextureJobService jobs;
    private final TextureWorkerPool pool;
    private final WorkerConfig config;

    public TextureRequestConsumer(TextureJobService jobs, TextureWorkerPool pool, WorkerConfig config) {
        this.jobs = jobs;
        this.pool = pool;
        this.config = config;
    }

    @Incoming(CHANNEL)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<String> record) {
        return Uni.createFrom().completionStage(pool::reserve)
                .invoke(() -> pool.submit(tenantOf(record.getPayload()), partitionOf(record), () -> work(record)));
    }

    /** The tenant whose turn the record takes; "" when it names none or cannot be read (its job fails it with a code). */
    static String tenantOf(String value) {
        try {
            String tenant = EventJson.readEnvelope(value).tenantId();
            return tenant == null ? "" : tenant;
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static TopicPartition partitionOf(Message<String> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> new TopicPartition(m.getTopic(), m.getPartition())).orElse(null);
    }

    /** In the job's trace: its events continue it, and its log lines carry its trace id and job id. */
    private void work(Message<String> record) {
        RequestWork.settle(record, (key, value) -> {
            jobs.handle(key, value);
            LOG.infof("texture job %s done", key);
        });
    }

    /** Runs before the messaging connectors stop, so finished jobs can still publish and commit. */
    void drainOnShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        LOG.infof("shutdown: draining %d running texture jobs (up to %s); %d queued ones stay for redelivery",
                pool.inFlight(), config.drainTimeout(), pool.queued());
        pool.drain(config.drainTimeout());
    }
}
