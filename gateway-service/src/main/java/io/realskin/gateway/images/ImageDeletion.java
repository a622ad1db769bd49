package io.realskin.gateway.images;

import io.realskin.contracts.blob.BlobStore;
import io.realskin.gateway.common.WorkerTransactions;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.jobs.JobRepository;
import io.realskin.gateway.problems.Problems;
import io.realskin.support.problem.ProblemTypes;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * {@code DELETE /v1/images/{id}}: the row goes, and the blob with it when no other row of the tenant names the same
 * bytes. All in one transaction that holds the image row (so no job can be accepted for it meanwhile, see
 * {@link ImageRepository#lockForJob}) and the blob key's lock (so no upload of the same bytes can count on the blob
 * being removed); the blob is removed before the commit, so a store that fails leaves the image as it was (503, try
 * again), and a commit that fails after it leaves a row whose content is gone, which the next DELETE finishes. The
 * blob's thumbnails ({@link ThumbnailWidths#keys}) go with it, before it; {@link Thumbnails} stores one only under the
 * same lock while a row still names the blob, so none is left behind.
 */
@ApplicationScoped
public class ImageDeletion {
    private static final Logger LOG = Logger.getLogger(ImageDeletion.class);
    /** realskin.database.timeout: how long a deletion (its transaction and each step) waits for the database. */
    private final Duration dbTimeout;

    private final Pool pool;
    private final ImageRepository images;
    private final JobRepository jobs;
    private final BlobStore blobs;
    private final StorageUsageRepository usage;
    private final ImageMetrics metrics;

    public ImageDeletion(Pool pool, ImageRepository images, JobRepository jobs, BlobStore blobs, StorageUsageRepository usage,
                         ImageMetrics metrics, GatewayConfig config) {
        this.dbTimeout = config.database().timeout();
        this.pool = pool;
        this.images = images;
        this.jobs = jobs;
        this.blobs = blobs;
        this.usage = usage;
        this.metrics = metrics;
    }

    /** Blocking. 404 when the tenant has no such image, 409 image-in-use while an unfinished job needs it. */
    public void delete(String tenantId, String imageId) {
        delete(tenantId, imageId, tx -> images.findForUpdate(tx, tenantId, imageId).await().atMost(dbTimeout)
                .orElseThrow(() -> Problems.notFound("image", imageId)));
    }

    /**
     * Deletes a job's result its job never released to the tenant ({@link ImageRepository#find} does not find it: a generate
     * job's generated image once the job is canceled during its texture pass), as {@link #delete} would. Blocking. Whether it
     * was deleted.
     */
    public boolean deleteUnreleased(String tenantId, String imageId) {
        return delete(tenantId, imageId, tx -> images.findIncludingUnreleasedForUpdate(tx, tenantId, imageId).await().atMost(dbTimeout)
                .orElse(null));
    }

    /**
     * Deletes the upload if it is still unused past its {@code unused_until} ({@link UnusedUploadSweep}), checked under
     * its row lock: a job that named it meanwhile keeps it. Blocking. Whether it was deleted.
     */
    public boolean deleteUnused(String tenantId, String imageId) {
        return delete(tenantId, imageId, tx -> images.findUnusedForUpdate(tx, tenantId, imageId).await().atMost(dbTimeout).orElse(null));
    }

    private boolean delete(String tenantId, String imageId, Function<SqlClient, Image> find) {
        Boolean blobRemoved = WorkerTransactions.run(pool, dbTimeout, tx -> {
            Image image = find.apply(tx);
            if (image == null) {
                return null;
            }
            List<String> users = jobs.unfinishedUsing(tx, tenantId, imageId).await().atMost(dbTimeout);
            if (!users.isEmpty()) {
                metrics.refused(ProblemTypes.IMAGE_IN_USE.slug());
                throw Problems.imageInUse(imageId, users);
            }
            images.lockBlobKey(tx, image.blobKey()).await().atMost(dbTimeout);
            images.delete(tx, imageId).await().atMost(dbTimeout);
            usage.imageRemoved(tx, tenantId, image.bytes()).await().atMost(dbTimeout); // its bytes are free again, counted per image
            boolean last = images.countWithBlobKey(tx, tenantId, image.blobKey()).await().atMost(dbTimeout) == 0;
            if (last) {
                removeBlob(image.blobKey());
            }
            return last;
        });
        if (blobRemoved == null) {
            return false;
        }
        metrics.deleted(blobRemoved);
        LOG.infof("image %s of tenant %s deleted%s", imageId, tenantId, blobRemoved ? " with its blob" : "");
        return true;
    }

    private void removeBlob(String key) {
        try {
            for (String thumbnail : ThumbnailWidths.keys(key)) {
                blobs.delete(thumbnail);
            }
            blobs.delete(key);
        } catch (IOException e) {
            LOG.warnf("blob %s not deleted: %s", key, e.getMessage());
            throw Problems.unavailable("blob store");
        }
    }
}
