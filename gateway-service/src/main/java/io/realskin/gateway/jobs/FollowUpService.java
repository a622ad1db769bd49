package io.realskin.gateway.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realskin.contracts.Intensity;
import io.realskin.contracts.JobTypes;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.images.Image;
import io.realskin.gateway.images.ImageRepository;
import io.realskin.gateway.webhooks.WebhookService;
import io.realskin.support.problem.ProblemException;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The follow-up step of a generate job with {@code texturePass}: once the image is generated, a texture-restore job
 * on it (its own hold at billing). If billing refuses the step (credits, plan), the generate job ends completed with
 * the generated image and says why the pass was skipped, as when the step's hold ended before the step could be written
 * (it expired: no attempt reached billing within the hold's TTL; written, the step would run unpaid); if billing is unreachable the step is
 * tried again on the next redelivery of the event.
 */
@ApplicationScoped
public class FollowUpService {
    private static final Logger LOG = Logger.getLogger(FollowUpService.class);
    /** realskin.database.timeout: how long a follow-up step's read or write waits for the database. */
    private final Duration dbTimeout;

    private final Pool pool;
    private final JobRepository jobs;
    private final ImageRepository images;
    private final JobService jobService;
    private final WebhookService webhooks;
    private final JobUpdates updates;
    private final HoldReleases holdReleases;

    public FollowUpService(Pool pool, JobRepository jobs, ImageRepository images, JobService jobService, WebhookService webhooks,
                           JobUpdates updates, HoldReleases holdReleases, GatewayConfig config) {
        this.dbTimeout = config.database().timeout();
        this.pool = pool;
        this.jobs = jobs;
        this.images = images;
        this.jobService = jobService;
        this.webhooks = webhooks;
        this.updates = updates;
        this.holdReleases = holdReleases;
    }

    static boolean wantsTexturePass(Job job) {
        return JobTypes.GENERATE.equals(job.type()) && job.request() != null && job.request().hasNonNull("texturePass");
    }

    /** Blocking. Starts the step of a generate job that is waiting for it; does nothing otherwise. */
    public void continueIfWaiting(String jobId) {
        Optional<Job> found = jobs.findAny(jobId).await().atMost(dbTimeout);
        if (found.isEmpty() || found.get().status() != JobStatus.RUNNING
                || !JobEventService.TEXTURE_PASS_STAGE.equals(found.get().stage())) {
            return;
        }
        Job parent = found.get();
        String imageId = parent.result() == null ? null : parent.result().path("imageId").asText(null);
        Image generated = imageId == null ? null : images.findIncludingUnreleased(parent.tenantId(), imageId).await().atMost(dbTimeout).orElse(null);
        if (generated == null) {
            // an earlier attempt that could not write the step kept its hold for this one
            holdReleases.releaseNow(parent.tenantId(), JobService.texturePassId(parent.id()));
            skip(parent, "the generated image is missing");
            return;
        }
        Intensity intensity = texturePassIntensity(parent);
        try {
            jobService.submitTexturePass(parent, generated, intensity)
                    .ifPresent(step -> LOG.debugf("job %s: texture pass %s queued", parent.id(), step));
        } catch (JobService.HoldEnded e) {
            skip(parent, e.getMessage());
        } catch (ProblemException e) {
            if (e.problem().status() == 503) {
                LOG.warnf("job %s: billing unavailable for the texture pass; retried by the sweep", parent.id());
                return;
            }
            skip(parent, e.problem().detail());
        }
    }

    /**
     * The intensity the generate job asked its texture pass for (checked at submit): a level or "auto"; a job stored
     * before bodies refused a number written as a string may hold "45", read as 45.
     */
    static Intensity texturePassIntensity(Job parent) {
        var asked = parent.request().path("texturePass").path("intensity");
        if (asked.isTextual()) return Intensity.ofParameter(asked.asText());
        return asked.isNumber() ? Intensity.ofJson(asked.numberValue()) : Intensity.DEFAULT;
    }

    /** Generate jobs whose step could not start (billing was down, the gateway stopped): tried again. */
    @io.quarkus.scheduler.Scheduled(every = "30s", delayed = "30s", concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        for (String id : jobs.waitingForFollowUp(Duration.ofSeconds(20)).await().atMost(dbTimeout)) {
            try {
                continueIfWaiting(id);
            } catch (RuntimeException e) {
                LOG.warnf("job %s: texture pass not started: %s", id, e.getMessage());
            }
        }
    }

    private void skip(Job parent, String reason) {
        ObjectNode result = parent.result() instanceof ObjectNode o ? o.deepCopy() : io.realskin.contracts.EventJson.MAPPER.createObjectNode();
        ObjectNode step = result.putObject("texturePass");
        step.put("status", "skipped");
        step.put("reason", reason);
        pool.withTransaction(tx -> jobs.finish(tx, parent.id(), JobStatus.COMPLETED, result, null)
                        .chain(ended -> ended ? jobs.findForUpdate(tx, parent.id()).chain(j -> webhooks.enqueue(tx, j.orElseThrow()))
                                : io.smallrye.mutiny.Uni.createFrom().voidItem()))
                .await().atMost(dbTimeout);
        updates.publish(parent.id());
    }
}
