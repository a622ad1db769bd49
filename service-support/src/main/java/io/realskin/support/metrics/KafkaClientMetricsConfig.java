package io.realskin.support.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The Kafka clients' own metrics ({@link KafkaClientMeters}; docs/operations.md, "Metrics"). */
@ConfigMapping(prefix = "realskin.kafka-client-metrics")
public interface KafkaClientMetricsConfig {
    /** Read at build time: whether this service binds its Kafka clients' metrics; the services with Kafka set it. */
    @WithDefault("false")
    boolean enabled();

    /**
     * How often each client's list of metrics is read again, so that a metric it makes after it started (a consumer's
     * lag per partition once assigned, a producer's counters per topic once it sends there) is exported, and a closed
     * client's meters removed. A read compares a few hundred metric names; Micrometer's own default is 60 s.
     */
    @WithDefault("5s")
    Duration refresh();
}
