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
import org.junit.jupiter.api.Test;

/**
 * V7/V8 give the ledger its per-tenant key index without locking writers out: while the index waits for a transaction
 * that was reading the ledger when it started, holds and captures still write entries.
 */
class LedgerKeyIndexMigrationTest {
    private static final String DATABASE = "billing_key_index";

    @Test
    void theLedgerTakesEntriesWhileItsKeyIndexIsBuilt() throws Exception {
        PostgresServer postgres = LocalStack.shared().postgres();
        postgres.ensureDatabase(DATABASE);
        Flyway atV6 = BillingMigrations.on(postgres, DATABASE).target("6").load();
        atV6.clean();
        atV6.migrate();

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
                // Only a guard against hanging: the old V7 queued this insert behind its ACCESS EXCLUSIVE lock.
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
