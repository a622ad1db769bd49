package io.realskin.gateway.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.FailureCodes;
import io.realskin.contracts.Intensity;
import io.realskin.contracts.JobFailed;
import io.realskin.contracts.JobTrace;
import io.realskin.contracts.JobTypes;
import io.realskin.contracts.Topics;
import io.realskin.contracts.billing.PlacedHold;
import io.realskin.gateway.backends.BillingClient;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.common.CommitDeadline;
import io.realskin.gateway.common.Ids;
import io.realskin.gateway.images.Image;
import io.realskin.gateway.images.ImageDeletion;
import io.realskin.gateway.images.ImageRepository;
import io.realskin.gateway.jobs.JobPlanner.Planned;
import io.realskin.gateway.messaging.OutboxRelay;
import io.realskin.gateway.problems.Problems;
import io.realskin.gateway.profiles.TextureProfileRepository;
import io.realskin.gateway.messaging.OutboxRepository;
import io.realskin.gateway.webhooks.WebhookService;
import io.realskin.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Submitting a job: plan it ({@link JobPlanner}), hold its credits at billing, then write the job row and its Kafka record (outbox)
 * in one transaction. Kafka being down does not lose the job: the relay publishes it when Kafka is back.
 */
@ApplicationScoped
public class JobService {
    private static final Logger LOG = Logger.getLogger(JobService.class);
    private final Pool pool;
    private final JobRepository jobs;
    private final ImageRepository images;
    private final ImageDeletion imageDeletion;
    private final TextureProfileRepository profiles;
    private final JobPlanner planner;
    private final OutboxRepository outbox;
    private final BillingClient billing;
    private final HoldReleases holdReleases;
    private final OutboxRelay relay;
    private final WebhookService webhooks;
    private final JobUpdates updates;
    private final JobReadCache readCache;
    private final MeterRegistry registry;
    private final JobMetrics metrics;
    private final Map<String, Integer> maxUnfinished;
    private final int defaultMaxUnfinished;
    /** realskin.database.timeout: how long a submit or a cancel waits for the database. */
    private final Duration dbTimeout;
    /** Each statement of the job's transaction is cut short by PostgreSQL itself at its commit deadline, before {@link #dbTimeout}. */
    private final String createStatementTimeout;

    public JobService(Pool pool, JobRepository jobs, ImageRepository images, ImageDeletion imageDeletion, TextureProfileRepository profiles,
                      JobPlanner planner,
                      OutboxRepository outbox, BillingClient billing, HoldReleases holdReleases,
                      OutboxRelay relay, WebhookService webhooks, JobUpdates updates, JobReadCache readCache,
                      MeterRegistry registry, JobMetrics metrics, GatewayConfig config) {
        this.pool = pool;
        this.jobs = jobs;
        this.images = images;
        this.imageDeletion = imageDeletion;
        this.profiles = profiles;
        this.planner = planner;
        this.outbox = outbox;
        this.billing = billing;
        this.holdReleases = holdReleases;
        this.relay = relay;
        this.webhooks = webhooks;
        this.updates = updates;
        this.readCache = readCache;
        this.registry = registry;
        this.metrics = metrics;
        this.maxUnfinished = config.jobs().maxUnfinished();
        this.defaultMaxUnfinished = config.jobs().defaultMaxUnfinished();
        this.dbTimeout = config.database().timeout();
        this.createStatementTimeout = "set local statement_timeout = '" + CommitDeadline.statementsWithin(dbTimeout).toMillis() + "ms'";
    }

    /**
     * Blocking (billing call): run on a worker thread. Returns the new job's id. The hold comes first; if the job row
     * and its outbox record then fail to commit, the hold is released, so no hold outlives a job that does not exist
     * (later, by {@link HoldReleases}, when billing cannot be reached now or the hold call ended without an answer).
     * {@code keyId}: the calling API key, recorded as the job's {@code createdBy} (the key that gave any consent it carries).
     */
    public String submit(String tenantId, String keyId, JobSubmission submission) {
        String jobId = Ids.job();
        JobTrace.logJob(jobId);
        try {
            Planned plan = planner.plan(tenantId, submission);
            billing.hold(tenantId, jobId, plan.operation(), plan.model(), plan.megapixels(), plan.maskedFraction(),
                    () -> holdReleases.releaseLater(tenantId, jobId));
            JsonNode request = EventJson.MAPPER.valueToTree(submission);
            try {
                create(tenantId, jobId, submission.type(), request, submission.webhook(), null, keyId, plan, submission.imageIds(),
                        submission.profileId(), true);
            } catch (UndecidedCommit e) {
                releaseUnlessCommitted(tenantId, jobId, e.outcome);
                throw Problems.unavailable("database");
            } catch (ProblemException e) {
                holdReleases.releaseNow(tenantId, jobId);
                throw e;
            } catch (RuntimeException e) {
                LOG.errorf(e, "job %s not created; releasing its hold", jobId);
                holdReleases.releaseNow(tenantId, jobId);
                throw e;
            }
            registry.counter("realskin.gateway.jobs.submitted", "type", submission.type()).increment();
            LOG.infof("%s job %s queued for tenant %s", submission.type(), jobId, tenantId);
            return jobId;
        } finally {
            JobTrace.logJob(null);
        }
    }

    /** One step per parent, however often it is asked for: billing and the insert dedupe on its id. */
    static String texturePassId(String parentId) {
        return parentId + "-tp";
    }

    /**
     * The follow-up step of a generate job: a texture-restore job (its own id and hold) on the generated image. Returns
     * the step's id, empty when the parent ended meanwhile (canceled, say: the step is not written and its hold is
     * released), or throws the problem that stopped it (402, 403, 503). Its id is the same on every attempt, so
     * billing answers a second hold of it with the first: a step that could not be written keeps its hold for the
     * follow-up sweep's next attempt (released, billing would answer that attempt with the released hold, and the pass
     * would be skipped). Only a refusal the parent ends on (the image gone, say) releases it, and the parent's end
     * ({@link #cancel}). A hold that ended meanwhile (expired: billing renews it on each attempt, so no attempt
     * reached billing within its TTL) pays for no step: {@link HoldEnded}, and nothing is written; a step written already stays as it is.
     * The step records its parent's {@code createdBy}: it runs on behalf of the key that submitted the generate job.
     */
    public Optional<String> submitTexturePass(Job parent, Image generated, Intensity intensity) {
        String jobId = texturePassId(parent.id());
        JobSubmission step = new JobSubmission(JobTypes.TEXTURE_RESTORE, generated.id(), intensity.json(), null, null, null, null, null,
                null, null, null, null, null);
        Planned plan = planner.texturePass(generated, intensity);
        PlacedHold hold = billing.hold(parent.tenantId(), jobId, plan.operation(), null, plan.megapixels(), null, () -> {
            // undecided: the next attempt asks with the same id and gets the hold, if billing placed it
        });
        try {
            create(parent.tenantId(), jobId, JobTypes.TEXTURE_RESTORE, EventJson.MAPPER.valueToTree(step), null, parent.id(),
                    parent.createdBy(), plan, step.imageIds(), null, hold.reserves());
        } catch (NotPaid e) {
            LOG.warnf("texture pass %s not created: its hold is %s", jobId, hold.status());
            throw new HoldEnded(hold.status());
        } catch (UndecidedCommit e) {
            LOG.warnf("texture pass %s: its transaction outlived the wait; it keeps its hold", jobId);
            throw Problems.unavailable("database");
        } catch (ParentEnded e) {
            LOG.infof("texture pass %s not created: its parent has ended; its hold is released", jobId);
            holdReleases.releaseNow(parent.tenantId(), jobId);
            return Optional.empty();
        } catch (ProblemException e) {
            if (e.problem().status() != 503) {
                holdReleases.releaseNow(parent.tenantId(), jobId);
            }
            throw e;
        } catch (RuntimeException e) {
            LOG.errorf(e, "texture pass %s not created; it keeps its hold for the next attempt", jobId);
            throw e;
        }
        return Optional.of(jobId);
    }

    /**
     * The job row and its outbox record, in one transaction. A top-level job counts against the tenant's cap on
     * unfinished jobs (its plan's {@code realskin.jobs.max-unfinished}): over it, nothing is written and the answer is
     * 429 too-many-jobs. A follow-up step belongs to its parent's work and is not counted.
     * <p>
     * The job's images are locked against deletion first ({@link ImageRepository#lockForJob}): one deleted since the
     * job was planned is 404 here, and nothing is written; a deletion that comes later sees this job and is refused. Its
     * texture profile likewise ({@link TextureProfileRepository#lockForJob}).
     * <p>
     * A tenant's submits are serialized by a lock held until the commit, so the rows are written first, in one round
     * trip (statements sent back to back), and the lock is taken last: it is then held for the count and the commit only.
     * <p>
     * {@code paid}: the job's hold reserves its credits. A step whose hold does not is not written ({@link NotPaid}); one
     * written already (by an earlier attempt, under the same parent lock) is left as it is.
     */
    @SuppressWarnings("unchecked")
    private void create(String tenantId, String jobId, String type, JsonNode request, String webhook, String parentId, String createdBy,
                        Planned plan, List<String> imageIds, String profileId, boolean paid) {
        String record = EventJson.write(EventEnvelope.of(plan.eventType(), tenantId, jobId, plan.payload()));
        // past it the job's hold would be released while the job commits and runs unpaid
        CommitDeadline commitBy = CommitDeadline.within(dbTimeout);
        Uni<Optional<Job>> transaction = pool.withTransaction(tx -> (parentId == null
                        ? Uni.combine().all().unis(tx.query(createStatementTimeout).execute(),
                                        images.lockForJob(tx, tenantId, imageIds),
                                        lockProfile(tx, tenantId, profileId),
                                        jobs.insert(tx, jobId, tenantId, type, request, webhook, null, createdBy),
                                        outbox.insert(tx, plan.topic(), jobId, record)).with(written -> {
                                    requireImages(imageIds, (List<String>) written.get(1));
                                    requireProfile(profileId, (Boolean) written.get(2));
                                    return (Optional<Job>) written.get(3);
                                })
                                .call(() -> jobs.lockAndCountUnfinished(tx, tenantId).invoke(this::requireRoom))
                        : tx.query(createStatementTimeout).execute()
                                // under the parent's row lock, as a cancel takes it: a step is written only while its
                                // parent runs, and a cancel that commits first finds no step to cancel and none comes
                                .chain(() -> jobs.findForUpdate(tx, parentId))
                                .invoke(JobService::requireRunningParent)
                                .chain(() -> images.lockForJob(tx, tenantId, imageIds))
                                .invoke(found -> requireImages(imageIds, found))
                                .chain(() -> jobs.insert(tx, jobId, tenantId, type, request, webhook, parentId, createdBy))
                                .invoke(inserted -> {
                                    if (inserted.isPresent() && !paid) {
                                        throw new NotPaid();
                                    }
                                })
                                .call(inserted -> inserted.isPresent() ? outbox.insert(tx, plan.topic(), jobId, record)
                                        : Uni.createFrom().voidItem()))
                .invoke(commitBy::require));
        Optional<Job> created = awaitCommit(transaction);
        created.ifPresent(readCache::remember);
        relay.wakeUp();
    }

    /**
     * The transaction's outcome within {@link #dbTimeout}. Past it the wait ends but the transaction does not (the pool
     * does not cancel it): {@link UndecidedCommit}.
     */
    private <T> T awaitCommit(Uni<T> transaction) {
        CompletableFuture<T> outcome = transaction.subscribeAsCompletionStage();
        try {
            return outcome.get(dbTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new UndecidedCommit(outcome, dbTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UndecidedCommit(outcome, dbTimeout);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new CompletionException(e.getCause());
        }
    }

    /**
     * A job's transaction still running when its caller is answered 503: its hold is released once it has rolled back
     * ({@link CommitDeadline} sees to that in all but a slow COMMIT), and kept if it committed after all, so a job that runs
     * is paid for.
     */
    private void releaseUnlessCommitted(String tenantId, String jobId, CompletableFuture<?> outcome) {
        outcome.whenCompleteAsync((created, failure) -> {
            if (failure == null) {
                LOG.warnf("job %s committed after its caller was answered 503; it keeps its hold", jobId);
                relay.wakeUp();
                return;
            }
            holdReleases.releaseNow(tenantId, jobId);
        }, Infrastructure.getDefaultWorkerPool());
    }

    /** The wait for a job's transaction ended before the transaction did; {@link #outcome} tells how it ends. */
    private static final class UndecidedCommit extends RuntimeException {
        private final transient CompletableFuture<?> outcome;

        UndecidedCommit(CompletableFuture<?> outcome, Duration waited) {
            super("the job's transaction had not ended in " + waited, null, false, false);
            this.outcome = outcome;
        }
    }

    /** True when the job names no profile, or the one it names still exists (locked as its images are). */
    private Uni<Boolean> lockProfile(SqlClient tx, String tenantId, String profileId) {
        return profileId == null ? Uni.createFrom().item(true) : profiles.lockForJob(tx, tenantId, profileId);
    }

    private static void requireProfile(String profileId, boolean found) {
        if (!found) {
            throw Problems.notFound("texture profile", profileId);
        }
    }

    private static void requireRunningParent(Optional<Job> parent) {
        if (parent.isEmpty() || parent.get().status().terminal()) {
            throw new ParentEnded();
        }
    }

    /** A follow-up step's parent ended before the step was written: nothing is written. */
    private static final class ParentEnded extends RuntimeException {
        ParentEnded() {
            super(null, null, false, false);
        }
    }

    /** A step's hold had ended before the step was written: nothing is written. */
    private static final class NotPaid extends RuntimeException {
        NotPaid() {
            super(null, null, false, false);
        }
    }

    /**
     * A texture-pass step was not written because its hold at billing had ended (EXPIRED, RELEASED, CAPTURED) and would
     * pay for nothing: the step cannot run, and its generate job ends without it ({@link FollowUpService}).
     */
    static final class HoldEnded extends RuntimeException {
        HoldEnded(String holdStatus) {
            super("the texture pass could not start before its credit hold ended (" + holdStatus + "); it was not run", null, false, false);
        }
    }

    /** Every image the job names still exists (a deletion may have come between planning and this transaction). */
    private static void requireImages(List<String> named, List<String> found) {
        for (String id : named) {
            if (!found.contains(id)) {
                throw Problems.notFound("image", id);
            }
        }
    }

    /** The count includes the job just written: room means at most the cap, this one included. */
    private void requireRoom(JobRepository.Unfinished unfinished) {
        String plan = unfinished.plan() == null ? "free" : unfinished.plan();
        int cap = maxUnfinished.getOrDefault(plan, defaultMaxUnfinished);
        if (unfinished.jobs() > cap) {
            throw Problems.tooManyJobs(plan, cap);
        }
    }

    /**
     * Cancels a job that has not ended (and its follow-up step): the job ends CANCELED now, and a CANCELED event goes
     * to job.events through the outbox, from which billing releases the hold and workers may skip the work. A follow-up
     * step is canceled with its parent, which ends with its step (docs/api.md) and was otherwise left running until
     * the stale-job check. 404 for a job the tenant does not have, 409 job-finished for one that has ended.
     */
    public Job cancel(String tenantId, String jobId, CanceledBy by) {
        Job job = jobs.find(tenantId, jobId).await().atMost(dbTimeout).orElseThrow(() -> Problems.notFound("job", jobId));
        if (job.status().terminal()) {
            throw Problems.jobFinished(jobId, job.status().wire());
        }
        List<String> canceled = job.parentJobId() == null ? List.of() : cancelIfUnfinished(job.parentJobId(), by);
        if (!canceled.contains(job.id()) && cancelIfUnfinished(job.id(), by).isEmpty()) {
            Job now = jobs.find(tenantId, jobId).await().atMost(dbTimeout).orElseThrow();
            throw Problems.jobFinished(jobId, now.status().wire());
        }
        return jobs.find(tenantId, jobId).await().atMost(dbTimeout).orElseThrow();
    }

    /**
     * Cancels the tenant's queued and running jobs, oldest first, at most {@code max} of them per call (a generate job's
     * follow-up step comes along with it, as in {@link #cancel}), each in its own transaction: a tenant with thousands
     * of jobs never holds one long transaction, and the caller calls again while {@code more} says jobs remain.
     */
    public CanceledJobs cancelUnfinished(String tenantId, int max, CanceledBy by) {
        List<String> canceled = new ArrayList<>();
        for (String id : jobs.unfinishedOf(tenantId, max).await().atMost(dbTimeout)) {
            canceled.addAll(cancelIfUnfinished(id, by)); // a step already canceled with its parent adds nothing
        }
        return CanceledJobs.of(canceled, !jobs.unfinishedOf(tenantId, 1).await().atMost(dbTimeout).isEmpty());
    }

    /**
     * The job and its unfinished follow-up steps, canceled in one transaction; their ids, none when the job had ended.
     * A generate job canceled while its texture-pass step was still to be written may leave that step's hold at
     * billing (kept for the next attempt, which now never comes): it is released, as a step canceled with its parent
     * has its hold released by billing from the step's CANCELED event.
     */
    private List<String> cancelIfUnfinished(String jobId, CanceledBy by) {
        List<Job> canceled = pool.withTransaction(tx -> cancelInTx(tx, jobId, by)
                        .chain(done -> done.isEmpty() ? Uni.createFrom().item(done)
                                : jobs.children(tx, jobId).chain(children -> cancelAll(tx, children, 0, done, by))))
                .await().atMost(dbTimeout);
        List<String> ids = canceled.stream().map(Job::id).toList();
        if (!canceled.isEmpty()) {
            relay.wakeUp();
            ids.forEach(updates::publish);
        }
        for (Job job : canceled) {
            if (JobEventService.TEXTURE_PASS_STAGE.equals(job.stage()) && JobTypes.GENERATE.equals(job.type())
                    && canceled.stream().noneMatch(step -> job.id().equals(step.parentJobId()))) {
                holdReleases.releaseNow(job.tenantId(), texturePassId(job.id()));
            }
            generatedImage(job).ifPresent(imageId -> deleteGenerated(job, imageId));
        }
        return ids;
    }

    /** The image a generate job canceled during its texture pass had generated (its COMPLETED registered it). */
    private static Optional<String> generatedImage(Job canceled) {
        if (!JobEventService.TEXTURE_PASS_STAGE.equals(canceled.stage()) || !JobTypes.GENERATE.equals(canceled.type())
                || canceled.result() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(canceled.result().path("imageId").asText(null));
    }

    /**
     * A canceled job is not charged and has no result (docs/api.md, "Canceling a job"): billing gives the generation's
     * capture back on the job's CANCELED, so the image it generated goes too, as the result of a job canceled before
     * its COMPLETED is deleted. The tenant never had it (a result is the tenant's once its job completed:
     * {@link ImageRepository#find}), so no job of the tenant's can hold it. Not in the cancel's transaction: the blob
     * store away leaves it, logged, unseen by the tenant.
     */
    private void deleteGenerated(Job canceled, String imageId) {
        try {
            boolean deleted = imageDeletion.deleteUnreleased(canceled.tenantId(), imageId);
            LOG.infof("job %s canceled during its texture pass: its generated image %s %s", canceled.id(), imageId,
                    deleted ? "deleted" : "was gone");
        } catch (RuntimeException e) {
            LOG.warnf("job %s canceled during its texture pass: its generated image %s not deleted: %s", canceled.id(), imageId,
                    e instanceof ProblemException p ? p.problem().detail() : e.toString());
        }
    }

    private Uni<List<Job>> cancelAll(SqlClient tx, List<String> ids, int index, List<Job> done, CanceledBy by) {
        if (index == ids.size()) {
            return Uni.createFrom().item(done);
        }
        return cancelInTx(tx, ids.get(index), by).chain(more -> {
            List<Job> all = new ArrayList<>(done);
            all.addAll(more);
            return cancelAll(tx, ids, index + 1, all, by);
        });
    }

    /** The job as it was before it was canceled, none when it had ended. */
    private Uni<List<Job>> cancelInTx(SqlClient tx, String jobId, CanceledBy by) {
        JobFailed reason = new JobFailed(FailureCodes.CANCELED, by.message());
        return jobs.findForUpdate(tx, jobId).chain(found -> {
            if (found.isEmpty() || found.get().status().terminal()) {
                return Uni.createFrom().item(List.<Job>of());
            }
            Job job = found.get();
            EventEnvelope event = EventEnvelope.of(EventTypes.CANCELED, job.tenantId(), jobId, reason);
            return jobs.finish(tx, jobId, JobStatus.CANCELED, null, EventJson.MAPPER.valueToTree(reason))
                    .invoke(() -> {
                        metrics.ended(job, JobStatus.CANCELED, null);
                        metrics.canceled(job, by);
                    })
                    .chain(() -> outbox.insert(tx, Topics.JOB_EVENTS, jobId, EventJson.write(event)))
                    .chain(() -> jobs.findForUpdate(tx, jobId))
                    .chain(ended -> job.parentJobId() == null ? webhooks.enqueue(tx, ended.orElseThrow()) : Uni.createFrom().voidItem())
                    .replaceWith(List.of(job));
        });
    }
}
