package io.realskin.support.outbox;

import io.realskin.contracts.JobTrace;
import io.realskin.support.retention.BatchedDelete;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;

/**
 * A service's transactional outbox, the table {@code outbox} (id bigserial, topic, record_key, value, created_at,
 * published_at, traceparent): records are written in the transaction of the change they announce and published by
 * the {@link OutboxRelay}, which marks them published; the service's retention sweep deletes published rows later.
 * Each service makes it a bean (a subclass), adding queries of its own.
 */
public class Outbox {
    public Uni<Void> insert(SqlClient client, String topic, String key, String value) {
        return insertAll(client, List.of(OutboxRecord.of(topic, key, value)));
    }

    /** In list order (ids ascending), each row carrying the current trace, so its record continues it when sent. */
    public Uni<Void> insertAll(SqlClient client, List<OutboxRecord> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("insert into outbox (topic, record_key, value, traceparent) "
                        + "select t, k, v, $4::text from unnest($1::text[], $2::text[], $3::text[]) as r(t, k, v)")
                .execute(Tuple.of(records.stream().map(OutboxRecord::topic).toArray(String[]::new),
                        records.stream().map(OutboxRecord::key).toArray(String[]::new),
                        records.stream().map(OutboxRecord::value).toArray(String[]::new),
                        JobTrace.currentTraceparent()))
                .replaceWithVoid();
    }

    /** The oldest unpublished records, in id order. */
    public Uni<List<OutboxRecord>> unpublished(SqlClient client, int limit) {
        return client.preparedQuery("select id, topic, record_key, value, traceparent from outbox where published_at is null "
                        + "order by id limit $1")
                .execute(Tuple.of(limit))
                .map(rows -> rows.stream().map(r -> new OutboxRecord(r.getLong("id"), r.getString("topic"),
                        r.getString("record_key"), r.getString("value"), r.getString("traceparent"))).toList());
    }

    public Uni<Void> markPublished(SqlClient client, List<Long> ids) {
        return client.preparedQuery("update outbox set published_at = now() where id = any($1)")
                .execute(Tuple.of(ids.toArray(new Long[0]))).replaceWithVoid();
    }

    /** Deletes records published longer ago than {@code keep}, but not those {@link #stillNeeded()}; returns how many. */
    public Uni<Long> deletePublishedOlderThan(Pool pool, Duration keep, int batch) {
        return BatchedDelete.untilDone(pool, "delete from outbox where id in (select o.id from outbox o "
                        + "where o.published_at < now() - make_interval(secs => $1) and not (" + stillNeeded() + ") limit $2)",
                Tuple.of((double) keep.toSeconds(), batch), batch);
    }

    /** An SQL condition on the published row {@code o} under which it must stay however old it is; by default none. */
    protected String stillNeeded() {
        return "false";
    }
}
