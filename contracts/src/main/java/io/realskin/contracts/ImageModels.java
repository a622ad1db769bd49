package io.realskin.contracts;

import java.util.List;
import java.util.Optional;

/**
 * The one table of image model ids. prompt-service's catalogue ({@code catalogue/models-v1.yaml}), billing's price
 * list, generation-service's provider routing and the gateway's defaults all name models by these ids; a test in
 * each of them checks that it agrees with this table (docs/generation.md, "Models").
 */
public final class ImageModels {
    /** Provider names, as the catalogue and {@code realskin.providers.<name>} spell them. */
    public static final String OPENAI = "openai";
    public static final String GOOGLE = "google";
    public static final String BFL = "bfl";
    /** SDXL-class models: listed and priced, no adapter (their jobs end {@code provider_not_configured}). */
    public static final String STABILITY = "stability";

    /**
     * One model.
     *
     * @param providerModel      the provider's own name for it, as sent in the API call unless the deployment names
     *                           another ({@link ProviderModelNames})
     * @param generates          can make an image from a prompt ({@code generate} jobs)
     * @param inpaints           can rework a masked region of a given image ({@code skin-inpaint} jobs)
     * @param maxReferenceImages reference photographs it accepts beside the prompt; 0 = none
     */
    public record Model(String id, String provider, String providerModel, boolean generates, boolean inpaints,
                        int maxReferenceImages) {
    }

    public static final List<Model> ALL = List.of(
            new Model("nano-banana-pro", GOOGLE, "gemini-3-pro-image", true, false, 14),
            new Model("gpt-image-2", OPENAI, "gpt-image-2", true, true, 16),
            new Model("flux-2-pro", BFL, "flux-2-pro", true, false, 8),
            // the id is kept (a partner contract): Google shut gemini-2.5-flash-image down on 2026-10-02, and this id now
            // names its documented replacement, Gemini 3.1 Flash Image (docs/generation.md, "Models")
            new Model("gemini-2.5-flash-image", GOOGLE, "gemini-3.1-flash-image", true, false, 3),
            new Model("flux-pro-fill", BFL, "flux-pro-1.0-fill", false, true, 0),
            new Model("sdxl", STABILITY, "stable-diffusion-xl-1024-v1-0", true, true, 0));

    /** The gateway's model for a {@code generate} job that names none, on a paid plan: the best for skin. */
    public static final String DEFAULT_GENERATE = "nano-banana-pro";
    /**
     * The gateway's model for a {@code generate} job that names none on the free plan, which has no premium models: the
     * best for skin that it includes (until 2026-12-07 a free tenant's job without a model got the premium default and
     * was refused 403).
     */
    public static final String DEFAULT_GENERATE_FREE = "flux-2-pro";
    /**
     * The most reference images one job may send, whatever its model takes (the gateway's {@code referenceImages},
     * the generation request schema's {@code maxItems}); the catalogue advertises a model's limit capped at this
     * (gpt-image-2 takes 16, a job sends at most 14).
     */
    public static final int MAX_JOB_REFERENCES = 14;

    /** The reference images a job of this model may send: its own limit, at most {@link #MAX_JOB_REFERENCES}. */
    public static int jobReferences(Model model) {
        return Math.min(model.maxReferenceImages(), MAX_JOB_REFERENCES);
    }

    /** The gateway's model for a {@code skin-inpaint} job that names none. */
    public static final String DEFAULT_INPAINT = "flux-pro-fill";

    /** The default {@code generate} model for a tenant on {@code plan} (null: not known, the paid plans' default). */
    public static String defaultGenerate(String plan) {
        return "free".equals(plan) ? DEFAULT_GENERATE_FREE : DEFAULT_GENERATE;
    }

    public static Optional<Model> find(String id) {
        return ALL.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    public static List<String> ids() {
        return ALL.stream().map(Model::id).toList();
    }

    private ImageModels() {
    }
}
