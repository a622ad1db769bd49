package io.realskin.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A statement of one of the gateway's Flyway migrations, to run again on rows a test made (what it did to old rows). */
final class MigrationSql {
    private MigrationSql() {
    }

    /** The statement of {@code migration} (a file under db/migration) that starts with {@code start}, without its ';'. */
    static String statement(String migration, String start) {
        try (InputStream in = MigrationSql.class.getClassLoader().getResourceAsStream("db/migration/" + migration)) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int from = sql.indexOf(start);
            if (from < 0) {
                throw new IllegalArgumentException(migration + " has no statement starting with " + start);
            }
            return sql.substring(from, sql.indexOf(';', from));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
