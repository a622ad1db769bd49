package io.realskin.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realskin.local.LocalStack;
import io.realskin.local.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ledger's index migrations (V7/V8: the per-tenant key index; V9: by kind) do not lock writers out: while an index
 * build waits for a transaction that was reading the ledger when it started, holds and captures still write entries.
 */
class LedgerKeyIndexMigrationTest {
    private static final String DATABASE = "billing_key_index";

    @ParameterizedTest(name = "migrating from V{0}")
    @ValueSource(strings = {"6", "8"})
    void theLedgerTakesEntriesWhileItsIndexesAreBuilt(String from) throws Exception {
        PostgresServer postgres = LocalStack.shared().postgres();
        postgres.ensureDatabase(DATABASE);
        Flyway before = BillingMigrations.on(postgres, DATABASE).target(from).load();
        before.clean();
        before.migrate();

        try (Connection reader = postgres.connect(DATABASE); Connection writer = postgres.connect(DATABASE)) {
            // A snapshot held to its end, as a long report's: the index build waits for it, as for any older snapshot.
            reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            reader.setAutoCommit(false);
            try (Statement s = reader.createStatement()) {
                s.executeQuery("select count(*) from ledger_entries").close();
            }
            CompletableFuture<Void> migration =
                    CompletableFuture.runAsync(() -> BillingMigrations.on(postgres, DATABASE).load().migrate());
            awaitMigrationWaitingForALock(writer, migration);

            try (Statement s = writer.createStatement()) {
                // Only a guard against hanging: an index built under the table's lock queues this insert behind it.
                s.execute("set lock_timeout = '30s'");
                s.execute("""
                        insert into ledger_entries (tenant_id, kind, amount, available_delta, held_delta, idempotency_key)
                        values ('t1', 'GRANT', 5, 5, 0, 'grant:t1:during-migration')""");
            }
            reader.commit();
            migration.get();

            try (Statement s = writer.createStatement()) {
                s.execute("""
                        insert into ledger_entries (tenant_id, kind, amount, available_delta, held_delta, idempotency_key)
                        values ('t2', 'GRANT', 5, 5, 0, 'grant:t1:during-migration')""");
                assertEquals("u", one(s, "select contype from pg_constraint where conname = 'ledger_entries_tenant_key'"),
                        "the index became the unique constraint");
                assertEquals("0", one(s, "select count(*) from pg_constraint where conname = 'ledger_entries_idempotency_key_key'"),
                        "the key is no longer unique across tenants");
                assertEquals("2", one(s, "select count(*) from ledger_entries"));
                assertEquals("ledger_entries_by_tenant_kind ledger_entries_pkey ledger_entries_tenant_key",
                        one(s, "select string_agg(indexrelid::regclass::text, ' ' order by indexrelid::regclass::text) "
                                + "from pg_index where indrelid = 'ledger_entries'::regclass and indisvalid"),
                        "three valid indexes, (tenant_id, id) replaced");
            }
        }
    }

    private static void awaitMigrationWaitingForALock(Connection observer, CompletableFuture<Void> migration)
            throws SQLException, InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (migration.isDone()) {
                migration.join();
                throw new AssertionError("the migration finished while a reader still had the ledger open");
            }
            try (Statement s = observer.createStatement()) {
                if (!"0".equals(one(s, "select count(*) from pg_stat_activity where datname = current_database() "
                        + "and wait_event_type = 'Lock'"))) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the migration never waited for the open reader");
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
