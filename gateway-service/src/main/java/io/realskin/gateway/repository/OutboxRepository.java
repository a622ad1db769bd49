package io.realskin.gateway.repository;

import io.realskin.contracts.JobTrace;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The transactional outbox: records written with the job, published to Kafka by the relay. Each row keeps the trace of
 * the request that wrote it, so the record continues that trace when it is sent.
 */
@ApplicationScoped
public class OutboxRepository {
    public record OutboxRecord(long id, String topic, String key, String value, String traceparent) {
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

    public Uni<Long> countUnpublished() {
        return pool.query("select count(*) from outbox where published_at is null").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }
}
