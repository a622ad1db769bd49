package io.realskin.gateway.messaging;

import io.realskin.contracts.Topics;
import io.realskin.gateway.common.Rows;
import io.realskin.gateway.jobs.JobStatus;
import io.realskin.support.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The gateway's outbox (the shared {@link Outbox}): a job's request record and its CANCELED event, written with the
 * job. A job's request stays after it was published while the job is open, since the stale-job check may queue it
 * again.
 */
@ApplicationScoped
public class OutboxRepository extends Outbox {
    /** A job's request record: the topic, how often it was queued, and when last. */
    public record Requests(String topic, int count, Instant lastQueuedAt) {
    }

    /** Job states as an SQL array literal; the values are the enum's own, never input. */
    private static final String ENDED = Arrays.stream(JobStatus.values()).filter(JobStatus::terminal).map(JobStatus::wire)
            .collect(Collectors.joining(",", "'{", "}'"));

    private final Pool pool;

    public OutboxRepository(Pool pool) {
        this.pool = pool;
    }

    /** An open job's records stay, however long ago they were published. */
    @Override
    protected String stillNeeded() {
        return "exists (select 1 from jobs j where j.id = o.record_key and not j.status = any(" + ENDED + "::text[]))";
    }

    /** The job's request to a worker (not its job.events records), if the outbox has one. */
    public Uni<Optional<Requests>> requestsOf(String jobId) {
        return pool.preparedQuery("select topic, count(*) as n, max(created_at) as last from outbox where record_key = $1 "
                        + "and topic <> $2 group by topic order by min(id) limit 1")
                .execute(Tuple.of(jobId, Topics.JOB_EVENTS))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    var row = it.next();
                    return Optional.of(new Requests(row.getString("topic"), row.getLong("n").intValue(), Rows.instant(row, "last")));
                });
    }

    /** Queues the job's first request on the topic once more, byte for byte (the same envelope, the same event id). */
    public Uni<Void> requeue(String topic, String jobId) {
        return pool.preparedQuery("insert into outbox (topic, record_key, value) select topic, record_key, value from outbox "
                        + "where topic = $1 and record_key = $2 order by id limit 1")
                .execute(Tuple.of(topic, jobId)).replaceWithVoid();
    }
}
