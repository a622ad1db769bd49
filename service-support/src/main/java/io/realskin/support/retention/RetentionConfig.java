package io.realskin.support.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long a service keeps its messaging bookkeeping (docs/operations.md, "Retention"). */
@ConfigMapping(prefix = "realskin.retention")
public interface RetentionConfig {
    /** Applied job.events remembered; at least job.events' redelivery window (30 days), or the service does not start. */
    @WithDefault("35d")
    Duration processedEvents();

    /** Published outbox records kept this long (the gateway keeps an open job's request however old). */
    @WithDefault("7d")
    Duration outbox();

    @WithDefault("1h")
    Duration checkEvery();

    /** Rows per delete statement. */
    @WithDefault("5000")
    int batch();
}
