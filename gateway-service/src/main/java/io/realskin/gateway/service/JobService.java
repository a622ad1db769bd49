package io.realskin.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.GenerationRequest;
import io.realskin.contracts.ImageModels;
import io.realskin.contracts.JobTrace;
import io.realskin.contracts.JobTypes;
import io.realskin.contracts.TextureOperation;
import io.realskin.contracts.TextureRequest;
import io.realskin.contracts.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.contracts.FailureCodes;
import io.realskin.contracts.JobFailed;
import io.realskin.gateway.client.BillingClient;
import io.realskin.gateway.client.PromptClient;
import io.realskin.gateway.client.Relayed;
import io.realskin.gateway.domain.Job;
import io.realskin.gateway.domain.JobStatus;
import io.realskin.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.realskin.gateway.domain.Ids;
import io.realskin.gateway.domain.Image;
import io.realskin.gateway.repository.ImageRepository;
import io.realskin.gateway.repository.JobRepository;
import io.realskin.gateway.repository.OutboxRepository;
import io.realskin.gateway.rest.JobSubmission;
import io.realskin.gateway.rest.Problems;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.messaging.OutboxRelay;
import io.realskin.imaging.ImageLimits;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Submitting a job: validate, quote and hold credits at billing, then write the job row and its Kafka record (outbox)
 * in one transaction. Kafka being down does not lose the job: the relay publishes it when Kafka is back.
 */
@ApplicationScoped
public class JobService {
    private static final Logger LOG = Logger.getLogger(JobService.class);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);
    /**
     * The job's transaction is cut short by PostgreSQL itself before {@link #DB_TIMEOUT} ends the wait here: when the
     * wait fails, the row has certainly not committed, so releasing the hold cannot leave a job running unpaid.
     */
    private static final String CREATE_STATEMENT_TIMEOUT = "set local statement_timeout = '8s'";
    private static final String DEFAULT_MODEL = ImageModels.DEFAULT_GENERATE;
    private static final String DEFAULT_INPAINT_MODEL = ImageModels.DEFAULT_INPAINT;

    private final Pool pool;
    private final JobRepository jobs;
    private final ImageRepository images;
    private final OutboxRepository outbox;
    private final BillingClient billing;
    private final PromptClient prompts;
    private final OutboxRelay relay;
    private final WebhookService webhooks;
    private final JobUpdates updates;
    private final MeterRegistry registry;
    private final JobMetrics metrics;
    private final Map<String, Integer> maxUnfinished;
    private final int defaultMaxUnfinished;

    public JobService(Pool pool, JobRepository jobs, ImageRepository images, OutboxRepository outbox, BillingClient billing,
                      PromptClient prompts, OutboxRelay relay, WebhookService webhooks, JobUpdates updates, MeterRegistry registry,
                      JobMetrics metrics, GatewayConfig config) {
        this.pool = pool;
        this.jobs = jobs;
        this.images = images;
        this.outbox = outbox;
        this.billing = billing;
        this.prompts = prompts;
        this.relay = relay;
        this.webhooks = webhooks;
        this.updates = updates;
        this.registry = registry;
        this.metrics = metrics;
        this.maxUnfinished = config.jobs().maxUnfinished();
        this.defaultMaxUnfinished = config.jobs().defaultMaxUnfinished();
    }

    private record Planned(String topic, Object payload, String eventType, String operation, String model, double megapixels,
                           Double maskedFraction) {
    }

    /**
     * Blocking (billing call): run on a worker thread. Returns the new job's id. The hold comes first; if the job row
     * and its outbox record then fail to commit, the hold is released, so no hold outlives a job that does not exist.
     */
    public String submit(String tenantId, JobSubmission submission) {
        if (submission.webhook() != null) {
            webhooks.checkUrl(submission.webhook());
        }
        String jobId = Ids.job();
        JobTrace.logJob(jobId);
        try {
            Planned plan = plan(tenantId, submission);
            billing.hold(tenantId, jobId, plan.operation(), plan.model(), plan.megapixels(), plan.maskedFraction());
            JsonNode request = EventJson.MAPPER.valueToTree(submission);
            try {
                create(tenantId, jobId, submission.type(), request, submission.webhook(), null, plan);
            } catch (ProblemException e) {
                billing.release(tenantId, jobId);
                throw e;
            } catch (RuntimeException e) {
                LOG.errorf(e, "job %s not created; releasing its hold", jobId);
                billing.release(tenantId, jobId);
                throw e;
            }
            registry.counter("realskin.gateway.jobs.submitted", "type", submission.type()).increment();
            LOG.infof("%s job %s queued for tenant %s", submission.type(), jobId, tenantId);
            return jobId;
        } finally {
            JobTrace.logJob(null);
        }
    }

    /**
     * The follow-up step of a generate job: a texture-restore job (its own id and hold) on the generated image. Returns
     * the step's id, or throws the problem that stopped it (402, 403, 503).
     */
    public String submitTexturePass(Job parent, Image generated, int intensity) {
        String jobId = parent.id() + "-tp"; // one step per parent, however often this runs: billing and the insert dedupe on it
        JobSubmission step = new JobSubmission(JobTypes.TEXTURE_RESTORE, generated.id(), intensity, null, null, null, null, null,
                null, null, null, null, null);
        Planned plan = new Planned(Topics.TEXTURE_REQUESTS, new TextureRequest(TextureOperation.RESTORE, generated.blobKey(), null,
                null, null, intensity, null), EventTypes.TEXTURE_REQUESTED, JobTypes.TEXTURE_RESTORE, null, megapixels(generated), null);
        billing.hold(parent.tenantId(), jobId, plan.operation(), null, plan.megapixels(), null);
        try {
            create(parent.tenantId(), jobId, JobTypes.TEXTURE_RESTORE, EventJson.MAPPER.valueToTree(step), null, parent.id(), plan);
        } catch (RuntimeException e) {
            LOG.errorf(e, "texture pass %s not created; releasing its hold", jobId);
            billing.release(parent.tenantId(), jobId);
            throw e;
        }
        return jobId;
    }

    /**
     * The job row and its outbox record, in one transaction. A top-level job counts against the tenant's cap on
     * unfinished jobs (its plan's {@code realskin.jobs.max-unfinished}): over it, nothing is written and the answer is
     * 429 too-many-jobs. A follow-up step belongs to its parent's work and is not counted.
     */
    private void create(String tenantId, String jobId, String type, JsonNode request, String webhook, String parentId, Planned plan) {
        EventEnvelope record = EventEnvelope.of(plan.eventType(), tenantId, jobId, plan.payload());
        pool.withTransaction(tx -> tx.query(CREATE_STATEMENT_TIMEOUT).execute()
                        .chain(() -> parentId != null ? Uni.createFrom().voidItem()
                                : jobs.lockAndCountUnfinished(tx, tenantId).invoke(this::requireRoom).replaceWithVoid())
                        .chain(() -> jobs.insert(tx, jobId, tenantId, type, request, webhook, parentId))
                        .chain(inserted -> inserted ? outbox.insert(tx, plan.topic(), jobId, EventJson.write(record))
                                : Uni.createFrom().voidItem()))
                .await().atMost(DB_TIMEOUT);
        relay.wakeUp();
    }

    private void requireRoom(JobRepository.Unfinished unfinished) {
        String plan = unfinished.plan() == null ? "free" : unfinished.plan();
        int cap = maxUnfinished.getOrDefault(plan, defaultMaxUnfinished);
        if (unfinished.jobs() >= cap) {
            throw Problems.tooManyJobs(plan, cap);
        }
    }

    /**
     * Cancels a job that has not ended (and its follow-up step): the job ends CANCELED now, and a CANCELED event goes
     * to job.events through the outbox, from which billing releases the hold and workers may skip the work.
     */
    public Job cancel(String tenantId, String jobId) {
        Job job = jobs.find(tenantId, jobId).await().atMost(DB_TIMEOUT).orElseThrow(() -> Problems.notFound("job", jobId));
        if (job.status().terminal()) {
            throw Problems.jobFinished(jobId, job.status().wire());
        }
        List<String> canceled = pool.withTransaction(tx -> cancelInTx(tx, job.id())
                        .chain(done -> done.isEmpty() ? Uni.createFrom().item(done)
                                : jobs.children(tx, job.id()).chain(children -> cancelAll(tx, children, 0, done))))
                .await().atMost(DB_TIMEOUT);
        if (canceled.isEmpty()) {
            Job now = jobs.find(tenantId, jobId).await().atMost(DB_TIMEOUT).orElseThrow();
            throw Problems.jobFinished(jobId, now.status().wire());
        }
        relay.wakeUp();
        canceled.forEach(updates::publish);
        return jobs.find(tenantId, jobId).await().atMost(DB_TIMEOUT).orElseThrow();
    }

    private Uni<List<String>> cancelAll(SqlClient tx, List<String> ids, int index, List<String> done) {
        if (index == ids.size()) {
            return Uni.createFrom().item(done);
        }
        return cancelInTx(tx, ids.get(index)).chain(more -> {
            List<String> all = new ArrayList<>(done);
            all.addAll(more);
            return cancelAll(tx, ids, index + 1, all);
        });
    }

    private Uni<List<String>> cancelInTx(SqlClient tx, String jobId) {
        JobFailed reason = new JobFailed(FailureCodes.CANCELED, "canceled by the user");
        return jobs.findForUpdate(tx, jobId).chain(found -> {
            if (found.isEmpty() || found.get().status().terminal()) {
                return Uni.createFrom().item(List.<String>of());
            }
            Job job = found.get();
            EventEnvelope event = EventEnvelope.of(EventTypes.CANCELED, job.tenantId(), jobId, reason);
            return jobs.finish(tx, jobId, JobStatus.CANCELED, null, EventJson.MAPPER.valueToTree(reason))
                    .invoke(() -> metrics.ended(job, JobStatus.CANCELED, null))
                    .chain(() -> outbox.insert(tx, Topics.JOB_EVENTS, jobId, EventJson.write(event)))
                    .chain(() -> jobs.findForUpdate(tx, jobId))
                    .chain(ended -> job.parentJobId() == null ? webhooks.enqueue(tx, ended.orElseThrow()) : Uni.createFrom().voidItem())
                    .replaceWith(List.of(jobId));
        });
    }

    private Planned plan(String tenantId, JobSubmission s) {
        return switch (s.type()) {
            case JobTypes.TEXTURE_RESTORE -> planTexture(tenantId, s);
            case JobTypes.ANALYZE -> {
                Image image = image(tenantId, required(s.imageId(), "imageId"));
                yield new Planned(Topics.TEXTURE_REQUESTS, new TextureRequest(TextureOperation.ANALYZE, image.blobKey(), null, null,
                        null, null, null), EventTypes.TEXTURE_REQUESTED, JobTypes.ANALYZE, null, megapixels(image), null);
            }
            case JobTypes.SKIN_INPAINT -> {
                Image image = image(tenantId, required(s.imageId(), "imageId"));
                Image mask = image(tenantId, required(s.maskImageId(), "maskImageId"));
                sameSize(image, mask);
                String model = s.model() == null ? DEFAULT_INPAINT_MODEL : s.model();
                capable(model, true, 0);
                String prompt = s.prompt() == null ? "natural skin texture, visible pores, unretouched" : s.prompt();
                yield new Planned(Topics.GENERATION_REQUESTS, new GenerationRequest(prompt, null, model, null, image.blobKey(),
                        mask.blobKey(), image.width(), image.height(), null), EventTypes.GENERATION_REQUESTED,
                        JobTypes.SKIN_INPAINT, model, megapixels(image), null);
            }
            case JobTypes.GENERATE -> planGenerate(tenantId, s);
            case JobTypes.SOURCE_RESTORE -> {
                Image image = image(tenantId, required(s.imageId(), "imageId"));
                int upscale = s.upscale() == null ? 2 : s.upscale();
                long limit = ImageLimits.DEFAULT.maxPixels(); // the engine refuses a larger result: refuse before the hold
                if ((long) image.width() * image.height() * upscale * upscale > limit) {
                    throw Problems.invalid("upscale " + upscale + " of a " + image.width() + "x" + image.height()
                            + " image would exceed " + limit / 1_000_000 + " MP");
                }
                yield new Planned(Topics.TEXTURE_REQUESTS, new TextureRequest(TextureOperation.SOURCE_RESTORE, image.blobKey(), null,
                        null, null, null, null, upscale, s.denoise() == null ? "auto" : s.denoise()), EventTypes.TEXTURE_REQUESTED,
                        JobTypes.SOURCE_RESTORE, null, megapixels(image), null);
            }
            default -> throw Problems.invalid("type must be one of texture-restore, skin-inpaint, generate, analyze, source-restore");
        };
    }

    private Planned planTexture(String tenantId, JobSubmission s) {
        Image image = image(tenantId, required(s.imageId(), "imageId"));
        if (s.referenceImageId() != null && s.profileId() != null) {
            throw Problems.invalid("give referenceImageId or profileId, not both");
        }
        Image mask = s.maskImageId() == null ? null : image(tenantId, s.maskImageId());
        if (mask != null) {
            sameSize(image, mask);
        }
        Image reference = s.referenceImageId() == null ? null : image(tenantId, s.referenceImageId());
        Image profile = s.profileId() == null ? null : image(tenantId, s.profileId());
        TextureOperation operation = reference != null || profile != null ? TextureOperation.REFERENCE
                : mask != null ? TextureOperation.LOCAL : TextureOperation.RESTORE;
        int intensity = s.intensity() == null ? TextureRequest.DEFAULT_INTENSITY : s.intensity();
        return new Planned(Topics.TEXTURE_REQUESTS, new TextureRequest(operation, image.blobKey(),
                mask == null ? null : mask.blobKey(), reference == null ? null : reference.blobKey(),
                profile == null ? null : profile.blobKey(), intensity, null), EventTypes.TEXTURE_REQUESTED,
                JobTypes.TEXTURE_RESTORE, null, megapixels(image), null);
    }

    private Planned planGenerate(String tenantId, JobSubmission s) {
        String prompt = required(s.prompt(), "prompt");
        List<GenerationRequest.ReferenceImage> references = new ArrayList<>();
        if (s.referenceImages() != null && !s.referenceImages().isEmpty()) {
            if (!Boolean.TRUE.equals(s.consent())) {
                throw Problems.invalid("consent must be true when referenceImages are given: you confirm you may use these photos");
            }
            for (JobSubmission.ReferenceImage ref : s.referenceImages()) {
                Image image = image(tenantId, ref.imageId());
                references.add(new GenerationRequest.ReferenceImage(image.blobKey(), ref.weight() == null ? 0.5 : ref.weight()));
            }
        }
        String model = s.model() == null ? DEFAULT_MODEL : s.model();
        capable(model, false, references.size());
        String negative = null;
        if (!Boolean.FALSE.equals(s.enhancePrompt())) {
            JsonNode enhanced = enhance(tenantId, prompt, model);
            if (enhanced != null) {
                prompt = enhanced.path("prompt").asText(prompt);
                negative = enhanced.path("negativePrompt").isTextual() ? enhanced.path("negativePrompt").asText() : null;
            }
        }
        return new Planned(Topics.GENERATION_REQUESTS, new GenerationRequest(prompt, negative, model, references, null, null, null,
                null, null), EventTypes.GENERATION_REQUESTED, JobTypes.GENERATE, model, 1.0, null);
    }

    /** The enhanced prompt, or null when prompt-service cannot help now: the job then runs with the prompt as given. */
    private JsonNode enhance(String tenantId, String prompt, String model) {
        try {
            Relayed answer = prompts.enhance(tenantId, EventJson.MAPPER.createObjectNode().put("prompt", prompt).put("model", model));
            return answer.status() == 200 ? EventJson.MAPPER.readTree(answer.body()) : null;
        } catch (Exception e) {
            LOG.warnf("prompt enhancement skipped: %s", e.getMessage());
            return null;
        }
    }

    private Image image(String tenantId, String imageId) {
        return images.find(tenantId, imageId).await().atMost(DB_TIMEOUT).orElseThrow(() -> Problems.notFound("image", imageId));
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw Problems.invalid(field + " is required for this job type");
        }
        return value;
    }

    /** The model is in the table and can do this job (before any hold: nothing to release). */
    private static void capable(String id, boolean inpaint, int references) {
        ImageModels.Model model = ImageModels.find(id)
                .orElseThrow(() -> Problems.invalid("model must be one of " + ImageModels.ids()));
        if (inpaint ? !model.inpaints() : !model.generates()) {
            throw Problems.invalid("model " + id + (inpaint ? " cannot inpaint" : " only inpaints") + "; models that "
                    + (inpaint ? "inpaint" : "generate") + ": " + ImageModels.ALL.stream()
                    .filter(inpaint ? ImageModels.Model::inpaints : ImageModels.Model::generates).map(ImageModels.Model::id).toList());
        }
        if (references > model.maxReferenceImages()) {
            throw Problems.invalid("model " + id + " takes at most " + model.maxReferenceImages() + " reference images");
        }
    }

    private static void sameSize(Image image, Image mask) {
        if (image.width() != mask.width() || image.height() != mask.height()) {
            throw Problems.invalid("the mask is " + mask.width() + "x" + mask.height() + " but the image is "
                    + image.width() + "x" + image.height());
        }
    }

    private static double megapixels(Image image) {
        return (double) image.width() * image.height() / 1e6;
    }
}
