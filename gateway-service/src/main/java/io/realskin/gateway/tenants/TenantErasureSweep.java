package io.realskin.gateway.tenants;

import io.quarkus.scheduler.Scheduled;
import io.realskin.contracts.blob.BlobKeys;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.gateway.auth.AuthService;
import io.realskin.gateway.backends.BillingClient;
import io.realskin.gateway.common.WorkerTransactions;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.images.ImageDeletion;
import io.realskin.gateway.profiles.TextureProfileDeletion;
import io.realskin.support.problem.ProblemException;
import io.realskin.support.problem.ProblemTypes;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Erases the tenants marked {@code erasing} ({@link TenantErasure}; docs/api.md, "Erasing a tenant"), one batch of each
 * per run, once no job of theirs is queued or running and no canceled job's worker is still at it
 * ({@link Outcome#WAITING_FOR_WORKERS}): at most {@code realskin.tenants.erasure-batch-size} rows of the first kind that has any left, in this order:
 * images (row, blob and thumbnails, through {@link ImageDeletion}), texture profiles ({@link TextureProfileDeletion}),
 * jobs (with their history and published outbox records), webhook deliveries, the webhook endpoint and secrets, API keys,
 * Idempotency-Key records, storage reservations and usage, then every blob still under the tenant's prefixes. Every
 * step is its own short transaction and everything it knows is in PostgreSQL or the blob store, so a crash or a failure
 * (the blob store, billing) leaves the rest for the next run, which goes on where it stopped. With nothing left, billing closes the account (retried on the next run while billing does not
 * answer) and the row becomes a tombstone. A replica erases a tenant only under the tenant's advisory lock, so two
 * replicas never erase one tenant at once; the row steps take their rows FOR UPDATE SKIP LOCKED besides.
 */
@ApplicationScoped
public class TenantErasureSweep {
    private static final Logger LOG = Logger.getLogger(TenantErasureSweep.class);
    /**
     * Tenants a run works on at most (one batch each), the longest waiting first: more than are ever erased at once, so
     * tenants whose erasure waits (for an operator to cancel a job, for billing) do not hold the others back.
     */
    private static final int TENANTS_PER_RUN = 100;
    /** How long a batch may hold its tenant's lock; a batch past it still finishes its steps, each committed. */
    private static final Duration BATCH_LOCK = Duration.ofMinutes(10);

    /** What one batch came to. */
    public enum Outcome {
        /** The tenant is not being erased (never asked, or a tombstone already). */
        NOT_ERASING,
        /** Another replica is erasing it now. */
        BUSY,
        /** It has queued or running jobs: an operator cancels them (docs/operations.md, "Erasing a tenant"). */
        WAITING_FOR_JOBS,
        /**
         * A canceled job's worker is still at it: waited for until it reports its end, at most the longest stale-job
         * timeout after the job's creation (45 min by default, under TenantErasureStuck's hour: not counted as stuck), so what it
         * writes under the tenant's prefixes is swept with the rest.
         */
        WAITING_FOR_WORKERS,
        /** Rows were removed; more may be left. */
        PROGRESS,
        /** Nothing is left in the gateway, but billing did not close the account: the next run asks again. */
        WAITING_FOR_BILLING,
        /** The tenant is a tombstone now. */
        ERASED
    }

    /** realskin.database.timeout: how long each step waits for the database. */
    private final Duration dbTimeout;
    private final Pool pool;
    private final TenantErasureRepository erasures;
    private final ImageDeletion images;
    private final TextureProfileDeletion profiles;
    private final BillingClient billing;
    private final BlobStore blobs;
    private final AuthService auth;
    private final TenantMetrics metrics;
    private final int batchSize;

    public TenantErasureSweep(Pool pool, TenantErasureRepository erasures, ImageDeletion images, TextureProfileDeletion profiles,
                              BillingClient billing, BlobStore blobs, AuthService auth, TenantMetrics metrics, GatewayConfig config) {
        this.dbTimeout = config.database().timeout();
        this.pool = pool;
        this.erasures = erasures;
        this.images = images;
        this.profiles = profiles;
        this.billing = billing;
        this.blobs = blobs;
        this.auth = auth;
        this.metrics = metrics;
        this.batchSize = config.tenants().erasureBatchSize();
    }

    @Scheduled(every = "${realskin.tenants.erasure-sweep-every}", delayed = "${realskin.tenants.erasure-sweep-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warnf("tenant erasure sweep stopped (the next one goes on): %s", e.toString());
        }
    }

    /** Blocking. One batch of each tenant being erased (at most {@value #TENANTS_PER_RUN}); returns how many it finished. */
    public int sweep() {
        int finished = 0;
        Map<TenantMetrics.ErasureWait, Integer> waiting = new EnumMap<>(TenantMetrics.ErasureWait.class);
        for (String tenantId : erasures.erasing(TENANTS_PER_RUN).await().atMost(dbTimeout)) {
            try {
                switch (erase(tenantId, batchSize)) {
                    case ERASED -> finished++;
                    case WAITING_FOR_JOBS -> waiting.merge(TenantMetrics.ErasureWait.JOBS, 1, Integer::sum);
                    case WAITING_FOR_BILLING -> waiting.merge(TenantMetrics.ErasureWait.BILLING, 1, Integer::sum);
                    default -> { }
                }
            } catch (RuntimeException e) {
                waiting.merge(TenantMetrics.ErasureWait.FAILING, 1, Integer::sum);
                LOG.warnf("erasure of tenant %s paused (the next sweep goes on where it stopped): %s", tenantId, e.toString());
            }
        }
        metrics.erasuresWaiting(waiting);
        return finished;
    }

    /** Blocking. One batch of the tenant's erasure, of at most {@code batch} rows, under the tenant's lock. */
    public Outcome erase(String tenantId, int batch) {
        return WorkerTransactions.run(pool, BATCH_LOCK, tx -> erasures.tryLock(tx, tenantId).await().atMost(dbTimeout)
                ? batch(tenantId, batch) : Outcome.BUSY);
    }

    private Outcome batch(String tenantId, int batch) {
        if (!erasures.isErasing(tenantId).await().atMost(dbTimeout)) {
            return Outcome.NOT_ERASING;
        }
        long unfinished = erasures.unfinishedJobs(tenantId).await().atMost(dbTimeout);
        if (unfinished > 0) { // a job submitted as the tenant was being suspended: its images and profiles are in use
            LOG.warnf("erasure of tenant %s waits for %d queued or running jobs: cancel them (POST /v1/admin/tenants/%s/jobs/cancel)",
                    tenantId, unfinished, tenantId);
            return Outcome.WAITING_FOR_JOBS;
        }
        long workers = erasures.canceledJobsWithWorkerRunning(tenantId).await().atMost(dbTimeout);
        if (workers > 0) { // until 2026-12-07 it went on: a completion record the worker wrote after the blob sweep stayed
            LOG.infof("erasure of tenant %s waits for the workers of %d canceled jobs to report their end", tenantId, workers);
            return Outcome.WAITING_FOR_WORKERS;
        }
        List<String> imageIds = erasures.imageIds(tenantId, batch).await().atMost(dbTimeout);
        if (!imageIds.isEmpty()) {
            int deleted = 0;
            for (String imageId : imageIds) {
                if (images.deleteUnreleased(tenantId, imageId)) {
                    deleted++;
                }
            }
            return counted(tenantId, "images", deleted);
        }
        List<String> profileIds = erasures.profileIds(tenantId, batch).await().atMost(dbTimeout);
        if (!profileIds.isEmpty()) {
            int deleted = 0;
            for (String profileId : profileIds) {
                try {
                    profiles.delete(tenantId, profileId);
                    deleted++;
                } catch (ProblemException e) {
                    if (!ProblemTypes.NOT_FOUND.uri().equals(e.problem().type())) {
                        throw e;
                    }
                }
            }
            return counted(tenantId, "texture_profiles", deleted);
        }
        int jobs = erasures.deleteJobs(tenantId, batch).await().atMost(dbTimeout);
        if (jobs > 0) {
            return counted(tenantId, "jobs", jobs);
        }
        int deliveries = erasures.deleteWebhookDeliveries(tenantId, batch).await().atMost(dbTimeout);
        if (deliveries > 0) {
            return counted(tenantId, "webhook_deliveries", deliveries);
        }
        counted(tenantId, "webhook_settings", erasures.deleteWebhookSettings(tenantId).await().atMost(dbTimeout));
        TenantErasureRepository.KeysGone keys = erasures.deleteKeys(tenantId, batch).await().atMost(dbTimeout);
        if (keys.deleted() > 0) {
            auth.evictTenant(tenantId);
            if (keys.unlinkedElsewhere() > 0) {
                LOG.infof("%d keys of other tenants had been made from keys of tenant %s: their createdBy is null now",
                        keys.unlinkedElsewhere(), tenantId);
            }
            return counted(tenantId, "api_keys", keys.deleted());
        }
        int answers = erasures.deleteIdempotencyRecords(tenantId, batch).await().atMost(dbTimeout);
        if (answers > 0) {
            return counted(tenantId, "idempotency_records", answers);
        }
        List<String> leftovers = erasures.deleteStorage(tenantId).await().atMost(dbTimeout);
        for (String key : leftovers) { // an upload that never finished: no image row names its blob (they are all gone)
            try {
                blobs.delete(key);
            } catch (IOException e) {
                LOG.warnf("blob %s of an unfinished upload of erased tenant %s not deleted: %s", key, tenantId, e.getMessage());
            }
        }
        counted(tenantId, "storage_reservations", leftovers.size());
        int blobsLeft = deleteBlobsNamedByNoRow(tenantId, batch);
        if (blobsLeft > 0) {
            return counted(tenantId, "blobs", blobsLeft);
        }
        try {
            billing.closeAccount(tenantId);
        } catch (RuntimeException e) {
            LOG.warnf("erasure of tenant %s waits for billing to close its account (the next sweep asks again): %s", tenantId,
                    e.getMessage());
            return Outcome.WAITING_FOR_BILLING;
        }
        String erased = erasures.tombstone(tenantId).await().atMost(dbTimeout);
        if (erased != null) {
            metrics.erased();
            LOG.infof("tenant %s erased, its billing account closed; rows removed: %s", tenantId, erased);
        }
        return Outcome.ERASED;
    }

    /**
     * With every row gone, what is still under the tenant's blob prefixes ({@link BlobKeys#tenantPrefixes}): texture-service's
     * completion records beside its results, results no image row named (a late one, one of a failed job), blobs of
     * uploads older than their reservations. Up to {@code batch} of them; how many it deleted (0: none left).
     */
    private int deleteBlobsNamedByNoRow(String tenantId, int batch) {
        for (String prefix : BlobKeys.tenantPrefixes(tenantId)) {
            try {
                List<String> keys = blobs.keysUnder(prefix, batch);
                for (String key : keys) {
                    blobs.delete(key);
                }
                if (!keys.isEmpty()) {
                    return keys.size();
                }
            } catch (IOException e) {
                throw new IllegalStateException("blob store: " + e.getMessage(), e);
            }
        }
        return 0;
    }

    private Outcome counted(String tenantId, String kind, long rows) {
        erasures.counted(tenantId, kind, rows).await().atMost(dbTimeout);
        metrics.erasedRows(kind, rows);
        return Outcome.PROGRESS;
    }
}
