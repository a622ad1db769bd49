package io.realskin.gateway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** Statements a test runs on the gateway's database itself (JDBC), with string parameters. */
final class Sql {
    static void execute(Connection c, String sql, String... args) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            ps.execute();
        }
    }

    /** The first column of the one row the query answers. */
    static long count(Connection c, String sql, String arg) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Until a statement like the pattern waits on a lock in the gateway's database (the other side of a race is there). */
    static void awaitWaitingOnALock(String statement, java.time.Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection observer = io.realskin.local.LocalStack.shared().postgres().connect("gateway")) {
            while (count(observer, "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like ?", statement) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("nothing waited on the lock: " + statement);
                }
                Thread.sleep(50);
            }
        }
    }

    private Sql() {
    }
}
