package io.realskin.billing.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.support.messaging.DeadLetterSender;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * job.events records billing cannot apply, to job.events.dlq (the shared {@link DeadLetterSender}); the channel's
 * serializer cuts one that would not fit (application.properties, DeadLetterSerializer).
 */
@Singleton
public class DeadLetterPublisher extends DeadLetterSender {
    public DeadLetterPublisher(@Channel(Channels.JOB_EVENTS_DLQ) MutinyEmitter<String> emitter, MeterRegistry registry) {
        super(emitter, registry, "billing.job_events.dead_lettered");
    }
}
