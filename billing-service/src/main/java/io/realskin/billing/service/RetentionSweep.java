package io.realskin.billing.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.realskin.billing.repository.OutboxRepository;
import io.realskin.support.retention.MessagingRetention;
import io.realskin.support.retention.RetentionConfig;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;

/** billing's {@link MessagingRetention}: published billing.events records, and the inbox. */
@Startup
@Singleton
public class RetentionSweep extends MessagingRetention {
    public RetentionSweep(Pool pool, OutboxRepository outbox, RetentionConfig config, MeterRegistry registry) {
        super(pool, outbox, config, registry, "realskin.billing.retention.deleted");
    }
}
