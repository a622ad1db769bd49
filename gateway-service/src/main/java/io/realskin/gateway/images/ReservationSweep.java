package io.realskin.gateway.images;

import io.quarkus.scheduler.Scheduled;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.gateway.images.StorageUsageRepository.Expired;
import io.realskin.gateway.images.StorageUsageRepository.GivenBack;
import io.realskin.gateway.images.StorageUsageRepository.Left;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Gives back the storage quota of uploads that never finished: a reservation older than
 * {@code realskin.images.reservation-lease} was left by a gateway that died between reserving and writing the image
 * row (docs/api.md, "Storage quota"). The blob such an upload may have written goes too when no image row names it
 * ({@link UploadLeftovers}): a photo nothing lists, counts or can delete. Runs on every replica; the repository lets
 * one sweep at a time do the work.
 */
@ApplicationScoped
public class ReservationSweep {
    private static final Logger LOG = Logger.getLogger(ReservationSweep.class);
    /** realskin.database.timeout: how long a sweep waits for the database. */
    private final Duration dbTimeout;
    private static final int BATCH = 1000;
    private static final int LISTED = 20;

    private final StorageUsageRepository usage;
    private final ImageMetrics metrics;
    private final Duration lease;
    private final UploadLeftovers leftovers;

    public ReservationSweep(StorageUsageRepository usage, ImageMetrics metrics, Pool pool, ImageRepository images, BlobStore blobs,
                            GatewayConfig config) {
        this.dbTimeout = config.database().timeout();
        this.usage = usage;
        this.metrics = metrics;
        this.lease = config.images().reservationLease();
        this.leftovers = new UploadLeftovers(pool, images, blobs, dbTimeout);
    }

    @Scheduled(every = "${realskin.images.reservation-sweep-every}", delayed = "${realskin.images.reservation-sweep-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warnf("storage reservation sweep skipped (the next one retries): %s", e.toString());
        }
    }

    /** Blocking. Returns what it gave back, per tenant. */
    public List<GivenBack> sweep() {
        Expired expired = usage.giveBackExpired(lease, BATCH).await().atMost(dbTimeout);
        List<GivenBack> given = expired.given();
        if (!given.isEmpty()) {
            metrics.reservationsExpired(given.stream().mapToLong(GivenBack::reservations).sum(),
                    given.stream().mapToLong(GivenBack::bytes).sum());
            LOG.warnf("storage reservations older than the lease (%s) given back, their uploads unfinished: %s%s",
                    lease.toString().substring(2).toLowerCase(Locale.ROOT),
                    given.stream().limit(LISTED).map(g -> "tenant " + g.tenantId() + " " + g.bytes() + " bytes (reservations: "
                            + g.reservations() + ")").collect(Collectors.joining(", ")),
                    given.size() > LISTED ? " and " + (given.size() - LISTED) + " more tenants" : "");
        }
        for (Left left : expired.blobs()) { // after the commit: an upload that goes on after all stores its bytes again
            if (!leftovers.remove(left.tenantId(), left.blobKey())) { // logged with the key, for an operator: nothing retries
                metrics.blobLeft();
            }
        }
        return given;
    }
}
