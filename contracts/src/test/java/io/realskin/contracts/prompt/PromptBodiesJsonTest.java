package io.realskin.contracts.prompt;

import static io.realskin.contracts.RestJson.assertRoundTrip;
import static io.realskin.contracts.RestJson.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.realskin.contracts.RestJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * prompt-service's REST bodies on the wire: what the gateway reads and writes back must be what prompt-service wrote,
 * member for member (absent stays absent where prompt-service leaves it out, null stays null where it writes one).
 */
class PromptBodiesJsonTest {

    @Test
    void theAnswerExamplesAreTheRecordsAsWritten() throws Exception {
        Enhancement enhanced = assertRoundTrip(PromptExamples.ENHANCE_RESPONSE, Enhancement.class);
        assertEquals(Intent.HEADSHOT, enhanced.intent());
        assertNull(enhanced.negativePrompt(), "absent for a model without negative prompts, and left out again");
        assertEquals(ChangeKind.ADDED, enhanced.changes().get(1).kind());
        assertRoundTrip(PromptExamples.LINT_RESPONSE, LintReport.class);
        ModelCatalogue catalogue = assertRoundTrip(PromptExamples.MODELS_RESPONSE, ModelCatalogue.class);
        assertEquals(Plan.FREE, catalogue.models().get(1).planRequired());
        Advice advice = assertRoundTrip(PromptExamples.ADVICE_RESPONSE, Advice.class);
        assertNull(advice.fixes().get(1).apiCall().body());
    }

    @Test
    void theRequestExamplesReadAsTheRecords() throws Exception {
        assertEquals(new EnhanceRequest("Portrait of a 35-year-old woman, warm light, professional headshot.", "gpt-image-2", null),
                RestJson.MAPPER.readValue(PromptExamples.ENHANCE_REQUEST, EnhanceRequest.class));
        assertEquals(new RecommendRequest("ideation", List.of("reference"), "free"),
                RestJson.MAPPER.readValue(PromptExamples.RECOMMEND_IDEATION, RecommendRequest.class));
        assertEquals(new AdviceRequest("have-image", "some", null, null),
                RestJson.MAPPER.readValue(PromptExamples.ADVICE_HAVE_IMAGE, AdviceRequest.class));
        AdviceRequest all = RestJson.MAPPER.readValue(PromptExamples.ADVICE_HAVE_IMAGE_ALL, AdviceRequest.class);
        assertEquals(new AdviceRequest("have-image", "all", null, null), all);
        // the response example answers this request (the gateway shows the two as a pair)
        var answer = RestJson.MAPPER.readTree(PromptExamples.ADVICE_RESPONSE);
        assertEquals(all.stage(), answer.path("stage").asText());
        assertEquals(all.facesAffected(), answer.path("facesAffected").asText());
        assertEquals(new LintRequest("A stunning portrait of a woman with smooth skin, 8k", null),
                RestJson.MAPPER.readValue(PromptExamples.LINT_REQUEST, LintRequest.class));
    }

    @Test
    void aRecommendationNamesItsModelInFull() throws Exception {
        ImageModel model = new ImageModel("nano-banana-pro", "google", "gemini-3-pro-image", "Nano Banana Pro", 1, 2.5, 12, 14,
                true, false, false, Plan.PRO, false, true, null);
        Recommendation recommendation = new Recommendation(Phase.FINAL, Plan.PRO, List.of(Need.REFERENCE), model, "best skin",
                List.of(new Recommendation.Alternative("gpt-image-2", "GPT Image 2", "cheaper")), List.of());
        assertEquals(recommendation, RestJson.MAPPER.readValue(RestJson.MAPPER.writeValueAsString(recommendation), Recommendation.class));
        assertEquals("final", tree(recommendation).path("phase").asText());
        assertEquals("reference", tree(recommendation).path("needs").path(0).asText());
        assertFalse(tree(recommendation).path("model").has("withAvailable"), "no member from a method");
        assertEquals("null", tree(recommendation).path("model").path("notes").toString(), "a model writes its null notes");
    }
}
