package io.realskin.billing;

import io.realskin.billing.config.FlywaySessionLock;
import io.realskin.local.PostgresServer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Billing's migrations on a database of a test's own, with the lock the service takes. */
final class BillingMigrations {
    static FluentConfiguration on(PostgresServer postgres, String database) {
        return FlywaySessionLock.apply(Flyway.configure()
                .dataSource(postgres.jdbcUrl(database), postgres.user(), postgres.password())
                .locations("classpath:db/migration").cleanDisabled(false));
    }

    private BillingMigrations() {
    }
}
