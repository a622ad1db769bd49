package io.realskin.gateway.images;

import io.realskin.contracts.blob.BlobStore;
import io.realskin.gateway.common.WorkerTransactions;
import io.vertx.mutiny.sqlclient.Pool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The blob of an upload that wrote its bytes and never its row (its transaction failed, or its gateway died before the
 * commit): no image names it, so no list shows it, no DELETE reaches it and no quota counts it. Removed, with its
 * thumbnails, under the blob key's lock, which every upload and deletion of the same bytes takes too: only when no image
 * row of the tenant names the key; an upload of the same bytes after it stores them again ({@link ImageService}).
 * Best effort: a removal that fails is logged with the key (never the bytes). Blocking.
 */
final class UploadLeftovers {
    private static final Logger LOG = Logger.getLogger(UploadLeftovers.class);

    private final Pool pool;
    private final ImageRepository images;
    private final BlobStore blobs;
    private final Duration dbTimeout;

    UploadLeftovers(Pool pool, ImageRepository images, BlobStore blobs, Duration dbTimeout) {
        this.pool = pool;
        this.images = images;
        this.blobs = blobs;
        this.dbTimeout = dbTimeout;
    }

    /** True when no leftover remains: the blob was removed, or an image row names it; false when the removal failed. */
    boolean remove(String tenantId, String blobKey) {
        try {
            boolean removed = WorkerTransactions.run(pool, dbTimeout, tx -> {
                images.lockBlobKey(tx, blobKey).await().atMost(dbTimeout);
                if (images.countWithBlobKey(tx, tenantId, blobKey).await().atMost(dbTimeout) > 0) {
                    return false;
                }
                try {
                    for (String thumbnail : ThumbnailWidths.keys(blobKey)) {
                        blobs.delete(thumbnail);
                    }
                    blobs.delete(blobKey);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return true;
            });
            if (removed) {
                LOG.infof("blob %s of tenant %s removed: its upload never wrote its image row", blobKey, tenantId);
            }
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("blob %s of tenant %s not removed, though its upload never wrote its image row: %s", blobKey, tenantId,
                    e.getMessage());
            return false;
        }
    }
}
