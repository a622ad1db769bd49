package io.realskin.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.realskin.local.LocalStack;
import io.realskin.local.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V6's backfill, on a database of its own migrated to V5 and filled as the code before V6 wrote it: each account's
 * period_used is what was captured since its period began (its grant entry), and open holds belong to that period.
 */
class GrantUseBackfillTest {
    private static final String DATABASE = "billing_backfill";

    @Test
    void periodUsedIsThisPeriodsCapturesAndOpenHoldsGetThePeriod() throws SQLException {
        PostgresServer postgres = LocalStack.shared().postgres();
        postgres.ensureDatabase(DATABASE);
        Flyway atV5 = BillingMigrations.on(postgres, DATABASE).target("5").load();
        atV5.clean();
        atV5.migrate();

        try (Connection c = postgres.connect(DATABASE); Statement s = c.createStatement()) {
            s.execute("""
                    insert into accounts (tenant_id, plan, available, held, referral_code, grant_period, period_granted) values
                        ('renewed', 'pro', 1170, 30, 'R1', '2026-11', 500),
                        ('idle', 'pro', 500, 0, 'R2', '2026-11', 500),
                        ('nogrant', 'free', 0, 0, 'R3', '2026-11', 25)""");
            s.execute("""
                    insert into ledger_entries (tenant_id, kind, amount, available_delta, held_delta, job_id, idempotency_key, created_at)
                    values
                        ('renewed', 'GRANT',   500, 500,    0, null, 'grant:renewed:2026-10', '2026-10-01T00:20:00Z'),
                        ('renewed', 'CAPTURE',  50,   0,  -50, 'r0', 'capture:r0',            '2026-10-20T10:00:00Z'),
                        ('renewed', 'GRANT',   500, 500,    0, null, 'grant:renewed:2026-11', '2026-11-01T00:30:00Z'),
                        ('renewed', 'CAPTURE', 200,   0, -200, 'r1', 'capture:r1',            '2026-11-05T10:00:00Z'),
                        ('renewed', 'CAPTURE', 100,   0, -100, 'r2', 'capture:r2',            '2026-11-06T10:00:00Z'),
                        ('idle',    'GRANT',   500, 500,    0, null, 'grant:idle:2026-11',    '2026-11-01T00:30:00Z'),
                        ('nogrant', 'CAPTURE',   5,   0,   -5, 'n0', 'capture:n0',            '2026-10-31T23:00:00Z'),
                        ('nogrant', 'CAPTURE',   7,   0,   -7, 'n1', 'capture:n1',            '2026-11-02T10:00:00Z')""");
            s.execute("""
                    insert into holds (job_id, tenant_id, amount, captured, status, operation, price_version, expires_at) values
                        ('r1', 'renewed', 200, 200,  'CAPTURED', 'generate', 1, now()),
                        ('r3', 'renewed',  30, null, 'HELD',     'generate', 1, now() + interval '1 hour')""");
        }

        BillingMigrations.on(postgres, DATABASE).load().migrate();

        assertEquals(300, periodUsed("renewed"), "the captures since the 2026-11 grant");
        assertEquals(0, periodUsed("idle"));
        assertEquals(7, periodUsed("nogrant"), "without a grant entry the period begins with its month");
        assertEquals("2026-11", holdPeriod("r3"));
        assertNull(holdPeriod("r1"), "a settled hold needs no period");
    }

    private static long periodUsed(String tenant) throws SQLException {
        return Long.parseLong(one("select period_used from accounts where tenant_id = ?", tenant));
    }

    private static String holdPeriod(String job) throws SQLException {
        return one("select grant_period from holds where job_id = ?", job);
    }

    private static String one(String sql, String arg) throws SQLException {
        try (Connection c = LocalStack.shared().postgres().connect(DATABASE); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
