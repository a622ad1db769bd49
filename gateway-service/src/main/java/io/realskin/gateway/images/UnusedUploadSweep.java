package io.realskin.gateway.images;

import io.quarkus.scheduler.Scheduled;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Deletes uploads sent for one job (POST /v1/images?expireUnused=true: the Studio's masks and Generate references) that
 * no job named before their {@code unused_until} ({@code realskin.images.unused-upload-lifetime} after the upload): a mask whose job never
 * came (the page was closed, or reloaded and forgotten, while it was being sent) would otherwise stay stored for good,
 * counted in the tenant's quota, in no job. A job naming the upload clears its {@code unused_until}
 * ({@link ImageRepository#lockForJob}). Runs on every replica; each deletion checks, under the image's row lock, that it
 * is still unused, so two sweeps never delete one image twice nor one a job named meanwhile.
 */
@ApplicationScoped
public class UnusedUploadSweep {
    private static final Logger LOG = Logger.getLogger(UnusedUploadSweep.class);
    /** realskin.database.timeout: how long a sweep's read waits for the database. */
    private final Duration dbTimeout;
    private static final int BATCH = 500;

    private final ImageRepository images;
    private final ImageDeletion deletion;

    public UnusedUploadSweep(ImageRepository images, ImageDeletion deletion, GatewayConfig config) {
        this.dbTimeout = config.database().timeout();
        this.images = images;
        this.deletion = deletion;
    }

    @Scheduled(every = "${realskin.images.unused-upload-sweep-every}", delayed = "${realskin.images.unused-upload-sweep-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warnf("unused-upload sweep stopped (the next one goes on): %s", e.toString());
        }
    }

    /** Blocking. Deletes at most a batch of them; returns how many it deleted. */
    public int sweep() {
        int deleted = 0;
        for (String[] unused : images.unusedPast(BATCH).await().atMost(dbTimeout)) {
            try {
                if (deletion.deleteUnused(unused[0], unused[1])) {
                    deleted++;
                }
            } catch (ProblemException e) { // an unfinished job needs it: none should, as naming it cleared unused_until
                LOG.warnf("unused upload %s of tenant %s not deleted: %s", unused[1], unused[0], e.getMessage());
            }
        }
        if (deleted > 0) {
            LOG.infof("%d uploads sent for a job that no job used deleted", deleted);
        }
        return deleted;
    }
}
