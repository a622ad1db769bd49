package io.realskin.support.inbox;

import io.realskin.contracts.EventEnvelope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A consumer's inbox, the table {@code processed_events} (event_id primary key, job_id, type, processed_at): the events
 * it applied, recorded in the transaction that applies them, so a redelivered event finds its id and does nothing.
 * {@link io.realskin.support.retention.InboxRetention} forgets them after the redelivery window.
 */
@ApplicationScoped
public class Inbox {
    public record Entry(UUID eventId, String jobId, String type) {
        public static Entry of(EventEnvelope event) {
            return new Entry(event.eventId(), event.jobId(), event.type());
        }
    }

    /** True when the event is new (and is now recorded), false when it was applied before. */
    public Uni<Boolean> recordNew(SqlClient client, Entry event) {
        return recordNew(client, List.of(event)).map(fresh -> !fresh.isEmpty());
    }

    /** Records the events and returns the ids that were new; the others were applied before. */
    public Uni<Set<UUID>> recordNew(SqlClient client, List<Entry> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return client.preparedQuery("insert into processed_events (event_id, job_id, type) "
                        + "select * from unnest($1::uuid[], $2::text[], $3::text[]) on conflict (event_id) do nothing returning event_id")
                .execute(Tuple.of(events.stream().map(Entry::eventId).toArray(UUID[]::new),
                        events.stream().map(Entry::jobId).toArray(String[]::new),
                        events.stream().map(Entry::type).toArray(String[]::new)))
                .map(rows -> {
                    Set<UUID> fresh = new HashSet<>();
                    rows.forEach(row -> fresh.add(row.getUUID(0)));
                    return fresh;
                });
    }
}
