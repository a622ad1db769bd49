package io.realskin.billing.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** processed_events: the job.events already applied. Written in the transaction that applies them. */
@ApplicationScoped
public class InboxRepository {

    public record InboxEvent(UUID eventId, String jobId, String type) {
    }

    /** Records the events and returns the ids that were new; the others were applied before. */
    public Uni<Set<UUID>> recordNew(SqlClient client, List<InboxEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] jobIds = new String[n];
        String[] types = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = events.get(i).eventId();
            jobIds[i] = events.get(i).jobId();
            types[i] = events.get(i).type();
        }
        return client.preparedQuery("insert into processed_events (event_id, job_id, type) "
                        + "select * from unnest($1::uuid[], $2::text[], $3::text[]) on conflict (event_id) do nothing returning event_id")
                .execute(Tuple.of(ids, jobIds, types))
                .map(rows -> {
                    Set<UUID> fresh = new HashSet<>();
                    rows.forEach(row -> fresh.add(row.getUUID(0)));
                    return fresh;
                });
    }
}
