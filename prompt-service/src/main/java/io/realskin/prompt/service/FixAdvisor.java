package io.realskin.prompt.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realskin.contracts.prompt.Advice;
import io.realskin.contracts.prompt.ApiCall;
import io.realskin.contracts.prompt.FacesAffected;
import io.realskin.contracts.prompt.Fix;
import io.realskin.contracts.prompt.ImageModel;
import io.realskin.contracts.prompt.Need;
import io.realskin.contracts.prompt.Phase;
import io.realskin.contracts.prompt.Plan;
import io.realskin.contracts.prompt.Recommendation;
import io.realskin.contracts.prompt.SourceQuality;
import io.realskin.contracts.prompt.Stage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decision tree of plastic-skin fixes, cheapest first: still generating → model choice plus texture
 * prompt; image to keep → texture restore (all faces) or a masked restore then inpaint (some faces);
 * repeatable pipeline → a real photograph as texture reference. Every fix names the public gateway call
 * that performs it, and every list ends with a plastic-skin check.
 */
@Singleton
public class FixAdvisor {

    static final int DEFAULT_INTENSITY = 40;
    static final double DEFAULT_REFERENCE_WEIGHT = 0.5;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> AVOID = List.of(
            "Over-sharpening: it raises edge contrast everywhere and adds no organic variance: crunchy edges over plastic skin.",
            "Uniform \"film grain\" filters: the same noise over sky, hair and face is not skin texture, and no camera makes it.",
            "Beauty, \"realism\" or HDR apps: they push contrast and saturation, which makes smooth skin look even more plastic.");

    private final ModelRecommender recommender;

    @Inject
    public FixAdvisor(ModelRecommender recommender) {
        this.recommender = recommender;
    }

    /**
     * @param faces   null means all faces
     * @param quality null means unknown (treated as good)
     * @param plan    null means any plan (the best model overall is named)
     */
    public Advice advise(Stage stage, FacesAffected faces, SourceQuality quality, Plan plan) {
        List<String> notes = new ArrayList<>();
        FacesAffected affected = faces;
        if (affected == null) {
            affected = FacesAffected.ALL;
            if (stage == Stage.HAVE_IMAGE) {
                notes.add("facesAffected not given: assuming all faces.");
            }
        }
        Plan effectivePlan = plan == null ? Plan.CREATOR : plan;
        List<Fix> fixes = new ArrayList<>();
        String summary = switch (stage) {
            case GENERATING -> generating(fixes, effectivePlan, notes);
            case HAVE_IMAGE -> haveImage(fixes, affected, quality, effectivePlan, notes);
            case PIPELINE -> pipeline(fixes, quality, effectivePlan, notes);
        };
        if (stage != Stage.HAVE_IMAGE && faces != null) {
            notes.add("facesAffected only changes the advice once you have an image to keep.");
        }
        if (stage == Stage.GENERATING && quality != null) {
            notes.add("sourceQuality describes a photograph to restore or use as reference; it does not apply while generating.");
        }
        fixes.add(verify(fixes.size() + 1));
        return new Advice(stage, faces == null && stage != Stage.HAVE_IMAGE ? null : affected, quality, summary,
                List.copyOf(fixes), AVOID, List.copyOf(notes));
    }

    private String generating(List<Fix> fixes, Plan plan, List<String> notes) {
        ImageModel best = pick(Set.of(), plan, notes);
        fixes.add(new Fix(1, "model-choice", "Generate on " + best.displayName(),
                "Model choice is most of the battle: newer models are tuned against plastic skin, older ones smooth it. "
                        + "Ideate on a cheap model and final-render the winners here.",
                call("POST", "/v1/jobs", body("type", "generate", "prompt", "{prompt}", "model", best.id(), "enhancePrompt", true))));
        fixes.add(new Fix(2, "prompt-texture", "Rewrite the prompt with texture language",
                "Replaces abstract quality words with photographic specifics and asks for pores and unretouched skin; "
                        + "free, and already applied by generate jobs with enhancePrompt: true.",
                call("POST", "/v1/prompts/enhance", body("prompt", "{prompt}", "model", best.id()))));
        return "Still generating: switch to a model with real skin and prompt with texture language; do both.";
    }

    private String haveImage(List<Fix> fixes, FacesAffected faces, SourceQuality quality, Plan plan, List<String> notes) {
        if (quality == SourceQuality.DAMAGED || quality == SourceQuality.LOW_RES) {
            notes.add("Texture restore rebuilds pore-level detail, not " + (quality == SourceQuality.DAMAGED
                    ? "scratches or compression damage" : "missing resolution")
                    + ": results on a " + quality.wire() + " image are limited; start from the best copy you have.");
        }
        if (faces == FacesAffected.ALL) {
            fixes.add(new Fix(1, "texture-restore", "Restore skin texture at " + DEFAULT_INTENSITY + " %",
                    "Face-aware restore of pore-level detail; composition, pose, light and identity stay, the original is kept. "
                            + "Start at 40 %: pull back if it looks like sandpaper, push up if still waxy; most portraits land at 35-60 %.",
                    call("POST", "/v1/jobs", body("type", "texture-restore", "imageId", "{imageId}", "intensity", DEFAULT_INTENSITY))));
            notes.add("Every face is affected: one full restore pass is faster and cheaper than inpainting faces one at a time.");
            return "Keep the image: restore its skin texture in one pass, then check the plastic-skin score.";
        }
        ImageModel inpainter = pick(Set.of(Need.INPAINT), plan, notes);
        fixes.add(new Fix(1, "local-texture-restore", "Restore texture only inside the mask of the affected face",
                "Only the masked face is reworked; every pixel outside the mask stays byte-for-byte identical. Cheapest local fix.",
                call("POST", "/v1/jobs", body("type", "texture-restore", "imageId", "{imageId}", "maskImageId", "{maskImageId}",
                        "intensity", DEFAULT_INTENSITY))));
        fixes.add(new Fix(2, "skin-inpaint", "Inpaint the masked face with " + inpainter.displayName(),
                "When the face needs more than texture: regenerate just the masked region with texture-aware prompting; "
                        + "charged by masked area, the rest of the image stays byte-for-byte identical.",
                call("POST", "/v1/jobs", body("type", "skin-inpaint", "imageId", "{imageId}", "maskImageId", "{maskImageId}",
                        "model", inpainter.id()))));
        return "Keep the image and fix only the affected faces: a masked texture restore first, a masked inpaint if it is not enough.";
    }

    private String pipeline(List<Fix> fixes, SourceQuality quality, Plan plan, List<String> notes) {
        int order = 1;
        if (quality == SourceQuality.DAMAGED || quality == SourceQuality.LOW_RES) {
            boolean lowRes = quality == SourceQuality.LOW_RES;
            fixes.add(new Fix(order++, "reference-cleanup", "Clean the reference photograph first (source restore)",
                    "A " + quality.wire() + " reference passes its " + (lowRes ? "blur" : "damage")
                            + " on as texture. A source-restore job removes JPEG blocking and sensor noise"
                            + (lowRes ? " and upscales 2x edge-aware" : "")
                            + " without adding skin texture; use its result as the reference. Scratches and tears need a rescan.",
                    call("POST", "/v1/jobs", body("type", "source-restore", "imageId", "{referenceImageId}",
                            "upscale", lowRes ? 2 : 1, "denoise", "auto"))));
        }
        ImageModel referenced = pick(Set.of(Need.REFERENCE), plan, notes);
        fixes.add(new Fix(order++, "reference-texture", "Generate with a real photograph as skin reference on " + referenced.displayName(),
                "Weight 0.4-0.6 pulls the reference's skin character without copying the face; one reference gives "
                        + "consistent texture across every generation. Reference the texture, not the identity: consent is required.",
                call("POST", "/v1/jobs", body("type", "generate", "prompt", "{prompt}", "model", referenced.id(),
                        "referenceImages", List.of(body("imageId", "{referenceImageId}", "weight", DEFAULT_REFERENCE_WEIGHT)),
                        "consent", true))));
        fixes.add(new Fix(order, "reference-texture-restore", "Match finished images to the reference texture",
                "Our engine copies the reference's texture statistics (grain, pore scale), never identity; consent is "
                        + "required for the photograph, as for a profile. Use a saved texture profile (profileId, its consent "
                        + "given when it was made) instead of referenceImageId to keep a whole pipeline consistent.",
                call("POST", "/v1/jobs", body("type", "texture-restore", "imageId", "{imageId}",
                        "referenceImageId", "{referenceImageId}", "consent", true, "intensity", DEFAULT_INTENSITY))));
        return "Repeatable pipeline: lock one real photograph's skin texture as the reference for every output.";
    }

    private static Fix verify(int order) {
        return new Fix(order, "verify", "Check the plastic-skin score",
                "An objective score (0 = photographic, 1 = waxy) of the result: it passes below 0.5, the score's "
                        + "threshold (docs/texture-engine.md); stop at the first fix that passes, otherwise go on to the next one.",
                call("GET", "/v1/images/{imageId}/analysis", null));
    }

    /**
     * The model {@code /models/recommend} names for the final render, with its notes: that no provider of it is configured on
     * this deployment (jobs on it fail until one is), a better model on a higher plan. Until 2026-12-07 advice dropped them
     * and named a model this deployment could not run as if it could.
     */
    private ImageModel pick(Set<Need> needs, Plan plan, List<String> notes) {
        Recommendation recommendation = recommender.recommend(Phase.FINAL, needs, plan);
        ImageModel model = recommendation.model();
        List<String> picked = new ArrayList<>();
        if (model.planRequired().paid()) {
            picked.add(model.displayName() + " needs plan " + model.planRequired().wire() + " or above.");
        }
        picked.addAll(recommendation.notes());
        picked.stream().filter(note -> !notes.contains(note)).forEach(notes::add);
        return model;
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static ApiCall call(String method, String path, Map<String, Object> body) {
        try {
            String line = method + " " + path + (body == null ? "" : " " + JSON.writeValueAsString(body));
            return new ApiCall(method, path, body, line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
