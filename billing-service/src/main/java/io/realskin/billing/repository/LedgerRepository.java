package io.realskin.billing.repository;

import io.realskin.billing.domain.IdempotencyKeys;
import io.realskin.billing.domain.LedgerEntry;
import io.realskin.billing.domain.LedgerKind;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The append-only ledger (a trigger rejects UPDATE, DELETE and TRUNCATE). */
@ApplicationScoped
public class LedgerRepository {

    /** A stored entry. */
    public record StoredEntry(long id, String tenantId, LedgerKind kind, long amount, String jobId, String idempotencyKey,
                              String reason, OffsetDateTime createdAt, String actor) {
    }

    /** Ledger sums of one account beside its balances. */
    public record AccountSums(String tenantId, long available, long held, long ledgerAvailable, long ledgerHeld, long openHolds) {
        public long drift() {
            return Math.abs(available - ledgerAvailable) + Math.abs(held - ledgerHeld) + Math.abs(held - openHolds);
        }
    }

    public Uni<Void> append(SqlClient client, LedgerEntry entry) {
        return appendAll(client, List.of(entry));
    }

    /**
     * One multi-row insert; a duplicate idempotency key of a tenant fails the transaction (unique index). The booking
     * also adds the entries to their accounts' kept sums ({@link LedgerSumsRepository#add}), once it holds the accounts'
     * locks.
     */
    public Uni<Void> appendAll(SqlClient client, List<LedgerEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = entries.size();
        String[] tenants = new String[n];
        String[] kinds = new String[n];
        Long[] amounts = new Long[n];
        Long[] availableDeltas = new Long[n];
        Long[] heldDeltas = new Long[n];
        String[] jobIds = new String[n];
        String[] keys = new String[n];
        String[] reasons = new String[n];
        String[] actors = new String[n];
        for (int i = 0; i < n; i++) {
            LedgerEntry e = entries.get(i);
            tenants[i] = e.tenantId();
            kinds[i] = e.kind().name();
            amounts[i] = e.amount();
            availableDeltas[i] = e.availableDelta();
            heldDeltas[i] = e.heldDelta();
            jobIds[i] = e.jobId();
            keys[i] = e.idempotencyKey();
            reasons[i] = e.reason();
            actors[i] = e.actor();
        }
        return client.preparedQuery("insert into ledger_entries (tenant_id, kind, amount, available_delta, held_delta, job_id, "
                        + "idempotency_key, reason, actor) select * from unnest($1::text[], $2::text[], $3::int8[], $4::int8[], $5::int8[], "
                        + "$6::text[], $7::text[], $8::text[], $9::text[])")
                .execute(Tuple.tuple().addValue(tenants).addValue(kinds).addValue(amounts).addValue(availableDeltas)
                        .addValue(heldDeltas).addValue(jobIds).addValue(keys).addValue(reasons).addValue(actors))
                .replaceWithVoid();
    }

    /** The tenant's entry of that key (keys are unique per tenant). */
    public Uni<Optional<StoredEntry>> findByKey(SqlClient client, String tenantId, String idempotencyKey) {
        return client.preparedQuery("select * from ledger_entries where tenant_id = $1 and idempotency_key = $2")
                .execute(Tuple.of(tenantId, idempotencyKey))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
    }

    /**
     * One page of a tenant's entries of one kind, newest first, read from the index (tenant_id, kind, id): a page of a
     * rare kind costs what a page of any kind does (a filter on kind read the tenant's entries until the page was full).
     */
    private static final String PAGE_OF_KIND = "select * from ledger_entries where tenant_id = $1 and kind = $2 and id < $3 "
            + "order by id desc limit $4";

    /**
     * The unfiltered page: the newest entries of each kind before the cursor, merged (PostgreSQL's Merge Append of one
     * short index scan a kind); the same index, so the ledger needs no second one by (tenant_id, id).
     */
    private static final String PAGE_OF_ALL = Arrays.stream(LedgerKind.values())
            .map(k -> "(select * from ledger_entries where tenant_id = $1 and kind = '" + k.name() + "' and id < $2 order by id desc limit $3)")
            .collect(Collectors.joining(" union all ", "select * from (", ") e order by id desc limit $3"));

    /**
     * Newest first; {@code beforeId} is the cursor (exclusive), null for the first page. A job's entries are looked up by
     * their keys ({@link IdempotencyKeys#ofJob}) in the unique index (tenant_id, idempotency_key): a few index probes
     * whatever the size of the tenant's ledger, which a filter on job_id alone read through. Without a job, the index
     * (tenant_id, kind, id) ({@link #PAGE_OF_KIND}, {@link #PAGE_OF_ALL}); the cursor is always a bound of the scan.
     */
    public Uni<List<StoredEntry>> page(SqlClient client, String tenantId, String jobId, LedgerKind kind, Long beforeId, int limit) {
        String kindName = kind == null ? null : kind.name();
        long before = beforeId == null ? Long.MAX_VALUE : beforeId;
        Uni<RowSet<Row>> rows = jobId != null
                ? client.preparedQuery("select * from ledger_entries where tenant_id = $1 and idempotency_key = any($2::text[]) "
                                + "and job_id = $3 and ($4::text is null or kind = $4) and id < $5 order by id desc limit $6")
                        .execute(Tuple.tuple().addValue(tenantId).addValue(IdempotencyKeys.ofJob(jobId).toArray(new String[0]))
                                .addValue(jobId).addValue(kindName).addValue(before).addValue(limit))
                : kind != null ? client.preparedQuery(PAGE_OF_KIND).execute(Tuple.of(tenantId, kindName, before, limit))
                : client.preparedQuery(PAGE_OF_ALL).execute(Tuple.of(tenantId, before, limit));
        return rows.map(found -> {
            List<StoredEntry> entries = new ArrayList<>();
            found.forEach(row -> entries.add(map(row)));
            return entries;
        });
    }

    /** Every account (or one) whose balances differ from its ledger sums or from its open holds. */
    public Uni<List<AccountSums>> mismatches(SqlClient client, String tenantId) {
        return client.preparedQuery("""
                        with l as (select tenant_id, sum(available_delta) as available, sum(held_delta) as held
                                   from ledger_entries where ($1::text is null or tenant_id = $1) group by tenant_id),
                             h as (select tenant_id, sum(amount) as held from holds
                                   where status = 'HELD' and ($1::text is null or tenant_id = $1) group by tenant_id)
                        select a.tenant_id, a.available, a.held,
                               coalesce(l.available, 0)::int8 as ledger_available, coalesce(l.held, 0)::int8 as ledger_held,
                               coalesce(h.held, 0)::int8 as open_holds
                        from accounts a left join l on l.tenant_id = a.tenant_id left join h on h.tenant_id = a.tenant_id
                        where ($1::text is null or a.tenant_id = $1)
                          and (a.available <> coalesce(l.available, 0) or a.held <> coalesce(l.held, 0)
                               or a.held <> coalesce(h.held, 0))
                        order by a.tenant_id""")
                .execute(Tuple.of(tenantId))
                .map(rows -> {
                    List<AccountSums> sums = new ArrayList<>();
                    rows.forEach(r -> sums.add(new AccountSums(r.getString("tenant_id"), r.getLong("available"), r.getLong("held"),
                            r.getLong("ledger_available"), r.getLong("ledger_held"), r.getLong("open_holds"))));
                    return sums;
                });
    }

    /** accounts, entries, total available, total held, entries without an account: the context of a reconciliation. */
    public Uni<long[]> totals(SqlClient client, String tenantId) {
        return client.preparedQuery("""
                        select (select count(*) from accounts where $1::text is null or tenant_id = $1),
                               (select count(*) from ledger_entries where $1::text is null or tenant_id = $1),
                               (select coalesce(sum(available), 0)::int8 from accounts where $1::text is null or tenant_id = $1),
                               (select coalesce(sum(held), 0)::int8 from accounts where $1::text is null or tenant_id = $1),
                               (select count(*) from ledger_entries l where ($1::text is null or l.tenant_id = $1)
                                   and not exists (select 1 from accounts a where a.tenant_id = l.tenant_id))""")
                .execute(Tuple.of(tenantId))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new long[] {r.getLong(0), r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4)};
                });
    }

    static StoredEntry map(Row row) {
        return new StoredEntry(row.getLong("id"), row.getString("tenant_id"), LedgerKind.valueOf(row.getString("kind")),
                row.getLong("amount"), row.getString("job_id"), row.getString("idempotency_key"), row.getString("reason"),
                row.getOffsetDateTime("created_at"), row.getString("actor"));
    }
}
