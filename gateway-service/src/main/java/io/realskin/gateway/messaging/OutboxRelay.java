package io.realskin.gateway.messaging;

import io.quarkus.scheduler.Scheduled;
import io.realskin.contracts.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * The gateway's outbox relay (the shared {@link io.realskin.support.outbox.OutboxRelay}): job requests to the workers'
 * topics and CANCELED events to job.events, right after each submit or cancel and every second.
 */
@ApplicationScoped
public class OutboxRelay extends io.realskin.support.outbox.OutboxRelay {
    public static final String TEXTURE_CHANNEL = "texture-requests";
    public static final String GENERATION_CHANNEL = "generation-requests";
    public static final String JOB_EVENTS_CHANNEL = "job-events-out";
    private static final int BATCH = 200;

    public OutboxRelay(Pool pool, OutboxRepository outbox,
                       @Channel(TEXTURE_CHANNEL) MutinyEmitter<String> texture,
                       @Channel(GENERATION_CHANNEL) MutinyEmitter<String> generation,
                       @Channel(JOB_EVENTS_CHANNEL) MutinyEmitter<String> jobEvents) {
        super(pool, outbox, Map.of(Topics.TEXTURE_REQUESTS, texture, Topics.GENERATION_REQUESTS, generation,
                Topics.JOB_EVENTS, jobEvents), BATCH);
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return relay();
    }
}
