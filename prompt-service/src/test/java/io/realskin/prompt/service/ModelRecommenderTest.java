package io.realskin.prompt.service;

import io.realskin.contracts.prompt.ImageModel;
import io.realskin.contracts.prompt.Need;
import io.realskin.contracts.prompt.Phase;
import io.realskin.contracts.prompt.Plan;
import io.realskin.contracts.prompt.Recommendation;
import io.realskin.support.problem.ProblemException;
import io.realskin.support.problem.ProblemTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelRecommenderTest {

    private final ModelRecommender none = new ModelRecommender(Fixtures.catalog());

    private static Set<Need> needs(String spec) {
        Set<Need> needs = EnumSet.noneOf(Need.class);
        for (String n : spec.split("\\+")) {
            if (!n.isBlank()) {
                needs.add(Need.valueOf(n.trim().toUpperCase()));
            }
        }
        return needs;
    }

    @Test
    void catalogueHasTheRequiredModelsRankedBySkin() {
        List<ImageModel> models = Fixtures.catalog().models();
        assertEquals(List.of("nano-banana-pro", "gpt-image-2", "flux-2-pro", "gemini-2.5-flash-image", "flux-pro-fill", "sdxl"),
                models.stream().map(ImageModel::id).toList());
        assertTrue(models.stream().filter(ImageModel::avoidForPhotorealSkin).allMatch(m -> m.id().equals("sdxl")));
        assertTrue(models.stream().noneMatch(ImageModel::available), "no provider configured in this test");
    }

    @Test
    void availabilityFollowsConfiguredProviders() {
        List<ImageModel> models = Fixtures.catalog("bfl").models();
        assertTrue(models.stream().filter(m -> m.provider().equals("bfl")).allMatch(ImageModel::available));
        assertTrue(models.stream().filter(m -> !m.provider().equals("bfl")).noneMatch(ImageModel::available));
    }

    @ParameterizedTest(name = "{0} {1} on {2} -> {3}")
    @CsvSource({
            "final,    '',                pro,      nano-banana-pro",
            "final,    '',                free,     flux-2-pro",
            "ideation, '',                pro,      gemini-2.5-flash-image",
            "ideation, '',                free,     gemini-2.5-flash-image",
            "final,    inpaint,           ultimate, gpt-image-2",
            "final,    inpaint,           free,     flux-pro-fill",
            "ideation, inpaint,           creator,  flux-pro-fill",
            "final,    reference,         free,     flux-2-pro"})
    void recommendsCheapForIdeationBestSkinForFinalWithinPlan(String phase, String needs, String plan, String expected) {
        Recommendation r = none.recommend(Phase.valueOf(phase.toUpperCase()), needs(needs), Plan.valueOf(plan.toUpperCase()));
        assertEquals(expected, r.model().id(), r::toString);
        assertFalse(r.why().isBlank());
        assertTrue(r.alternatives().stream().noneMatch(a -> a.id().equals("sdxl")), "never recommends an avoid model");
    }

    @Test
    void aGenerationIsNeverOfferedAModelThatOnlyInpaints() {
        for (Phase phase : Phase.values()) {
            for (Plan plan : Plan.values()) {
                Recommendation r = new ModelRecommender(Fixtures.catalog("bfl")).recommend(phase, Set.of(), plan);
                List<String> named = new java.util.ArrayList<>(List.of(r.model().id()));
                r.alternatives().forEach(a -> named.add(a.id()));
                assertFalse(named.contains("flux-pro-fill"), phase + " " + plan + ": " + named);
            }
        }
        Recommendation inpaint = new ModelRecommender(Fixtures.catalog("bfl")).recommend(Phase.FINAL, needs("inpaint"), Plan.FREE);
        assertEquals("flux-pro-fill", inpaint.model().id(), "an inpaint job still gets it");
    }

    @Test
    void freePlanFinalRenderSaysWhatAPaidPlanWouldGive() {
        Recommendation r = new ModelRecommender(Fixtures.catalog("google", "bfl")).recommend(Phase.FINAL, Set.of(), Plan.FREE);
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("Nano Banana Pro") && n.contains("plan pro")), r.notes()::toString);
    }

    /**
     * The upgrade hint names only a model this deployment can run: with Google and OpenAI unconfigured a paid plan gives
     * no better skin here, so nothing is said (it named Nano Banana Pro, whose jobs are refused model-unavailable); with
     * OpenAI alone, GPT Image 2.
     */
    @Test
    void theUpgradeHintNamesOnlyAModelThisDeploymentCanRun() {
        Recommendation bflOnly = new ModelRecommender(Fixtures.catalog("bfl")).recommend(Phase.FINAL, Set.of(), Plan.FREE);
        assertEquals("flux-2-pro", bflOnly.model().id());
        assertTrue(bflOnly.notes().stream().noneMatch(n -> n.contains("needs plan")), bflOnly.notes()::toString);
        Recommendation withOpenAi = new ModelRecommender(Fixtures.catalog("bfl", "openai")).recommend(Phase.FINAL, Set.of(), Plan.FREE);
        assertTrue(withOpenAi.notes().stream().anyMatch(n -> n.startsWith("GPT Image 2") && n.contains("plan pro")), withOpenAi.notes()::toString);
    }

    /**
     * Reference images and inpainting together: gpt-image-2 has both, but no job uses both (skin-inpaint takes no
     * referenceImages), so it is no-matching-model on every plan, saying why (it recommended gpt-image-2 on paid plans).
     */
    @Test
    void referenceAndInpaintTogetherIsNoMatchingModelOnEveryPlan() {
        for (Plan plan : Plan.values()) {
            ProblemException e = assertThrows(ProblemException.class,
                    () -> new ModelRecommender(Fixtures.catalog("openai", "google", "bfl")).recommend(Phase.FINAL,
                            EnumSet.of(Need.REFERENCE, Need.INPAINT), plan));
            assertEquals(ProblemTypes.NO_MATCHING_MODEL.uri(), e.problem().type(), plan.wire());
            assertTrue(e.problem().detail().contains("skin-inpaint job takes no referenceImages"), e.problem().detail());
        }
    }

    @Test
    void ideationPointsToTheFinalRenderModel() {
        Recommendation r = none.recommend(Phase.IDEATION, Set.of(), Plan.PRO);
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("nano-banana-pro")), r.notes()::toString);
    }

    @Test
    void configuredProvidersArePreferred() {
        ModelRecommender openAiOnly = new ModelRecommender(Fixtures.catalog("openai"));
        Recommendation r = openAiOnly.recommend(Phase.FINAL, Set.of(), Plan.PRO);
        assertEquals("gpt-image-2", r.model().id());
        assertTrue(r.model().available());
        Recommendation fallback = none.recommend(Phase.FINAL, Set.of(), Plan.PRO);
        assertTrue(fallback.notes().stream().anyMatch(n -> n.contains("No provider")), fallback.notes()::toString);
    }

    @Test
    void noEligibleModelIsAProblem() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> none.recommend(Phase.FINAL, EnumSet.of(Need.REFERENCE, Need.INPAINT), Plan.FREE));
        assertEquals(ProblemTypes.NO_MATCHING_MODEL.uri(), e.problem().type());
        assertEquals("free", e.problem().extensions().get("plan"));
    }
}
