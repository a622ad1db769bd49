package io.realskin.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** The stale-job check (docs/operations.md): jobs queued or running longer than their type's timeout are reconciled. */
@ConfigMapping(prefix = "realskin.stale-jobs")
public interface StaleJobsConfig {
    /** By job type ({@code realskin.stale-jobs.timeout.texture-restore=15m}); {@link #defaultTimeout()} for the others. */
    Map<String, Duration> timeout();

    @WithDefault("30m")
    Duration defaultTimeout();

    /** How often the check runs; it also runs once shortly after start. */
    @WithDefault("5m")
    Duration checkEvery();

    @WithDefault("30s")
    Duration firstCheckAfter();

    /** How often a job's request is sent again before the check only reports it. */
    @WithDefault("3")
    int maxRequestsAgain();

    /** Stale jobs looked at per check, oldest first. */
    @WithDefault("200")
    int batch();

    default Duration timeoutOf(String type) {
        return timeout().getOrDefault(type, defaultTimeout());
    }

    /** The longest timeout of any type: how long a worker may still be at a job the gateway has given up on. */
    default Duration longestTimeout() {
        return timeout().values().stream().reduce(defaultTimeout(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }
}
