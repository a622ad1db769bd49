package io.realskin.gateway.repository;

import io.realskin.contracts.JobTrace;
import io.realskin.gateway.domain.JobStatus;
import io.realskin.support.retention.BatchedDelete;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import io.realskin.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The transactional outbox: records written with the job, published to Kafka by the relay. Each row keeps the trace of
 * the request that wrote it, so the record continues that trace when it is sent.
 */
@ApplicationScoped
public class OutboxRepository {
    public record OutboxRecord(long id, String topic, String key, String value, String traceparent) {
    }

    /** A job's request record: the topic, how often it was queued, and when last. */
    public record Requests(String topic, int count, Instant lastQueuedAt) {
    }

    private final Pool pool;

    public OutboxRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(SqlClient client, String topic, String key, String value) {
        return client.preparedQuery("insert into outbox (topic, record_key, value, traceparent) values ($1, $2, $3, $4)")
                .execute(Tuple.of(topic, key, value, JobTrace.currentTraceparent())).replaceWithVoid();
    }

    /** The oldest unpublished records, locked so that two gateway replicas never publish the same one at once. */
    public Uni<List<OutboxRecord>> lockBatch(SqlClient client, int limit) {
        return client.preparedQuery("select id, topic, record_key, value, traceparent from outbox where published_at is null "
                        + "order by id limit $1 for update skip locked")
                .execute(Tuple.of(limit))
                .map(rows -> rows.stream().map(r -> new OutboxRecord(r.getLong("id"), r.getString("topic"),
                        r.getString("record_key"), r.getString("value"), r.getString("traceparent"))).toList());
    }

    public Uni<Void> markPublished(SqlClient client, List<Long> ids) {
        return client.preparedQuery("update outbox set published_at = now() where id = any($1)")
                .execute(Tuple.of(ids.toArray(new Long[0]))).replaceWithVoid();
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

    /**
     * Deletes records published longer ago than {@code keep} whose job has ended (or no longer exists); an open job's
     * records stay, since the stale-job check may send its request again. Returns how many.
     */
    public Uni<Long> deletePublishedOlderThan(Duration keep, int batch) {
        String[] ended = Arrays.stream(JobStatus.values()).filter(JobStatus::terminal).map(JobStatus::wire).toArray(String[]::new);
        return BatchedDelete.untilDone(pool, "delete from outbox where id in (select o.id from outbox o left join jobs j on j.id = o.record_key "
                        + "where o.published_at < now() - make_interval(secs => $1) and (j.id is null or j.status = any($2)) limit $3)",
                Tuple.of((double) keep.toSeconds(), ended, batch), batch);
    }

    public Uni<Long> countUnpublished() {
        return pool.query("select count(*) from outbox where published_at is null").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }
}
