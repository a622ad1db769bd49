package io.realskin.texture.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The texture worker pool ({@code REALSKIN_TEXTURE_WORKER_*}). */
@ConfigMapping(prefix = "realskin.texture.worker")
public interface WorkerConfig {
    /** Jobs worked at once by this process; 0 means one per available core. */
    @WithDefault("0")
    int threads();

    /**
     * Records held at once, queued for a thread or running. Above the largest plan's job cap (ultimate, 100), so one
     * tenant's whole burst fits here and another tenant's job that comes after it is still taken and gets its turn.
     */
    @WithDefault("128")
    int maxHeldRequests();

    /**
     * No record is taken while the oldest queued job has waited longer than this, so the queue drains before it grows
     * again: a record starts within this + max-held-requests x the longest job / threads, which with the job's own run
     * must stay under the channel's {@code throttled.unprocessed-record-max-age.ms}.
     */
    @WithDefault("5m")
    Duration maxQueueWait();

    /**
     * The oldest request a worker still starts (from the record's {@code occurredAt}); an older one fails
     * {@code expired} unworked (RequestAge): after a backlog, a job past its credit hold would be done for nothing.
     */
    @WithDefault("50m")
    Duration maxRequestAge();

    /** How long a shutdown waits for in-flight jobs; what still runs then is redelivered to another worker. */
    @WithDefault("30s")
    Duration drainTimeout();

    /**
     * Heap, in MiB, that 2x source-restores running at once may take together (SourceRestoreHeap); 0 means 60 % of the
     * maximum heap.
     */
    @WithDefault("0")
    int sourceRestoreHeapMib();
}
