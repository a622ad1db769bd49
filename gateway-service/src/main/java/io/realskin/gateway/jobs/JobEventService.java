package io.realskin.gateway.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realskin.contracts.ContractViolation;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.JobCompleted;
import io.realskin.contracts.JobFailed;
import io.realskin.contracts.JobProgress;
import io.realskin.contracts.JobTypes;
import io.realskin.contracts.blob.BlobDigest;
import io.realskin.contracts.blob.BlobKeys;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.gateway.common.Ids;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.images.Image;
import io.realskin.gateway.images.ImageRepository;
import io.realskin.gateway.images.StorageUsageRepository;
import io.realskin.gateway.tenants.TenantErasureRepository;
import io.realskin.gateway.webhooks.WebhookService;
import io.realskin.support.inbox.Inbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Applies job.events to the job registry, once per event id (inbox row and effect in one transaction). Events for
 * jobs this gateway does not know are skipped (the result of one of an erased tenant's is deleted); one naming another
 * tenant than its job's, or a result blob that is not the tenant's, is a {@link ContractViolation} and changes nothing; a job that has ended does not change again (a canceled one's worker
 * reporting its end frees its slot under the plan's cap; a result that came after the end is deleted unless an image
 * names it; a COMPLETED delivered again after its result blob went changes nothing, where a missing result blob of a
 * job it would complete is dead-lettered). A job that ends gets its
 * webhook delivery in the same transaction; a generate job with a texture pass goes on to its follow-up step, and
 * ends when that step ends.
 */
@ApplicationScoped
public class JobEventService {
    private static final Logger LOG = Logger.getLogger(JobEventService.class);
    /** realskin.database.timeout: how long an event's transaction waits for the database. */
    private final Duration dbTimeout;
    /** What a texture pass's result tells about the step, copied into its generate job's {@code result.texturePass}. */
    private static final List<String> STEP_REPORT = List.of("plasticScoreBefore", "plasticScoreAfter", "faceRestores", "locality");
    static final String TEXTURE_PASS_STAGE = "texture-pass";

    private final Pool pool;
    private final JobRepository jobs;
    private final ImageRepository images;
    private final StorageUsageRepository usage;
    private final Inbox inbox;
    private final BlobStore blobs;
    private final WebhookService webhooks;
    private final JobUpdates updates;
    private final FollowUpService followUps;
    private final JobMetrics metrics;

    public JobEventService(Pool pool, JobRepository jobs, ImageRepository images, StorageUsageRepository usage, Inbox inbox,
                           BlobStore blobs, WebhookService webhooks, JobUpdates updates, FollowUpService followUps,
                           JobMetrics metrics, GatewayConfig config) {
        this.dbTimeout = config.database().timeout();
        this.pool = pool;
        this.jobs = jobs;
        this.images = images;
        this.usage = usage;
        this.inbox = inbox;
        this.blobs = blobs;
        this.webhooks = webhooks;
        this.updates = updates;
        this.followUps = followUps;
        this.metrics = metrics;
    }

    /**
     * Blocking: reads the result blob to register it as an image, and may call billing for a follow-up step. The result
     * of a job that ended meanwhile (canceled, or ended by the stale-job check) is nobody's: its blob is deleted.
     */
    public void apply(EventEnvelope event) {
        Image found = null;
        MissingResult missing = null;
        try {
            found = EventTypes.COMPLETED.equals(event.type()) ? resultImage(event) : null;
        } catch (MissingResult e) {
            missing = e; // fails the event only if it would register the result: not a duplicate, nor after the job's end
        }
        Image result = found;
        MissingResult missingResult = missing;
        List<String> unwanted = new ArrayList<>(1);
        List<String> changed = pool.withTransaction(tx -> inbox.recordNew(tx, Inbox.Entry.of(event)).chain(isNew -> isNew
                        ? jobs.findForUpdate(tx, event.jobId()).chain(job -> job.isEmpty() ? unknownJob(tx, event, result, unwanted)
                                : !event.mayChangeJobOf(job.get().tenantId()) ? Uni.createFrom().failure(otherTenant(event, job.get()))
                                : job.get().status().terminal() ? afterEnd(tx, event, job.get(), result, unwanted)
                                : missingResult != null ? Uni.createFrom().failure(missingResult)
                                : effect(tx, event, job.get(), result))
                        : Uni.createFrom().item(List.<String>of())))
                .await().atMost(dbTimeout);
        changed.forEach(updates::publish);
        unwanted.forEach(this::deleteUnwanted);
        if (EventTypes.COMPLETED.equals(event.type())) {
            followUps.continueIfWaiting(event.jobId());
        }
    }

    /**
     * An event for a job this gateway does not know changes nothing. A COMPLETED of a job of a tenant being erased or
     * erased (its job rows are gone: docs/api.md, "Erasing a tenant") names a result nobody will ever fetch: its blob
     * goes on {@code unwanted} as a result after its job's end does, unless an image of the tenant still names it.
     */
    private Uni<List<String>> unknownJob(SqlClient tx, EventEnvelope event, Image result, List<String> unwanted) {
        if (result == null) {
            return Uni.createFrom().item(List.of());
        }
        return TenantErasureRepository.erasureAsked(tx, event.tenantId()).chain(erased -> !erased ? Uni.createFrom().item(List.<String>of())
                : images.lockBlobKey(tx, result.blobKey())
                        .chain(() -> images.countWithBlobKey(tx, event.tenantId(), result.blobKey()))
                        .map(named -> {
                            if (named == 0) {
                                unwanted.add(result.blobKey());
                            }
                            return List.<String>of();
                        }));
    }

    /** A producer naming one tenant and another tenant's job: the event changes nothing, and is dead-lettered. */
    private static ContractViolation otherTenant(EventEnvelope event, Job job) {
        return new ContractViolation("event " + event.eventId() + " names tenant " + event.tenantId() + " but job "
                + job.id() + " is another tenant's");
    }

    /**
     * An event for a job that has ended: no change to it, but a canceled job's worker reporting its end frees the job's
     * slot under the plan's cap ({@link JobRepository#markWorkerEnded}). A result no image names goes on
     * {@code unwanted}: a canceled job's, or one that came after the stale-job check ended its job {@code no_result}
     * (nobody is charged for it, nobody can fetch it); a repeated COMPLETED of a completed job names its own image's blob.
     * The cancel decides, whichever came first on the partition: billing gives back a capture that this COMPLETED made
     * before the gateway's CANCELED reached it (docs/billing.md, "A cancel decides the charge"), so the result is dropped
     * and the job stays canceled, as the cancel's answer said.
     */
    private Uni<List<String>> afterEnd(SqlClient tx, EventEnvelope event, Job job, Image result, List<String> unwanted) {
        if (EventTypes.CANCELED.equals(event.type()) && job.status() == JobStatus.COMPLETED) {
            return Uni.createFrom().failure(notOurCancel(event, job));
        }
        Uni<Void> dropResult = result == null ? Uni.createFrom().voidItem()
                : images.lockBlobKey(tx, result.blobKey())
                        .chain(() -> images.countWithBlobKey(tx, job.tenantId(), result.blobKey()))
                        .invoke(named -> {
                            if (named == 0) {
                                unwanted.add(result.blobKey());
                            }
                        }).replaceWithVoid();
        boolean workerEnded = EventTypes.COMPLETED.equals(event.type()) || EventTypes.FAILED.equals(event.type());
        if (job.status() != JobStatus.CANCELED || !workerEnded) {
            return dropResult.replaceWith(List.of());
        }
        return dropResult.chain(() -> jobs.markWorkerEnded(tx, job.id())).replaceWith(List.of());
    }

    /**
     * Only this gateway writes CANCELED, and only for a job it has not ended, which it marks canceled in the same
     * transaction ({@code JobService#cancelIfUnfinished}): a CANCELED of a job it completed is none of its own. Billing would give
     * that job's charge back while its result stays delivered, so the event is dead-lettered (contract_violation, the
     * DeadLettersWritten alert) for an operator to see the disagreement (docs/billing.md, "A cancel decides the charge").
     */
    private static ContractViolation notOurCancel(EventEnvelope event, Job job) {
        return new ContractViolation("CANCELED " + event.eventId() + " of job " + job.id()
                + ", which the gateway completed: not the gateway's cancel");
    }

    /**
     * A result blob no image names (its key is its job's own). A failed delete is not tried again (the event is applied):
     * the blob stays, logged with its key and counted in {@code realskin_gateway_job_results_left_total} for an operator
     * (until 2026-12-07 only logged).
     */
    void deleteUnwanted(String blobKey) {
        try {
            blobs.delete(blobKey);
            LOG.infof("result %s of an ended job deleted: no image names it", blobKey);
        } catch (IOException e) {
            metrics.resultLeft();
            LOG.warnf("result %s of an ended job not deleted, left in the store for an operator: %s", blobKey, e.getMessage());
        }
    }

    /** The effect of one event; returns the ids of the jobs it changed. */
    private Uni<List<String>> effect(SqlClient tx, EventEnvelope event, Job job, Image result) {
        return switch (event.type()) {
            case EventTypes.STARTED -> jobs.markRunning(tx, job.id(), "started", 0).replaceWith(List.of(job.id()));
            case EventTypes.PROGRESS -> {
                JobProgress progress = event.payloadAs(JobProgress.class);
                yield jobs.markRunning(tx, job.id(), progress.stage(), progress.percent()).replaceWith(List.of(job.id()));
            }
            case EventTypes.COMPLETED -> {
                ObjectNode view = EventJson.MAPPER.valueToTree(event.payloadAs(JobCompleted.class));
                view.remove("resultKey");
                Uni<Void> register = Uni.createFrom().voidItem();
                if (result != null) {
                    view.put("imageId", result.id());
                    // counts toward the tenant's storage but is never refused: the paid job's result is delivered
                    // made on behalf of the key that submitted the job (a texture pass: its generate job's key)
                    register = images.insert(tx, result.madeBy(job.createdBy()))
                            .chain(() -> usage.imageAdded(tx, result.tenantId(), result.bytes()));
                }
                if (result != null && FollowUpService.wantsTexturePass(job)) {
                    // the image and this interim result stay the job's own until it completes (ImageRepository#find, JobView)
                    yield register.chain(() -> jobs.markStage(tx, job.id(), TEXTURE_PASS_STAGE, 90, view)).replaceWith(List.of(job.id()));
                }
                yield register.chain(() -> end(tx, job, JobStatus.COMPLETED, view, null));
            }
            case EventTypes.FAILED -> end(tx, job, JobStatus.FAILED, null, EventJson.MAPPER.valueToTree(event.payloadAs(JobFailed.class)));
            case EventTypes.CANCELED -> end(tx, job, JobStatus.CANCELED, null,
                    EventJson.MAPPER.valueToTree(event.payloadAs(JobFailed.class)));
            default -> Uni.createFrom().item(List.<String>of());
        };
    }

    /** Ends the job; a top-level job gets its webhook, a follow-up step ends its parent too. */
    Uni<List<String>> end(SqlClient tx, Job job, JobStatus status, JsonNode result, JsonNode error) {
        return jobs.finish(tx, job.id(), status, result, error).chain(ended -> {
            if (!ended) {
                return Uni.createFrom().item(List.<String>of());
            }
            metrics.ended(job, status, error);
            LOG.infof("%s job %s %s", job.type(), job.id(), status.wire());
            if (job.parentJobId() == null) {
                return jobs.findForUpdate(tx, job.id()).chain(now -> webhooks.enqueue(tx, now.orElseThrow()))
                        .replaceWith(List.of(job.id()));
            }
            return jobs.findForUpdate(tx, job.parentJobId()).chain(parent -> {
                if (parent.isEmpty() || parent.get().status().terminal()) {
                    return Uni.createFrom().item(List.of(job.id()));
                }
                Job p = parent.get();
                ObjectNode merged = p.result() instanceof ObjectNode o ? o.deepCopy() : EventJson.MAPPER.createObjectNode();
                ObjectNode step = merged.putObject("texturePass");
                step.put("jobId", job.id());
                step.put("status", status.wire());
                if (result != null && result.hasNonNull("imageId")) {
                    step.put("imageId", result.get("imageId").asText());
                    for (String field : STEP_REPORT) {
                        if (result.has(field)) step.set(field, result.get(field));
                    }
                    merged.put("generatedImageId", merged.path("imageId").asText(null));
                    merged.put("imageId", result.get("imageId").asText());
                }
                // a step that failed leaves the generation done and paid for: the job completes with the generated image
                // and says the pass failed (until 2026-12-07 it failed, charged, its image unlisted in its result)
                if (status == JobStatus.FAILED && error != null) {
                    step.set("error", error);
                }
                JobStatus parentStatus = status == JobStatus.FAILED ? JobStatus.COMPLETED : status;
                return end(tx, p, parentStatus, parentStatus == JobStatus.COMPLETED ? merged : null, parentStatus == JobStatus.COMPLETED ? null : error).map(more -> {
                    List<String> all = new ArrayList<>(more);
                    all.add(job.id());
                    return all;
                });
            });
        });
    }

    Image resultImage(EventEnvelope event) {
        JobCompleted completed = event.payloadAs(JobCompleted.class);
        if (completed.resultKey() == null) {
            return null;
        }
        // the result is registered as the tenant's image, so its blob must be the tenant's own: never another's upload
        if (!BlobKeys.ownedBy(event.tenantId(), completed.resultKey())) {
            throw new ContractViolation("result key " + completed.resultKey() + " of job " + event.jobId()
                    + " is not tenant " + event.tenantId() + "'s");
        }
        try {
            // streamed: results are tens of MB and many jobs end at once; only the size and hash are kept
            BlobDigest digest = blobs.read(completed.resultKey(), BlobDigest::of)
                    .orElseThrow(() -> new MissingResult("result blob " + completed.resultKey() + " is missing"));
            return new Image(Ids.image(), event.tenantId(), completed.resultKey(), completed.contentType(), completed.width(),
                    completed.height(), digest.bytes(), digest.sha256(), Instant.now(), event.jobId(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A COMPLETED whose result blob is not in the store. The event fails (dead-lettered, to be replayed once the blob is
     * there) only when it would register the result; a duplicate of an applied COMPLETED, or one after its job's end,
     * names a blob the tenant's deletion, an erasure or the gateway itself removed since, and changes nothing.
     */
    static final class MissingResult extends IllegalStateException {
        MissingResult(String message) {
            super(message);
        }
    }

    static boolean isGenerate(Job job) {
        return JobTypes.GENERATE.equals(job.type());
    }
}
