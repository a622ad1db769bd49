package io.realskin.gateway.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.realskin.support.retention.MessagingRetention;
import io.realskin.support.retention.RetentionConfig;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;

/** The gateway's {@link MessagingRetention}: published outbox records of ended jobs, and the inbox. */
@Startup
@Singleton
public class RetentionSweep extends MessagingRetention {
    public RetentionSweep(Pool pool, OutboxRepository outbox, RetentionConfig config, MeterRegistry registry) {
        super(pool, outbox, config, registry, "realskin.gateway.retention.deleted");
    }
}
