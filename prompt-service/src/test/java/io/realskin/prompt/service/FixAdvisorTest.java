package io.realskin.prompt.service;

import io.realskin.contracts.prompt.Advice;
import io.realskin.contracts.prompt.FacesAffected;
import io.realskin.contracts.prompt.Fix;
import io.realskin.contracts.prompt.Plan;
import io.realskin.contracts.prompt.SourceQuality;
import io.realskin.contracts.prompt.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixAdvisorTest {

    private final FixAdvisor advisor = new FixAdvisor(new ModelRecommender(Fixtures.catalog()));

    private static List<String> ids(Advice a) {
        return a.fixes().stream().map(Fix::id).toList();
    }

    private static void assertOrdered(Advice a) {
        for (int i = 0; i < a.fixes().size(); i++) {
            assertEquals(i + 1, a.fixes().get(i).order());
            assertTrue(a.fixes().get(i).apiCall().call().startsWith(a.fixes().get(i).apiCall().method() + " /v1/"));
        }
        assertEquals("verify", a.fixes().get(a.fixes().size() - 1).id());
        // the placeholder every other fix uses for the image, and the score that passes
        assertEquals("GET /v1/images/{imageId}/analysis", a.fixes().get(a.fixes().size() - 1).apiCall().call());
        assertTrue(a.fixes().get(a.fixes().size() - 1).why().contains("below 0.5"), a.fixes().get(a.fixes().size() - 1).why());
        assertEquals(3, a.avoid().size());
    }

    @Test
    void generatingMeansModelChoicePlusTexturePrompt() {
        Advice a = advisor.advise(Stage.GENERATING, null, null, Plan.PRO);
        assertEquals(List.of("model-choice", "prompt-texture", "verify"), ids(a));
        assertEquals("POST /v1/jobs {\"type\":\"generate\",\"prompt\":\"{prompt}\",\"model\":\"nano-banana-pro\",\"enhancePrompt\":true}",
                a.fixes().get(0).apiCall().call());
        assertEquals("POST", a.fixes().get(1).apiCall().method());
        assertEquals("/v1/prompts/enhance", a.fixes().get(1).apiCall().path());
        assertOrdered(a);
    }

    @Test
    void generatingOnTheFreePlanNamesAFreeModel() {
        Advice a = advisor.advise(Stage.GENERATING, null, null, Plan.FREE);
        assertEquals("flux-2-pro", a.fixes().get(0).apiCall().body().get("model"));
    }

    @Test
    void allFacesOnAKeptImageMeansOneTextureRestoreAt40() {
        Advice a = advisor.advise(Stage.HAVE_IMAGE, FacesAffected.ALL, null, null);
        assertEquals(List.of("texture-restore", "verify"), ids(a));
        assertEquals("POST /v1/jobs {\"type\":\"texture-restore\",\"imageId\":\"{imageId}\",\"intensity\":40}",
                a.fixes().get(0).apiCall().call());
        assertTrue(a.fixes().get(0).why().contains("35-60"));
        assertOrdered(a);
    }

    @Test
    void someFacesMeansMaskedRestoreThenInpaint() {
        Advice a = advisor.advise(Stage.HAVE_IMAGE, FacesAffected.SOME, SourceQuality.GOOD, Plan.PRO);
        assertEquals(List.of("local-texture-restore", "skin-inpaint", "verify"), ids(a));
        assertEquals("{imageId}", a.fixes().get(0).apiCall().body().get("imageId"));
        assertEquals("{maskImageId}", a.fixes().get(0).apiCall().body().get("maskImageId"));
        assertEquals("skin-inpaint", a.fixes().get(1).apiCall().body().get("type"));
        assertEquals("gpt-image-2", a.fixes().get(1).apiCall().body().get("model"));
        assertOrdered(a);
    }

    @Test
    void pipelineUsesAReferenceAtHalfWeightWithConsent() {
        Advice a = advisor.advise(Stage.PIPELINE, null, SourceQuality.GOOD, Plan.PRO);
        assertEquals(List.of("reference-texture", "reference-texture-restore", "verify"), ids(a));
        String call = a.fixes().get(0).apiCall().call();
        assertTrue(call.contains("\"type\":\"generate\"") && call.contains("\"referenceImages\":[{\"imageId\":\"{referenceImageId}\",\"weight\":0.5}]")
                && call.contains("\"consent\":true"), call);
        // the gateway refuses a texture-restore toward a reference photo without consent (it took one until 2026-12-07)
        Map<String, Object> restore = a.fixes().get(1).apiCall().body();
        assertEquals("{referenceImageId}", restore.get("referenceImageId"));
        assertEquals(true, restore.get("consent"), restore.toString());
        assertOrdered(a);
    }

    @Test
    void damagedOrLowResReferenceIsCleanedFirst() {
        for (SourceQuality q : List.of(SourceQuality.DAMAGED, SourceQuality.LOW_RES)) {
            Advice a = advisor.advise(Stage.PIPELINE, null, q, Plan.FREE);
            assertEquals("reference-cleanup", a.fixes().get(0).id());
            Map<String, Object> cleanup = a.fixes().get(0).apiCall().body();
            assertEquals("source-restore", cleanup.get("type"));
            assertEquals("{referenceImageId}", cleanup.get("imageId"));
            assertEquals(q == SourceQuality.LOW_RES ? 2 : 1, cleanup.get("upscale"));
            assertEquals("flux-2-pro", a.fixes().get(1).apiCall().body().get("model"));
            assertOrdered(a);
        }
    }

    /**
     * Advice names the model /models/recommend names, and says what the recommendation says of it: no provider of it
     * configured here, a better model on a higher plan. Until 2026-12-07 advice dropped those notes, and on a deployment
     * without the model's provider named it as if its jobs could run.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // providers configured | stage | plan | the note the advice must carry
            " | generating | pro | No provider of an eligible model is configured on this deployment",
            " | have-image | free | No provider of an eligible model is configured on this deployment",
            " | pipeline | creator | No provider of an eligible model is configured on this deployment",
            "google+openai+bfl | generating | free | Nano Banana Pro (Gemini 3 Pro Image), skin rank 1, needs plan pro or above.",
            "google+openai+bfl | have-image | free | GPT Image 2, skin rank 2, needs plan pro or above."})
    void adviceSaysWhatTheRecommendationSaysOfItsModel(String providers, String stage, String plan, String note) {
        ModelCatalog catalog = Fixtures.catalog(providers == null ? new String[0] : providers.split("\\+"));
        Advice a = new FixAdvisor(new ModelRecommender(catalog)).advise(Stage.valueOf(stage.toUpperCase().replace('-', '_')),
                FacesAffected.SOME, null, Plan.valueOf(plan.toUpperCase()));
        assertTrue(a.notes().stream().anyMatch(n -> n.startsWith(note)), a.notes()::toString);
    }
}
