package io.realskin.gateway.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.realskin.gateway.repository.OutboxRepository;
import io.realskin.support.retention.InboxRetention;
import io.realskin.support.retention.RetentionConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Deletes the messaging bookkeeping nobody needs any more (docs/operations.md, "Retention"): published outbox records
 * of finished jobs, and inbox entries older than job.events' redelivery window. Without it both tables grow with every
 * job forever. Started with the application so a too-short inbox retention stops the start.
 */
@Startup
@ApplicationScoped
public class RetentionSweep {
    private static final Logger LOG = Logger.getLogger(RetentionSweep.class);

    private final OutboxRepository outbox;
    private final Pool pool;
    private final InboxRetention inbox;
    private final RetentionConfig config;
    private final MeterRegistry registry;

    public RetentionSweep(OutboxRepository outbox, Pool pool, RetentionConfig config, MeterRegistry registry) {
        this.outbox = outbox;
        this.pool = pool;
        this.config = config;
        this.registry = registry;
        this.inbox = InboxRetention.of(config);
    }

    @Scheduled(every = "${realskin.retention.check-every:1h}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return sweep()
                .onFailure().invoke(f -> LOG.warnf("retention sweep: %s (next run retries)", f.toString()))
                .onFailure().recoverWithNull();
    }

    public Uni<Void> sweep() {
        return outbox.deletePublishedOlderThan(config.outbox(), config.batch()).invoke(n -> count("outbox", n))
                .chain(() -> inbox.sweep(pool)).invoke(n -> count("processed_events", n))
                .replaceWithVoid();
    }

    private void count(String table, long deleted) {
        registry.counter("realskin.gateway.retention.deleted", "table", table).increment(deleted);
    }
}
