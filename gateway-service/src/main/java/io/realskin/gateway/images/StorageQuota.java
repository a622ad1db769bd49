package io.realskin.gateway.images;

import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.problems.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The per-tenant storage quota ({@code realskin.images.max-bytes-per-tenant}): an upload reserves its bytes before its
 * blob is written and is refused (409 storage-quota-exceeded) when they do not fit; the reservation is given back when
 * the image is not written after all. Blocking: call from a worker thread.
 */
@ApplicationScoped
public class StorageQuota {
    private static final Logger LOG = Logger.getLogger(StorageQuota.class);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);

    private final StorageUsageRepository usage;
    private final ImageMetrics metrics;
    private final long limitBytes;

    public StorageQuota(StorageUsageRepository usage, ImageMetrics metrics, GatewayConfig config) {
        this.usage = usage;
        this.metrics = metrics;
        this.limitBytes = config.images().maxBytesPerTenant().asLongValue();
    }

    public long limitBytes() {
        return limitBytes;
    }

    /** Reserves the upload's bytes, or throws 409 storage-quota-exceeded with the tenant's usage and the limit. */
    void reserve(String tenantId, long bytes) {
        if (usage.reserve(tenantId, bytes, limitBytes).await().atMost(DB_TIMEOUT)) {
            return;
        }
        metrics.refused(Problems.STORAGE_QUOTA_EXCEEDED.slug());
        throw Problems.storageQuotaExceeded(usage.usage(tenantId).await().atMost(DB_TIMEOUT).usedBytes(), limitBytes, bytes);
    }

    /**
     * Best effort: a reservation that could not be given back (the database gone meanwhile) stays counted until the
     * tenant's usage is recomputed (docs/api.md, "Storage quota").
     */
    void giveBack(String tenantId, long bytes) {
        try {
            usage.giveBack(tenantId, bytes).await().atMost(DB_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.errorf("tenant %s: %d reserved bytes not given back: %s", tenantId, bytes, e.getMessage());
        }
    }
}
