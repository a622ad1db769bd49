package io.realskin.gateway.jobs;

import io.realskin.contracts.EventTypes;
import io.realskin.contracts.GenerationRequest;
import io.realskin.contracts.ImageModels;
import io.realskin.contracts.Intensity;
import io.realskin.contracts.JobTypes;
import io.realskin.contracts.PromptCharacters;
import io.realskin.contracts.TextureOperation;
import io.realskin.contracts.TextureRequest;
import io.realskin.contracts.Topics;
import io.realskin.contracts.prompt.EnhanceRequest;
import io.realskin.contracts.prompt.Enhancement;
import io.realskin.gateway.backends.PromptClient;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.images.Image;
import io.realskin.gateway.images.ImageRepository;
import io.realskin.gateway.images.MaskArea;
import io.realskin.gateway.problems.Problems;
import io.realskin.gateway.profiles.TextureProfile;
import io.realskin.gateway.profiles.TextureProfileRepository;
import io.realskin.gateway.webhooks.WebhookService;
import io.realskin.imaging.ImageLimits;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Plans each job type before anything is held or written: its webhook URL may be called, the tenant's images exist and fit together, the model can do
 * the job and its provider is configured ({@link ModelAvailability}), the prompt is enhanced (when prompt-service can),
 * and the request record, topic and price inputs follow. A body's fields were checked against its type as it was read
 * ({@link JobBodyFields}): a field of another type never gets here.
 * Blocking (image lookups, the prompt call): run on a worker thread.
 */
@ApplicationScoped
public class JobPlanner {
    private static final Logger LOG = Logger.getLogger(JobPlanner.class);
    /** realskin.database.timeout: how long an image or profile lookup waits for the database. */
    private final Duration dbTimeout;
    private static final String DEFAULT_INPAINT_MODEL = ImageModels.DEFAULT_INPAINT;
    /** The caller, whose tenant's plan picks a generate job's default model ({@link #defaultModel}). */
    @jakarta.inject.Inject
    io.realskin.gateway.auth.CallerContext caller;

    /**
     * A generate job's model when it names none: the best the tenant's plan includes (ImageModels.defaultGenerate:
     * flux-2-pro on free, nano-banana-pro on the paid plans), the plan read with the caller's key.
     */
    private String defaultModel(String tenantId) {
        io.realskin.gateway.auth.Caller current = io.quarkus.arc.Arc.container().requestContext().isActive() ? caller.current() : null;
        return ImageModels.defaultGenerate(current != null && tenantId.equals(current.tenantId()) ? current.plan() : null);
    }

    /**
     * What a job sends (payload on topic, as eventType) and what billing prices it by.
     *
     * @param mask what a skin-inpaint's mask paints (null for other jobs): its hold is priced at the most
     */
    record Planned(String topic, Object payload, String eventType, String operation, String model, double megapixels,
                   MaskArea.Paint mask) {
        /** The masked share the hold is priced at: the most the worker can measure, so the hold covers the capture. */
        Double maskedFraction() {
            return mask == null ? null : mask.most();
        }
    }

    private final ImageRepository images;
    private final TextureProfileRepository profiles;
    private final PromptClient prompts;
    private final ModelAvailability models;
    private final WebhookService webhooks;
    private final MaskArea masks;

    public JobPlanner(ImageRepository images, TextureProfileRepository profiles, PromptClient prompts, ModelAvailability models,
                      WebhookService webhooks, MaskArea masks, GatewayConfig config) {
        this.dbTimeout = config.database().timeout();
        this.images = images;
        this.profiles = profiles;
        this.prompts = prompts;
        this.models = models;
        this.webhooks = webhooks;
        this.masks = masks;
    }

    /** The texture pass after a generation: a plain restore of the generated image. */
    Planned texturePass(Image generated, Intensity intensity) {
        return new Planned(Topics.TEXTURE_REQUESTS, new TextureRequest(TextureOperation.RESTORE, generated.blobKey(), null,
                null, null, intensity.requestLevel(), null, null, null, intensity.requestAuto()), EventTypes.TEXTURE_REQUESTED, JobTypes.TEXTURE_RESTORE, null, megapixels(generated), null);
    }

    /** Checks the submission and says what to send where and what to hold; throws the 400/404 problem that stops it. */
    Planned plan(String tenantId, JobSubmission s) {
        return plan(tenantId, s, true);
    }

    /**
     * The same checks and price inputs without preparing the work: a generate's prompt is not enhanced (its price does
     * not depend on the prompt), so a quote costs no call to prompt-service; nor is a texture-restore's mask measured
     * (its price does not depend on it). A skin-inpaint's is: its price does.
     */
    Planned price(String tenantId, JobSubmission s) {
        return plan(tenantId, s, false);
    }

    /** @param submitting a submit's, not a quote's: the prompt is enhanced and a texture-restore's mask measured */
    private Planned plan(String tenantId, JobSubmission s, boolean submitting) {
        if (s.webhook() != null) {
            webhooks.checkUrl(tenantId, s.webhook(), "webhook");
        }
        return switch (s.type()) {
            case JobTypes.TEXTURE_RESTORE -> planTexture(tenantId, s, submitting);
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
                models.require(tenantId, model);
                MaskArea.Paint paint = masks.measure(mask); // the last check: it may render the mask's thumbnail
                MaskArea.requireMinimum(mask, paint);
                // optional: one that shows nothing asks for nothing, so the default (it went to the provider as is)
                String prompt = PromptCharacters.showsNothing(s.prompt()) ? "natural skin texture, visible pores, unretouched" : s.prompt();
                yield new Planned(Topics.GENERATION_REQUESTS, new GenerationRequest(prompt, null, model, null, image.blobKey(),
                        mask.blobKey(), image.width(), image.height(), null), EventTypes.GENERATION_REQUESTED,
                        JobTypes.SKIN_INPAINT, model, megapixels(image), paint);
            }
            case JobTypes.GENERATE -> planGenerate(tenantId, s, submitting);
            case JobTypes.SOURCE_RESTORE -> {
                Image image = image(tenantId, required(s.imageId(), "imageId"));
                int upscale = s.upscale() == null ? 2 : s.upscale();
                long limit = ImageLimits.DEFAULT.maxPixels(); // the engine refuses a larger result: refuse before the hold
                if ((long) image.width() * image.height() * upscale * upscale > limit) {
                    throw Problems.invalidField("upscale", "upscale " + upscale + " of a " + image.width() + "x" + image.height()
                            + " image would exceed " + limit / 1_000_000 + " MP");
                }
                yield new Planned(Topics.TEXTURE_REQUESTS, new TextureRequest(TextureOperation.SOURCE_RESTORE, image.blobKey(), null,
                        null, null, null, null, upscale, s.denoise() == null ? "auto" : s.denoise()), EventTypes.TEXTURE_REQUESTED,
                        JobTypes.SOURCE_RESTORE, null, megapixels(image), null);
            }
            default -> throw Problems.invalidField("type", "type must be one of texture-restore, skin-inpaint, generate, analyze, source-restore");
        };
    }

    private Planned planTexture(String tenantId, JobSubmission s, boolean submitting) {
        Image image = image(tenantId, required(s.imageId(), "imageId"));
        if (s.referenceImageId() != null && s.profileId() != null) {
            throw Problems.invalidFields("give referenceImageId or profileId, not both", "referenceImageId", "profileId");
        }
        // a reference photo is a person's skin, measured as POST /v1/texture-profiles measures it: the same consent
        // (a profileId needs none here: it was given when the profile was made, by the key the profile names)
        if (s.referenceImageId() != null && !Boolean.TRUE.equals(s.consent())) {
            throw Problems.invalidField("consent", "consent must be true when referenceImageId is given: you confirm you may use this photo");
        }
        Image mask = s.maskImageId() == null ? null : image(tenantId, s.maskImageId());
        if (mask != null) {
            sameSize(image, mask);
        }
        Image reference = s.referenceImageId() == null ? null : image(tenantId, s.referenceImageId());
        TextureProfile profile = s.profileId() == null ? null : profile(tenantId, s.profileId());
        TextureOperation operation = reference != null || profile != null ? TextureOperation.REFERENCE
                : mask != null ? TextureOperation.LOCAL : TextureOperation.RESTORE;
        Intensity intensity = s.textureIntensity();
        if (mask != null && submitting) {
            MaskArea.requireMinimum(mask, masks.measure(mask)); // the last check: it may render the mask's thumbnail
        }
        return new Planned(Topics.TEXTURE_REQUESTS, new TextureRequest(operation, image.blobKey(),
                mask == null ? null : mask.blobKey(), reference == null ? null : reference.blobKey(),
                profile == null ? null : profile.blobKey(), intensity.requestLevel(), null, null, null, intensity.requestAuto(),
                s.outputFormat()),
                EventTypes.TEXTURE_REQUESTED,
                JobTypes.TEXTURE_RESTORE, null, megapixels(image), null);
    }

    private Planned planGenerate(String tenantId, JobSubmission s, boolean enhance) {
        if (PromptCharacters.showsNothing(s.prompt())) {
            throw Problems.invalidField("prompt", "prompt is required for this job type (spaces and invisible characters alone are none)");
        }
        String prompt = s.prompt();
        List<GenerationRequest.ReferenceImage> references = new ArrayList<>();
        if (s.referenceImages() != null && !s.referenceImages().isEmpty()) {
            if (!Boolean.TRUE.equals(s.consent())) {
                throw Problems.invalidField("consent", "consent must be true when referenceImages are given: you confirm you may use these photos");
            }
            ReferenceChecks.distinct(s.referenceImages());
            List<Image> found = new ArrayList<>();
            for (JobSubmission.ReferenceImage ref : s.referenceImages()) {
                Image image = image(tenantId, ref.imageId());
                found.add(image);
                references.add(new GenerationRequest.ReferenceImage(image.blobKey(), ref.weight() == null ? 0.5 : ref.weight()));
            }
            ReferenceChecks.withinBytes(found);
        }
        String model = s.model() == null ? defaultModel(tenantId) : s.model();
        capable(model, false, references.size());
        models.require(tenantId, model);
        String negative = null;
        if (enhance && !Boolean.FALSE.equals(s.enhancePrompt())) {
            Enhancement enhanced = enhance(tenantId, prompt, model);
            if (enhanced != null) {
                prompt = enhanced.prompt() == null ? prompt : enhanced.prompt();
                negative = enhanced.negativePrompt();
            }
        }
        // the consent this gateway saw goes with the references, for the worker's own check (docs/security.md)
        Boolean consent = references.isEmpty() ? null : Boolean.TRUE;
        return new Planned(Topics.GENERATION_REQUESTS, new GenerationRequest(prompt, negative, model, references, null, null, null,
                null, null, s.outputFormat(), consent), EventTypes.GENERATION_REQUESTED, JobTypes.GENERATE, model, 1.0, null);
    }

    /** The enhanced prompt, or null when prompt-service cannot help now: the job then runs with the prompt as given. */
    private Enhancement enhance(String tenantId, String prompt, String model) {
        try {
            return prompts.enhance(tenantId, new EnhanceRequest(prompt, model, null));
        } catch (Exception e) {
            LOG.warnf("prompt enhancement skipped: %s", e.getMessage());
            return null;
        }
    }

    private Image image(String tenantId, String imageId) {
        return images.find(tenantId, imageId).await().atMost(dbTimeout).orElseThrow(() -> Problems.notFound("image", imageId));
    }

    private TextureProfile profile(String tenantId, String profileId) {
        return profiles.find(tenantId, profileId).await().atMost(dbTimeout)
                .orElseThrow(() -> Problems.notFound("texture profile", profileId));
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw Problems.invalidField(field, field + " is required for this job type");
        }
        return value;
    }

    /** The model is in the table and can do this job (before any hold: nothing to release). */
    private static void capable(String id, boolean inpaint, int references) {
        ImageModels.Model model = ImageModels.find(id)
                .orElseThrow(() -> Problems.invalidField("model", "model must be one of " + ImageModels.ids()));
        if (inpaint ? !model.inpaints() : !model.generates()) {
            throw Problems.invalidField("model", "model " + id + (inpaint ? " cannot inpaint" : " only inpaints") + "; models that "
                    + (inpaint ? "inpaint" : "generate") + ": " + ImageModels.ALL.stream()
                    .filter(inpaint ? ImageModels.Model::inpaints : ImageModels.Model::generates).map(ImageModels.Model::id).toList());
        }
        if (references > model.maxReferenceImages()) {
            throw Problems.invalidFields("model " + id + " takes at most " + model.maxReferenceImages() + " reference images",
                    "model", "referenceImages");
        }
    }

    private static void sameSize(Image image, Image mask) {
        if (image.width() != mask.width() || image.height() != mask.height()) {
            throw Problems.invalidFields("the mask is " + mask.width() + "x" + mask.height() + " but the image is "
                    + image.width() + "x" + image.height(), "imageId", "maskImageId");
        }
    }

    private static double megapixels(Image image) {
        return (double) image.width() * image.height() / 1e6;
    }
}
