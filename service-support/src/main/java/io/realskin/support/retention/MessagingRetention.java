package io.realskin.support.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.realskin.support.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.event.Observes;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Forgets the messaging bookkeeping nobody needs any more (docs/operations.md, "Retention"): published outbox records
 * after {@code realskin.retention.outbox} (those the outbox still needs stay), and inbox entries after job.events'
 * redelivery window. Without it both tables grow with every job forever. A service subclasses it as a
 * {@code @Startup} bean, so a too-short inbox retention stops the start; from then on it sweeps every
 * {@code realskin.retention.check-every}, the first time a minute after the start.
 */
public abstract class MessagingRetention {
    private static final Logger LOG = Logger.getLogger(MessagingRetention.class);

    private final Pool pool;
    private final Outbox outbox;
    private final RetentionConfig config;
    private final InboxRetention inbox;
    private final Function<String, Counter> deleted;

    /** {@code counter}: the meter counting deleted rows, by table. */
    protected MessagingRetention(Pool pool, Outbox outbox, RetentionConfig config, MeterRegistry registry, String counter) {
        this.inbox = InboxRetention.of(config);
        this.pool = pool;
        this.outbox = outbox;
        this.config = config;
        this.deleted = table -> registry.counter(counter, "table", table);
    }

    /** Returns how many rows were deleted from both tables. */
    public Uni<Long> sweep() {
        return outbox.deletePublishedOlderThan(pool, config.outbox(), config.batch()).invoke(n -> count("outbox", n))
                .chain(fromOutbox -> inbox.sweep(pool).invoke(n -> count("processed_events", n)).map(n -> fromOutbox + n));
    }

    /** Schedules the sweeps; one that fails is logged, and the next one retries. */
    public void onStart(@Observes StartupEvent event, Scheduler scheduler) {
        scheduler.newJob(getClass().getName() + ".sweep")
                .setInterval(config.checkEvery().toString())
                .setDelayed("1m")
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setSkipPredicate(Scheduled.ApplicationNotRunning.class)
                .setAsyncTask(execution -> sweep()
                        .onFailure().invoke(f -> LOG.warnf("retention sweep: %s (next run retries)", f.toString()))
                        .onFailure().recoverWithNull().replaceWithVoid())
                .schedule();
    }

    private void count(String table, long rows) {
        deleted.apply(table).increment(rows);
    }
}
