package io.realskin.billing.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** The outbox: records to publish, written in the transaction of the change they announce. */
@ApplicationScoped
public class OutboxRepository {

    public record OutboxRecord(long id, String topic, String key, String value) {
        public static OutboxRecord of(String topic, String key, String value) {
            return new OutboxRecord(0, topic, key, value);
        }
    }

    public Uni<Void> addAll(SqlClient client, List<OutboxRecord> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = records.size();
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            topics[i] = records.get(i).topic();
            keys[i] = records.get(i).key();
            values[i] = records.get(i).value();
        }
        return client.preparedQuery("insert into outbox (topic, record_key, value) select * from unnest($1::text[], $2::text[], $3::text[])")
                .execute(Tuple.of(topics, keys, values))
                .replaceWithVoid();
    }

    /** The oldest records, locked so that a second relay (another replica) skips them. */
    public Uni<List<OutboxRecord>> lockOldest(SqlClient client, int limit) {
        return client.preparedQuery("select id, topic, record_key, value from outbox order by id limit $1 for update skip locked")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<OutboxRecord> records = new ArrayList<>();
                    rows.forEach(r -> records.add(new OutboxRecord(r.getLong(0), r.getString(1), r.getString(2), r.getString(3))));
                    return records;
                });
    }

    public Uni<Void> delete(SqlClient client, List<OutboxRecord> records) {
        Long[] ids = records.stream().map(OutboxRecord::id).toArray(Long[]::new);
        return client.preparedQuery("delete from outbox where id = any($1)").execute(Tuple.of(ids)).replaceWithVoid();
    }
}
