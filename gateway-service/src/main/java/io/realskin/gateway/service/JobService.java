package io.realskin.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.GenerationRequest;
import io.realskin.contracts.JobTypes;
import io.realskin.contracts.TextureOperation;
import io.realskin.contracts.TextureRequest;
import io.realskin.contracts.Topics;
import io.realskin.gateway.client.BillingClient;
import io.realskin.gateway.domain.Ids;
import io.realskin.gateway.domain.Image;
import io.realskin.gateway.repository.ImageRepository;
import io.realskin.gateway.repository.JobRepository;
import io.realskin.gateway.repository.OutboxRepository;
import io.realskin.gateway.rest.JobSubmission;
import io.realskin.gateway.rest.Problems;
import io.realskin.gateway.messaging.OutboxRelay;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Submitting a job: validate, quote and hold credits at billing, then write the job row and its Kafka record (outbox)
 * in one transaction. Kafka being down does not lose the job: the relay publishes it when Kafka is back.
 */
@ApplicationScoped
public class JobService {
    private static final Logger LOG = Logger.getLogger(JobService.class);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);
    private static final String DEFAULT_MODEL = "nano-banana-pro";
    private static final String DEFAULT_INPAINT_MODEL = "flux-pro-fill";

    private final Pool pool;
    private final JobRepository jobs;
    private final ImageRepository images;
    private final OutboxRepository outbox;
    private final BillingClient billing;
    private final OutboxRelay relay;

    public JobService(Pool pool, JobRepository jobs, ImageRepository images, OutboxRepository outbox, BillingClient billing,
                      OutboxRelay relay) {
        this.pool = pool;
        this.jobs = jobs;
        this.images = images;
        this.outbox = outbox;
        this.billing = billing;
        this.relay = relay;
    }

    private record Planned(String topic, Object payload, String eventType, String operation, String model, double megapixels,
                           Double maskedFraction) {
    }

    /** Blocking (billing call): run on a worker thread. Returns the new job's id. */
    public String submit(String tenantId, JobSubmission submission) {
        String jobId = Ids.job();
        Planned plan = plan(tenantId, submission);
        billing.hold(tenantId, jobId, plan.operation(), plan.model(), plan.megapixels(), plan.maskedFraction());
        EventEnvelope record = EventEnvelope.of(plan.eventType(), tenantId, jobId, plan.payload());
        JsonNode request = EventJson.MAPPER.valueToTree(submission);
        try {
            pool.withTransaction(tx -> jobs.insert(tx, jobId, tenantId, submission.type(), request)
                            .chain(() -> outbox.insert(tx, plan.topic(), jobId, EventJson.write(record))))
                    .await().atMost(DB_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.errorf(e, "job %s not created; releasing its hold", jobId);
            billing.release(jobId);
            throw e;
        }
        relay.wakeUp();
        return jobId;
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
                String prompt = s.prompt() == null ? "natural skin texture, visible pores, unretouched" : s.prompt();
                yield new Planned(Topics.GENERATION_REQUESTS, new GenerationRequest(prompt, null, model, null, image.blobKey(),
                        mask.blobKey(), image.width(), image.height(), null), EventTypes.GENERATION_REQUESTED,
                        JobTypes.SKIN_INPAINT, model, megapixels(image), null);
            }
            case JobTypes.GENERATE -> planGenerate(tenantId, s);
            default -> throw Problems.invalid("type must be one of texture-restore, skin-inpaint, generate, analyze");
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
        return new Planned(Topics.GENERATION_REQUESTS, new GenerationRequest(prompt, null, model, references, null, null, null,
                null, null), EventTypes.GENERATION_REQUESTED, JobTypes.GENERATE, model, 1.0, null);
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
