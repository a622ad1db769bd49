package io.realskin.support.retention;

import io.realskin.contracts.Topics;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;

/** How long a service's inbox ({@code processed_events}: event_id, processed_at) remembers the events it applied. */
public final class InboxRetention {
    /**
     * Fails the start when {@code configured} is shorter than the time a record of {@code topic} can still arrive
     * (its redelivery window): forgetting an event sooner could apply its replay twice, e.g. charge a job again.
     */
    public static Duration require(Duration configured, String topic, String property) {
        Duration window = Topics.redeliveryWindow(topic);
        if (configured.compareTo(window) < 0) {
            throw new IllegalStateException(property + "=" + configured + " is shorter than the " + window.toDays()
                    + " days a " + topic + " record can still be delivered (its topic's or its dead letters' retention)");
        }
        return configured;
    }

    private final Duration keep;
    private final int batch;

    private InboxRetention(Duration keep, int batch) {
        this.keep = keep;
        this.batch = batch;
    }

    /** The inbox of a job.events consumer as configured; throws (stopping the start) when it would forget too soon. */
    public static InboxRetention of(RetentionConfig config) {
        return new InboxRetention(require(config.processedEvents(), Topics.JOB_EVENTS, "realskin.retention.processed-events"),
                config.batch());
    }

    /** Forgets the events applied longer ago than the retention; returns how many. */
    public Uni<Long> sweep(Pool pool) {
        return BatchedDelete.untilDone(pool, "delete from processed_events where event_id in (select event_id from processed_events "
                + "where processed_at < now() - make_interval(secs => $1) limit $2)", Tuple.of((double) keep.toSeconds(), batch), batch);
    }
}
