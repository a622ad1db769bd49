package io.realskin.texture.messaging;

import io.realskin.support.messaging.JobEventSender;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** This service's job.events, through the shared sender. */
@Singleton
public class JobEventPublisher extends JobEventSender {
    public JobEventPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter) {
        super(emitter);
    }
}
