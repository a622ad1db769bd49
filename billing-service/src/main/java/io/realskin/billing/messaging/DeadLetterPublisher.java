package io.realskin.billing.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.support.messaging.DeadLetterSender;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * job.events records billing cannot apply, to job.events.dlq (the shared {@link DeadLetterSender}), each cut to what
 * the dead-letter producer may send ({@link DeadLetterFit}).
 */
@Singleton
public class DeadLetterPublisher extends DeadLetterSender {
    private final int maxRequestSize;

    public DeadLetterPublisher(@Channel(Channels.JOB_EVENTS_DLQ) MutinyEmitter<String> emitter, MeterRegistry registry,
                               @ConfigProperty(name = "mp.messaging.outgoing.job-events-dlq.max.request.size", defaultValue = "1048576")
                               int maxRequestSize) {
        super(emitter, registry, "billing.job_events.dead_lettered");
        this.maxRequestSize = maxRequestSize;
    }

    @Override
    public Uni<Void> send(KafkaRecord<String, String> record, String code, String reason) {
        DeadLetterFit.Fitted fitted = DeadLetterFit.fit(record, reason, maxRequestSize);
        return super.send(fitted.record(), code, fitted.reason());
    }
}
