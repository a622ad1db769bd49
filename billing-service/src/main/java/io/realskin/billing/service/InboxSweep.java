package io.realskin.billing.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.realskin.support.retention.InboxRetention;
import io.realskin.support.retention.RetentionConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Forgets applied job.events older than their redelivery window (docs/operations.md, "Retention"); without it the
 * inbox grows with every job forever. The outbox needs no sweep: the relay deletes what it published. Started with
 * the application so a too-short retention stops the start instead of risking a second capture of a replayed event.
 */
@Startup
@ApplicationScoped
public class InboxSweep {
    private static final Logger LOG = Logger.getLogger(InboxSweep.class);

    private final Pool pool;
    private final InboxRetention inbox;
    private final MeterRegistry registry;

    public InboxSweep(Pool pool, RetentionConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.inbox = InboxRetention.of(config);
        this.registry = registry;
    }

    @Scheduled(every = "${realskin.retention.check-every:1h}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return sweep()
                .onFailure().invoke(f -> LOG.warnf("inbox sweep: %s (next run retries)", f.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Returns how many inbox entries were deleted. */
    public Uni<Long> sweep() {
        return inbox.sweep(pool)
                .invoke(n -> registry.counter("realskin.billing.retention.deleted", "table", "processed_events").increment(n));
    }
}
