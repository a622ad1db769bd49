package io.realskin.billing.messaging;

import io.quarkus.scheduler.Scheduled;
import io.realskin.billing.config.BillingConfig;
import io.realskin.billing.repository.OutboxRepository;
import io.realskin.contracts.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * billing's outbox relay (the shared {@link io.realskin.support.outbox.OutboxRelay}): billing.events, woken after each
 * consumer batch that wrote rows, and every {@code realskin.billing.outbox.poll-every} for the rest.
 */
@ApplicationScoped
public class OutboxRelay extends io.realskin.support.outbox.OutboxRelay {
    public OutboxRelay(Pool pool, OutboxRepository outbox, @Channel(Channels.BILLING_EVENTS) MutinyEmitter<String> billingEvents,
                       BillingConfig config) {
        super(pool, outbox, Map.of(Topics.BILLING_EVENTS, billingEvents), config.outbox().batchSize());
    }

    @Scheduled(every = "${realskin.billing.outbox.poll-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return relay();
    }
}
