package io.realskin.support.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How many recent cancels a worker process keeps, and for how long ({@link RecentCancels}; docs/architecture.md). */
@ConfigMapping(prefix = "realskin.cancels")
public interface CancelsConfig {
    /** Read at build time: whether this service has the cancel reader ({@link JobCancels}); the workers set it. */
    @WithDefault("false")
    boolean enabled();

    /** At most this many (about 170 bytes each); the oldest goes first. */
    @WithDefault("50000")
    int maxEntries();

    /** Longer than a generation job can run (its provider's job-timeout, 10 min, times the fallback chain). */
    @WithDefault("1h")
    Duration maxAge();
}
