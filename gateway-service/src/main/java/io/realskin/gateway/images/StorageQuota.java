package io.realskin.gateway.images;

import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.images.StorageUsageRepository.Reservation;
import io.realskin.gateway.problems.Problems;
import io.realskin.support.problem.ProblemTypes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The per-tenant storage quota ({@code realskin.images.max-bytes-per-tenant}, {@code max-images-per-tenant}): an upload
 * reserves its bytes before its blob is written and is refused (409 storage-quota-exceeded) when they do not fit or the
 * tenant stores its most images; the reservation is given back when
 * the image is not written after all, and by {@link ReservationSweep} after its lease when nobody finished it (its
 * gateway died). Blocking: call from a worker thread.
 */
@ApplicationScoped
public class StorageQuota {
    private static final Logger LOG = Logger.getLogger(StorageQuota.class);
    /** realskin.database.timeout: how long a reservation or a usage read waits for the database. */
    private final Duration dbTimeout;

    private final StorageUsageRepository usage;
    private final ImageMetrics metrics;
    private final long limitBytes;
    private final long limitImages;

    public StorageQuota(StorageUsageRepository usage, ImageMetrics metrics, GatewayConfig config) {
        this.dbTimeout = config.database().timeout();
        this.usage = usage;
        this.metrics = metrics;
        this.limitBytes = config.images().maxBytesPerTenant().asLongValue();
        this.limitImages = config.images().maxImagesPerTenant();
    }

    /** What the tenant stores against both limits, as the image list and the admin's tenant view show it. */
    public ImagePage.Usage usage(long usedBytes, long images) {
        return new ImagePage.Usage(usedBytes, limitBytes, images, limitImages);
    }

    /**
     * Reserves the upload's bytes, or throws 409 storage-quota-exceeded with the tenant's usage and the limits.
     * {@code blobKey}: the blob the upload writes, kept with the reservation for {@link ReservationSweep}.
     */
    Reservation reserve(String tenantId, long bytes, String blobKey) {
        Optional<Reservation> reserved = usage.reserve(tenantId, bytes, limitBytes, limitImages, blobKey).await().atMost(dbTimeout);
        if (reserved.isPresent()) {
            return reserved.get();
        }
        metrics.refused(ProblemTypes.STORAGE_QUOTA_EXCEEDED.slug());
        StorageUsageRepository.Usage used = usage.usage(tenantId).await().atMost(dbTimeout);
        throw Problems.storageQuotaExceeded(used.usedBytes(), limitBytes, used.images(), limitImages, bytes);
    }

    /**
     * As {@link #giveBack}, for an upload whose put failed: its bytes are given back now, and its reservation's row, which
     * names the blob the put may have stored all the same, stays for {@link ReservationSweep} to remove that blob after the
     * lease unless an image row names it then.
     */
    void giveBackKeepingBlobKey(Reservation reservation) {
        bestEffort(reservation, () -> usage.giveBackKeepingBlobKey(reservation));
    }

    /** Best effort: a reservation that could not be given back (the database gone meanwhile) is swept after its lease. */
    void giveBack(Reservation reservation) {
        bestEffort(reservation, () -> usage.giveBack(reservation));
    }

    private void bestEffort(Reservation reservation, Supplier<Uni<Boolean>> giving) {
        try {
            giving.get().await().atMost(dbTimeout);
        } catch (RuntimeException e) {
            LOG.errorf("tenant %s: %d reserved bytes not given back now (swept after the lease): %s", reservation.tenantId(),
                    reservation.bytes(), e.getMessage());
        }
    }
}
