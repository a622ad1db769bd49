package io.realskin.billing.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How far the job.events consumers have applied each partition (V11), whichever replica applied it. */
@ApplicationScoped
public class JobEventProgressRepository {

    /** Every record of the partition before {@code nextOffset} is applied; the newest timestamp among them. */
    public record Applied(String topic, int partition, long nextOffset, Instant appliedThrough) {
    }

    /** Moves each partition's row forward, never back (a rebalance or a redelivery applies older records again). */
    public Uni<Void> advance(SqlClient client, List<Applied> applied) {
        if (applied.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Applied> ordered = new ArrayList<>(applied);
        ordered.sort(Comparator.comparing(Applied::topic).thenComparingInt(Applied::partition)); // rows locked in one order
        int n = ordered.size();
        String[] topics = new String[n];
        Integer[] partitions = new Integer[n];
        Long[] offsets = new Long[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            topics[i] = ordered.get(i).topic();
            partitions[i] = ordered.get(i).partition();
            offsets[i] = ordered.get(i).nextOffset();
            times[i] = ordered.get(i).appliedThrough().atOffset(ZoneOffset.UTC);
        }
        return client.preparedQuery("insert into job_event_progress (topic, partition, next_offset, applied_through) "
                        + "select * from unnest($1::text[], $2::int[], $3::int8[], $4::timestamptz[]) "
                        + "on conflict (topic, partition) do update set "
                        + "next_offset = greatest(job_event_progress.next_offset, excluded.next_offset), "
                        + "applied_through = greatest(job_event_progress.applied_through, excluded.applied_through)")
                .execute(Tuple.of(topics, partitions, offsets, times))
                .replaceWithVoid();
    }

    /** The topic's rows by partition. */
    public Uni<Map<Integer, Applied>> of(SqlClient client, String topic) {
        return client.preparedQuery("select partition, next_offset, applied_through from job_event_progress where topic = $1")
                .execute(Tuple.of(topic))
                .map(rows -> {
                    Map<Integer, Applied> byPartition = new HashMap<>();
                    rows.forEach(row -> byPartition.put(row.getInteger(0), new Applied(topic, row.getInteger(0), row.getLong(1),
                            row.getOffsetDateTime(2).toInstant())));
                    return byPartition;
                });
    }
}
