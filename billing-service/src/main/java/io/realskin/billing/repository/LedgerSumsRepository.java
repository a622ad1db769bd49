package io.realskin.billing.repository;

import io.realskin.billing.domain.LedgerEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each account's ledger sums (V10), kept in the transaction that appends its entries, so that the drift gauge compares
 * balances with them instead of summing the ledger; and the ledger's own sums of a few accounts, to confirm a mismatch
 * and to correct sums that missed entries.
 */
@ApplicationScoped
public class LedgerSumsRepository {

    /** One tenant's balances, its ledger's sums, its kept sums and its open holds, read in one snapshot. */
    public record TenantBooks(String tenantId, boolean hasAccount, long available, long held, long ledgerAvailable, long ledgerHeld,
                              long ledgerEntries, long sumsAvailable, long sumsHeld, long sumsEntries, long sumsVersion, long openHolds) {
    }

    /** What to add to a tenant's kept sums so they equal its ledger; applied only while they are at {@code version}. */
    public record Correction(String tenantId, long available, long held, long entries, long version) {
    }

    /**
     * Adds the entries to their accounts' sums. Called after the accounts' row locks are taken (every transaction that
     * books entries takes them), so the sums rows are always locked after the accounts rows, in tenant order.
     */
    public Uni<Void> add(SqlClient client, List<LedgerEntry> entries) {
        Map<String, long[]> byTenant = new TreeMap<>();
        for (LedgerEntry e : entries) {
            long[] sums = byTenant.computeIfAbsent(e.tenantId(), t -> new long[3]);
            sums[0] += e.availableDelta();
            sums[1] += e.heldDelta();
            sums[2]++;
        }
        if (byTenant.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = byTenant.size();
        String[] tenants = byTenant.keySet().toArray(new String[0]);
        Long[] available = new Long[n];
        Long[] held = new Long[n];
        Long[] count = new Long[n];
        for (int i = 0; i < n; i++) {
            long[] sums = byTenant.get(tenants[i]);
            available[i] = sums[0];
            held[i] = sums[1];
            count[i] = sums[2];
        }
        return client.preparedQuery("""
                        insert into ledger_sums (tenant_id, available, held, entries)
                        select * from unnest($1::text[], $2::int8[], $3::int8[], $4::int8[]) order by 1
                        on conflict (tenant_id) do update set available = ledger_sums.available + excluded.available,
                            held = ledger_sums.held + excluded.held, entries = ledger_sums.entries + excluded.entries""")
                .execute(Tuple.tuple().addValue(tenants).addValue(available).addValue(held).addValue(count))
                .replaceWithVoid();
    }

    /**
     * Tenants whose balances differ from their kept sums or their held balance from their open holds, and kept sums
     * without an account: one pass over the accounts and the sums (a row each per tenant) and over the open holds (their
     * partial index), never over the ledger.
     */
    public Uni<List<String>> candidates(SqlClient client) {
        return client.preparedQuery("""
                        with h as (select tenant_id, sum(amount) as held from holds where status = 'HELD' group by tenant_id)
                        select coalesce(a.tenant_id, s.tenant_id) as tenant_id
                        from accounts a full join ledger_sums s on s.tenant_id = a.tenant_id
                             left join h on h.tenant_id = coalesce(a.tenant_id, s.tenant_id)
                        where case when a.tenant_id is null then s.entries <> 0
                                   else a.available <> coalesce(s.available, 0) or a.held <> coalesce(s.held, 0)
                                        or a.held <> coalesce(h.held, 0) end
                        order by 1""")
                .execute()
                .map(rows -> {
                    List<String> tenants = new ArrayList<>();
                    rows.forEach(r -> tenants.add(r.getString(0)));
                    return tenants;
                });
    }

    /**
     * The {@code n}-th account after {@code after} (null: from the first) in tenant order; null when it is the last
     * account or there is none, so that the slice ending there takes in every tenant id after it (a full pass is at
     * most {@code ceil(accounts / n)} slices).
     */
    public Uni<String> nthAccountAfter(SqlClient client, String after, int n) {
        return client.preparedQuery(after == null
                        ? "select tenant_id from accounts order by tenant_id offset $1 limit 2"
                        : "select tenant_id from accounts where tenant_id > $2 order by tenant_id offset $1 limit 2")
                .execute(after == null ? Tuple.of(n - 1) : Tuple.of(n - 1, after))
                .map(rows -> rows.size() < 2 ? null : rows.iterator().next().getString(0));
    }

    public Uni<Long> accountCount(SqlClient client) {
        return client.query("select count(*) from accounts").execute().map(rows -> rows.iterator().next().getLong(0));
    }

    /** The books of these tenants. */
    public Uni<List<TenantBooks>> books(SqlClient client, List<String> tenants) {
        return books(client, "tenant_id = any($1::text[])", Tuple.of(tenants.toArray(new String[0])));
    }

    /**
     * The books of every tenant id in {@code (after, upTo]} (null: unbounded), accounts or not: consecutive ranges cover
     * every ledger entry, an entry of a tenant without an account among them.
     */
    public Uni<List<TenantBooks>> books(SqlClient client, String after, String upTo) {
        if (after == null && upTo == null) {
            return books(client, "true", Tuple.tuple());
        }
        if (after == null) {
            return books(client, "tenant_id <= $1", Tuple.of(upTo));
        }
        return upTo == null ? books(client, "tenant_id > $1", Tuple.of(after))
                : books(client, "tenant_id > $1 and tenant_id <= $2", Tuple.of(after, upTo));
    }

    private Uni<List<TenantBooks>> books(SqlClient client, String tenantsWhere, Tuple args) {
        return client.preparedQuery("""
                        with a as (select tenant_id, available, held from accounts where %1$s),
                             l as (select tenant_id, sum(available_delta) as available, sum(held_delta) as held, count(*) as entries
                                   from ledger_entries where %1$s group by tenant_id),
                             s as (select tenant_id, available, held, entries, version from ledger_sums where %1$s),
                             h as (select tenant_id, sum(amount) as held from holds where status = 'HELD' and %1$s group by tenant_id),
                             t as (select tenant_id from a union select tenant_id from l union select tenant_id from s)
                        select t.tenant_id, a.tenant_id is not null as has_account,
                               coalesce(a.available, 0) as available, coalesce(a.held, 0) as held,
                               coalesce(l.available, 0)::int8 as ledger_available, coalesce(l.held, 0)::int8 as ledger_held,
                               coalesce(l.entries, 0) as ledger_entries, coalesce(s.available, 0) as sums_available,
                               coalesce(s.held, 0) as sums_held, coalesce(s.entries, 0) as sums_entries,
                               coalesce(s.version, 0) as sums_version, coalesce(h.held, 0)::int8 as open_holds
                        from t left join a on a.tenant_id = t.tenant_id left join l on l.tenant_id = t.tenant_id
                             left join s on s.tenant_id = t.tenant_id left join h on h.tenant_id = t.tenant_id
                        order by t.tenant_id""".formatted(tenantsWhere))
                .execute(args)
                .map(rows -> {
                    List<TenantBooks> books = new ArrayList<>();
                    rows.forEach(r -> books.add(map(r)));
                    return books;
                });
    }

    /**
     * Adds each correction to its tenant's sums, unless another check corrected them since they were read (their version
     * moved on). Relative: entries committed after the read went into the sums meanwhile and stay counted.
     */
    public Uni<Integer> correct(SqlClient client, List<Correction> corrections) {
        if (corrections.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        int n = corrections.size();
        String[] tenants = new String[n];
        Long[] available = new Long[n];
        Long[] held = new Long[n];
        Long[] entries = new Long[n];
        Long[] versions = new Long[n];
        for (int i = 0; i < n; i++) {
            Correction c = corrections.get(i);
            tenants[i] = c.tenantId();
            available[i] = c.available();
            held[i] = c.held();
            entries[i] = c.entries();
            versions[i] = c.version() + 1;
        }
        return client.preparedQuery("""
                        insert into ledger_sums (tenant_id, available, held, entries, version)
                        select * from unnest($1::text[], $2::int8[], $3::int8[], $4::int8[], $5::int8[]) order by 1
                        on conflict (tenant_id) do update set available = ledger_sums.available + excluded.available,
                            held = ledger_sums.held + excluded.held, entries = ledger_sums.entries + excluded.entries,
                            version = excluded.version
                        where ledger_sums.version = excluded.version - 1""")
                .execute(Tuple.tuple().addValue(tenants).addValue(available).addValue(held).addValue(entries).addValue(versions))
                .map(rows -> rows.rowCount());
    }

    private static TenantBooks map(Row r) {
        return new TenantBooks(r.getString("tenant_id"), r.getBoolean("has_account"), r.getLong("available"), r.getLong("held"),
                r.getLong("ledger_available"), r.getLong("ledger_held"), r.getLong("ledger_entries"), r.getLong("sums_available"),
                r.getLong("sums_held"), r.getLong("sums_entries"), r.getLong("sums_version"), r.getLong("open_holds"));
    }
}
