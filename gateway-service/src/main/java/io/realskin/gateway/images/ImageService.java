package io.realskin.gateway.images;

import io.realskin.contracts.blob.BlobKeys;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.gateway.common.Ids;
import io.realskin.gateway.common.WorkerTransactions;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.images.StorageUsageRepository.Reservation;
import io.realskin.gateway.problems.Problems;
import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.ImageLimits;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Uploads are untrusted: {@link ImageChecks} reads them from the header bytes before anything decodes them.
 * Originals are stored content-addressed per tenant ({@code images/<tenant>/<sha256>}) and never change: the same
 * bytes uploaded twice are one blob and two rows. An upload's bytes are reserved from the tenant's storage quota
 * ({@link StorageQuota}) before its blob is written. An upload whose row is not written after its blob was takes its
 * blob away again when no row names it ({@link UploadLeftovers}); one whose put failed (which may have stored the bytes
 * all the same) or whose gateway dies first leaves its reservation, with the blob key, to {@link ReservationSweep}.
 */
@ApplicationScoped
public class ImageService {
    private static final Logger LOG = Logger.getLogger(ImageService.class);
    /** realskin.database.timeout: how long an upload waits for the database. */
    private final Duration dbTimeout;

    private final BlobStore blobs;
    private final ImageRepository images;
    private final Pool pool;
    private final StorageUsageRepository usage;
    private final StorageQuota quota;
    private final ImageLimits limits = ImageLimits.DEFAULT;
    private final UploadLeftovers leftovers;

    public ImageService(BlobStore blobs, ImageRepository images, Pool pool, StorageUsageRepository usage, StorageQuota quota,
                        GatewayConfig config) {
        this.dbTimeout = config.database().timeout();
        this.blobs = blobs;
        this.images = images;
        this.pool = pool;
        this.usage = usage;
        this.quota = quota;
        this.leftovers = new UploadLeftovers(pool, images, blobs, dbTimeout);
    }

    /** Blocking (blob write): call from a worker thread. An upload no API key made (tests). */
    public Image upload(String tenantId, byte[] bytes) {
        return upload(tenantId, null, bytes, null);
    }

    /**
     * As {@link #upload(String, byte[])}, by the API key {@code keyId} (the image's {@code createdBy}); an upload for one
     * job is given {@code unusedFor}: {@link UnusedUploadSweep} deletes it unless a job names it within that time after the upload.
     */
    public Image upload(String tenantId, String keyId, byte[] bytes, Duration unusedFor) {
        if (bytes == null || bytes.length == 0) {
            throw Problems.invalid("the body is empty: send the image bytes (image/*) or a multipart field named file");
        }
        ImageInfo info = ImageChecks.check(bytes, limits, "30 MiB, 50 megapixels, 150 MB decoded");
        String sha256 = BlobKeys.sha256Hex(bytes);
        String key = BlobKeys.Kind.IMAGES.key(tenantId, sha256);
        int width = info.transposed() ? info.height() : info.width();
        int height = info.transposed() ? info.width() : info.height();
        Image image = new Image(Ids.image(), tenantId, key, info.format().contentType(), width, height, bytes.length, sha256,
                Instant.now(), null, keyId);
        Reservation reservation = quota.reserve(tenantId, bytes.length, key);
        boolean written = false;
        try {
            store(key, bytes);
            written = true;
            WorkerTransactions.run(pool, dbTimeout, tx -> {
                images.lockBlobKey(tx, key).await().atMost(dbTimeout);
                if (!stored(key)) {
                    store(key, bytes); // the last other image of these bytes was deleted since, and its blob with it
                }
                images.insert(tx, image).await().atMost(dbTimeout);
                if (unusedFor != null) {
                    images.expireUnused(tx, image.id(), image.createdAt().plus(unusedFor)).await().atMost(dbTimeout);
                }
                return usage.reservedImageWritten(tx, reservation).await().atMost(dbTimeout);
            });
        } catch (RuntimeException e) {
            if (!written) {
                // a put that failed may have stored the bytes all the same (S3 finishes a write whose answer the call
                // timeout cut off, and may answer 500 to one it stored): the bytes are given back, and the reservation's
                // row, naming the blob, stays for the sweep to remove it after the lease unless a row names it then. Not
                // removed now: the store just failed, and asking it again would hold this request and a connection
                quota.giveBackKeepingBlobKey(reservation);
            } else if (leftovers.remove(tenantId, key)) {
                // the bytes written and no row naming them (the transaction failed, or timed out): the blob goes too. A
                // removal that fails leaves the reservation, with the blob key, for the sweep to finish after its lease
                quota.giveBack(reservation);
            }
            throw e;
        }
        return image;
    }

    private void store(String key, byte[] bytes) {
        try {
            blobs.put(key, bytes);
        } catch (IOException e) {
            LOG.warnf("upload not stored: %s", e.getMessage());
            throw Problems.unavailable("blob store");
        }
    }

    private boolean stored(String key) {
        try {
            return blobs.exists(key);
        } catch (IOException e) {
            LOG.warnf("upload not checked: %s", e.getMessage());
            throw Problems.unavailable("blob store");
        }
    }
}
