package io.realskin.billing.config;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Flyway takes its PostgreSQL lock as a session lock, not in a transaction of its own. {@code CREATE INDEX
 * CONCURRENTLY} (V7) waits for every transaction open when it starts to end, Flyway's lock transaction among them,
 * which ends only after the migration: with the transactional lock the migration waits for itself for good.
 */
@Singleton
public class FlywaySessionLock implements FlywayConfigurationCustomizer {
    @Override
    public void customize(FluentConfiguration configuration) {
        apply(configuration);
    }

    /** Also for the tests that run this service's migrations with a Flyway of their own. */
    public static FluentConfiguration apply(FluentConfiguration configuration) {
        configuration.getPluginRegister().getPlugin(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        return configuration;
    }
}
