package io.realskin.billing.repository;

import io.realskin.billing.domain.Account;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The accounts table: balances move only through guarded updates that cannot take them below zero. */
@ApplicationScoped
public class AccountRepository {
    private static final String COLUMNS = "tenant_id, plan, available, held, referral_code, referred_by, grant_period, period_granted, "
            + "period_used, closed_at, chargeback_owed, chargeback_at";

    /**
     * Delta of one account in a multi-account update. {@code grantUsed}: what it adds to {@code period_used} (a capture of
     * the period's hold), or takes off (a give-back of one; never below 0). {@code recovered}: what it takes off
     * {@code chargeback_owed} (credits a charge-back was owed, taken back from released holds).
     */
    public record BalanceDelta(String tenantId, long available, long held, long grantUsed, long recovered) {
        public BalanceDelta(String tenantId, long available, long held, long grantUsed) {
            this(tenantId, available, held, grantUsed, 0);
        }
    }

    /** True when this call created the account (a concurrent creator makes it false for the other). */
    public Uni<Boolean> insertIfAbsent(SqlClient client, String tenantId, String plan, String referralCode, String period) {
        return client.preparedQuery("insert into accounts (tenant_id, plan, available, held, referral_code, grant_period, period_granted) "
                        + "values ($1, $2, 0, 0, $3, $4, 0) on conflict (tenant_id) do nothing returning tenant_id")
                .execute(Tuple.of(tenantId, plan, referralCode, period))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<Account>> find(SqlClient client, String tenantId) {
        return client.preparedQuery("select " + COLUMNS + " from accounts where tenant_id = $1")
                .execute(Tuple.of(tenantId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
    }

    public Uni<Optional<Account>> findForUpdate(SqlClient client, String tenantId) {
        return client.preparedQuery("select " + COLUMNS + " from accounts where tenant_id = $1 for no key update")
                .execute(Tuple.of(tenantId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
    }

    public Uni<Optional<Account>> findByReferralCode(SqlClient client, String code) {
        return client.preparedQuery("select " + COLUMNS + " from accounts where referral_code = $1")
                .execute(Tuple.of(code))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
    }

    /**
     * The guarded update: applies the deltas only when neither balance would go below zero. Empty when it would;
     * the row lock it takes serializes concurrent holds on one account.
     */
    public Uni<Optional<Account>> applyGuarded(SqlClient client, String tenantId, long availableDelta, long heldDelta) {
        return client.preparedQuery("update accounts set available = available + $2, held = held + $3, updated_at = now() "
                        + "where tenant_id = $1 and available + $2 >= 0 and held + $3 >= 0 returning " + COLUMNS)
                .execute(Tuple.of(tenantId, availableDelta, heldDelta))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
    }

    /**
     * Locks the accounts in tenant order, so that transactions touching several accounts cannot deadlock each other.
     * NO KEY UPDATE, like the UPDATEs themselves: it must not conflict with the KEY SHARE locks that inserts of rows
     * referencing an account (holds) take, or two such transactions would deadlock.
     */
    public Uni<Map<String, Account>> lockInOrder(SqlClient client, Collection<String> tenantIds) {
        return client.preparedQuery("select " + COLUMNS + " from accounts where tenant_id = any($1) order by tenant_id for no key update")
                .execute(Tuple.of(tenantIds.toArray(new String[0])))
                .map(rows -> {
                    Map<String, Account> accounts = new HashMap<>();
                    rows.forEach(row -> accounts.put(row.getString("tenant_id"), map(row)));
                    return accounts;
                });
    }

    /** Applies deltas to accounts locked by {@link #lockInOrder}; the CHECK constraints still forbid negatives. */
    public Uni<Map<String, Long>> applyAll(SqlClient client, List<BalanceDelta> deltas) {
        if (deltas.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> tenants = new ArrayList<>();
        List<Long> available = new ArrayList<>();
        List<Long> held = new ArrayList<>();
        List<Long> used = new ArrayList<>();
        List<Long> recovered = new ArrayList<>();
        deltas.forEach(d -> {
            tenants.add(d.tenantId());
            available.add(d.available());
            held.add(d.held());
            used.add(d.grantUsed());
            recovered.add(d.recovered());
        });
        // what a charge-back is owed stays owed when jobs capture: a refund or a cancel of one of them gives it back
        // (until 2026-12-07 it was capped at what the account held, so captures wiped it out)
        return client.preparedQuery("update accounts a set available = a.available + d.available, held = a.held + d.held, "
                        + "period_used = greatest(0, a.period_used + d.used), "
                        + "chargeback_owed = greatest(0, a.chargeback_owed - d.recovered), updated_at = now() "
                        + "from unnest($1::text[], $2::int8[], $3::int8[], $4::int8[], $5::int8[]) as d(tenant_id, available, held, used, recovered) "
                        + "where a.tenant_id = d.tenant_id returning a.tenant_id, a.available")
                .execute(Tuple.of(tenants.toArray(new String[0]), available.toArray(new Long[0]), held.toArray(new Long[0]),
                        used.toArray(new Long[0]), recovered.toArray(new Long[0])))
                .map(rows -> {
                    Map<String, Long> after = new HashMap<>();
                    rows.forEach(row -> after.put(row.getString("tenant_id"), row.getLong("available")));
                    return after;
                });
    }

    public Uni<Void> setPlan(SqlClient client, String tenantId, String plan) {
        return client.preparedQuery("update accounts set plan = $2, updated_at = now() where tenant_id = $1")
                .execute(Tuple.of(tenantId, plan)).replaceWithVoid();
    }

    public Uni<Void> setReferrer(SqlClient client, String tenantId, String referrer) {
        return client.preparedQuery("update accounts set referred_by = $2, updated_at = now() where tenant_id = $1")
                .execute(Tuple.of(tenantId, referrer)).replaceWithVoid();
    }

    /** The period's grant, as it is credited or topped up by an upgrade within the period. */
    public Uni<Void> recordGrant(SqlClient client, String tenantId, String period, long periodGranted) {
        return client.preparedQuery("update accounts set grant_period = $2, period_granted = $3, updated_at = now() where tenant_id = $1")
                .execute(Tuple.of(tenantId, period, periodGranted)).replaceWithVoid();
    }

    /**
     * Credits of a job charged in {@code period} given back (an admin's refund): they are no use of that period's grant
     * any more, when it is still the account's period (never below 0). The caller holds the account's row lock.
     */
    public Uni<Void> giveBackGrantUse(SqlClient client, String tenantId, String period, long credits) {
        return client.preparedQuery("update accounts set period_used = greatest(0, period_used - $3), updated_at = now() "
                        + "where tenant_id = $1 and grant_period = $2")
                .execute(Tuple.of(tenantId, period, credits)).replaceWithVoid();
    }

    /** A new period (monthly renewal): its grant, and nothing of it used yet. */
    public Uni<Void> startPeriod(SqlClient client, String tenantId, String period, long periodGranted) {
        return client.preparedQuery("update accounts set grant_period = $2, period_granted = $3, period_used = 0, updated_at = now() "
                        + "where tenant_id = $1")
                .execute(Tuple.of(tenantId, period, periodGranted)).replaceWithVoid();
    }

    /** Accounts whose latest monthly grant is from an earlier period, in tenant order after {@code after} ("": from the first). */
    public Uni<List<String>> dueForGrant(SqlClient client, String period, String after, int limit) {
        return client.preparedQuery("select tenant_id from accounts where grant_period < $1 and tenant_id > $2 and closed_at is null "
                        + "order by tenant_id limit $3")
                .execute(Tuple.of(period, after, limit))
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getString(0)));
                    return ids;
                });
    }

    /**
     * Credits a charge-back could not take back now (reserved by the account's open holds, or spent by its jobs): owed,
     * and taken out of what is given back of the jobs placed until now ({@link #applyAll}, {@link #payOwed}). The caller
     * holds the account's row lock.
     */
    public Uni<Void> owe(SqlClient client, String tenantId, long credits) {
        return client.preparedQuery("update accounts set chargeback_owed = chargeback_owed + $2, chargeback_at = now(), updated_at = now() "
                        + "where tenant_id = $1")
                .execute(Tuple.of(tenantId, credits)).replaceWithVoid();
    }

    /**
     * Credits {@code credits} given back to the account, of which {@code owed} pay what a charge-back is owed (at most
     * that: the caller read it under the account's row lock, which it holds). Returns the account after it.
     */
    public Uni<Account> creditPayingOwed(SqlClient client, String tenantId, long credits, long owed) {
        return client.preparedQuery("update accounts set available = available + $2 - $3, chargeback_owed = chargeback_owed - $3, "
                        + "updated_at = now() where tenant_id = $1 and chargeback_owed >= $3 and $3 <= $2 returning " + COLUMNS)
                .execute(Tuple.of(tenantId, credits, owed))
                .map(rows -> map(rows.iterator().next()));
    }

    /** Closes the account unless it is closed already; the caller holds its row lock. Returns when it was closed. */
    public Uni<Instant> close(SqlClient client, String tenantId) {
        return client.preparedQuery("update accounts set closed_at = coalesce(closed_at, now()), updated_at = now() where tenant_id = $1 "
                        + "returning closed_at")
                .execute(Tuple.of(tenantId))
                .map(rows -> rows.iterator().next().getOffsetDateTime("closed_at").toInstant());
    }

    static Account map(Row row) {
        return new Account(row.getString("tenant_id"), row.getString("plan"), row.getLong("available"), row.getLong("held"),
                row.getString("referral_code"), row.getString("referred_by"), row.getString("grant_period"),
                row.getLong("period_granted"), row.getLong("period_used"),
                row.getOffsetDateTime("closed_at") == null ? null : row.getOffsetDateTime("closed_at").toInstant(),
                row.getLong("chargeback_owed"),
                row.getOffsetDateTime("chargeback_at") == null ? null : row.getOffsetDateTime("chargeback_at").toInstant());
    }
}
