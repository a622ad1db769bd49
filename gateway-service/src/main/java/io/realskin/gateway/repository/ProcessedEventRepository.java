package io.realskin.gateway.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Inbox of applied job.events; written in the same transaction as the effect. */
@ApplicationScoped
public class ProcessedEventRepository {
    /** True when the event is new (and is now recorded), false when it was applied before. */
    public Uni<Boolean> markProcessed(SqlClient client, UUID eventId) {
        return client.preparedQuery("insert into processed_events (event_id) values ($1) on conflict do nothing")
                .execute(Tuple.of(eventId)).map(rows -> rows.rowCount() == 1);
    }
}
