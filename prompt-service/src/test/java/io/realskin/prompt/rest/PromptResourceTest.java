package io.realskin.prompt.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.ServiceKeysResource;
import io.realskin.contracts.prompt.PromptExamples;
import io.realskin.local.ServiceTokenFilter;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.realskin.prompt.rest.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(ServiceKeysResource.class)
class PromptResourceTest {
    @BeforeAll
    static void callAsTheGateway() {
        RestAssured.replaceFiltersWith(new ServiceTokenFilter("prompt-service", "ten_test", "jobs:read"));
    }


    private static final String SEED = "Portrait of a 35-year-old woman, warm light, professional headshot.";

    private static Response post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path);
    }

    @Test
    void enhanceRewritesTheSeedHeadshot() {
        post("/prompts/enhance", Map.of("prompt", SEED)).then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("prompt", startsWith("Portrait of a 35-year-old woman, warm light, unretouched editorial headshot"))
                .body("prompt", containsString("natural pores"))
                .body("prompt", containsString("85mm lens"))
                .body("changes.kind", hasItems("replaced", "added"))
                .body("changes.find { it.kind == 'replaced' }.from", equalTo("professional headshot"))
                .body("changes.find { it.kind == 'added' }.from", nullValue())
                .body("riskBefore", greaterThan(50))
                .body("riskAfter", equalTo(0))
                .body("intent", equalTo("headshot"))
                .body("personDetected", equalTo(true))
                .body("vocabularyVersion", equalTo("1.4.119"));
    }

    /**
     * The OpenAPI documents' examples (prompt-service's and the gateway's, one copy in contracts) say what the service
     * answers to their requests: the rewrite, the risks and the vocabulary's version (until 2026-12-06 the version had
     * stayed at 1.4.44 through nine vocabulary releases).
     */
    @Test
    void theDocumentedExamplesAreWhatTheServiceAnswers() {
        io.restassured.path.json.JsonPath enhanced = io.restassured.path.json.JsonPath.from(PromptExamples.ENHANCE_RESPONSE);
        post("/prompts/enhance", PromptExamples.ENHANCE_REQUEST).then().statusCode(200)
                .body("prompt", equalTo(enhanced.getString("prompt")))
                .body("riskBefore", equalTo(enhanced.getInt("riskBefore")))
                .body("riskAfter", equalTo(enhanced.getInt("riskAfter")))
                .body("vocabularyVersion", equalTo(enhanced.getString("vocabularyVersion")));
        io.restassured.path.json.JsonPath linted = io.restassured.path.json.JsonPath.from(PromptExamples.LINT_RESPONSE);
        post("/prompts/lint", PromptExamples.LINT_REQUEST).then().statusCode(200)
                .body("risk", equalTo(linted.getInt("risk")))
                .body("findings.text", equalTo(linted.getList("findings.text")))
                .body("vocabularyVersion", equalTo(linted.getString("vocabularyVersion")));
    }

    @Test
    void enhanceIsIdempotentOverHttp() {
        String once = post("/prompts/enhance", Map.of("prompt", "A stunning glamour shot of a woman, 8k")).then()
                .statusCode(200).extract().path("prompt");
        post("/prompts/enhance", Map.of("prompt", once)).then()
                .statusCode(200)
                .body("prompt", equalTo(once))
                .body("changes", equalTo(List.of()));
    }

    @Test
    void enhanceHonoursIntentAndModel() {
        post("/prompts/enhance", Map.of("prompt", "portrait of a woman", "intent", "fashion", "model", "sdxl")).then()
                .statusCode(200)
                .body("intent", equalTo("fashion"))
                .body("prompt", containsString("Hasselblad 80mm medium format"))
                .body("negativePrompt", containsString("plastic skin"));
        post("/prompts/enhance", Map.of("prompt", "portrait of a woman", "model", "gpt-image-2")).then()
                .statusCode(200)
                .body("$", not(org.hamcrest.Matchers.hasKey("negativePrompt")));
    }

    @Test
    void enhanceLeavesAPromptWithoutAPersonUnchanged() {
        post("/prompts/enhance", Map.of("prompt", "a bowl of fruit, stunning, 8k")).then()
                .statusCode(200)
                .body("prompt", equalTo("a bowl of fruit, stunning, 8k"))
                .body("personDetected", equalTo(false))
                .body("changes", equalTo(List.of()))
                .body("notes[0]", startsWith("No person"));
    }

    @Test
    void lintLocatesEveryFindingByOffset() {
        String prompt = "👩 A stunning portrait of a woman with smooth skin, 8k, Photorealistic";
        Response response = post("/prompts/lint", Map.of("prompt", prompt));
        response.then()
                .statusCode(200)
                .body("risk", greaterThan(60))
                .body("level", equalTo("high"))
                .body("findings.rule", hasItems("abstract-praise", "smooth-skin", "resolution-tokens", "render-realism"))
                .body("missing.id", hasItems("pores", "no-airbrushing", "lens-anchor"))
                .body("findings.category", everyItem(in(List.of("abstract-quality", "smoothing", "render-vocabulary",
                        "resolution-token", "cinematic-without-control"))));
        List<Map<String, Object>> findings = response.jsonPath().getList("findings");
        assertEquals(4, findings.size());
        for (Map<String, Object> f : findings) {
            int start = (Integer) f.get("start");
            int end = (Integer) f.get("end");
            assertEquals(f.get("text"), prompt.substring(start, end), f::toString);
        }
    }

    @Test
    void lintOfAGoodPromptIsLow() {
        String enhanced = post("/prompts/enhance", Map.of("prompt", SEED)).then().extract().path("prompt");
        post("/prompts/lint", Map.of("prompt", enhanced)).then()
                .statusCode(200)
                .body("risk", equalTo(0))
                .body("level", equalTo("low"))
                .body("findings", equalTo(List.of()))
                .body("missing", equalTo(List.of()));
    }

    @Test
    void promptOfExactlyTheMaximumIsAccepted() {
        String prompt = "portrait of a woman " + "x".repeat(4000 - "portrait of a woman ".length());
        assertEquals(4000, prompt.length());
        post("/prompts/lint", Map.of("prompt", prompt)).then().statusCode(200);
    }

    @Test
    void emptyPromptIsAProblem() {
        for (String path : List.of("/prompts/enhance", "/prompts/lint")) {
            assertProblem(post(path, Map.of("prompt", "")).then(), 400, "prompt-empty", path).body("field", equalTo("prompt"));
            assertProblem(post(path, Map.of("prompt", "   \n ")).then(), 400, "prompt-empty", path);
            assertProblem(post(path, Map.of("intent", "headshot")).then(), 400, "prompt-empty", path);
        }
    }

    /**
     * A prompt of only characters that show nothing is as empty as one of ASCII spaces (PromptValidatorTest, over the
     * characters): enhanced, it was 200 with a note about its first character.
     */
    @Test
    void aPromptOfOnlyCharactersThatShowNothingIsEmpty() {
        for (String path : List.of("/prompts/enhance", "/prompts/lint")) {
            assertProblem(post(path, Map.of("prompt", "\u200B\u200B")).then(), 400, "prompt-empty", path).body("field", equalTo("prompt"));
        }
    }

    @Test
    void tooLongPromptIsAProblem() {
        String prompt = "portrait of a woman ".repeat(201);
        for (String path : List.of("/prompts/enhance", "/prompts/lint")) {
            assertProblem(post(path, Map.of("prompt", prompt)).then(), 400, "prompt-too-long", path)
                    .body("length", equalTo(prompt.length()))
                    .body("maxLength", equalTo(4000));
        }
        // 2,001 emoji are 4,002 UTF-16 code units, the unit of the limit and of every offset: the detail says so
        String emoji = "\uD83D\uDE00".repeat(2001);
        assertProblem(post("/prompts/lint", Map.of("prompt", emoji)).then(), 400, "prompt-too-long", "/prompts/lint")
                .body("length", equalTo(4002))
                .body("detail", containsString("UTF-16 code units"));
    }

    @Test
    void unknownIntentIsAProblem() {
        for (String path : List.of("/prompts/enhance", "/prompts/lint")) {
            assertProblem(post(path, Map.of("prompt", SEED, "intent", "boudoir")).then(), 400, "unknown-value", path)
                    .body("field", equalTo("intent"))
                    .body("value", equalTo("boudoir"))
                    .body("allowed", equalTo(List.of("headshot", "editorial", "fashion", "candid", "product")));
        }
    }

    @Test
    void unknownModelIsAProblem() {
        assertProblem(post("/prompts/enhance", Map.of("prompt", SEED, "model", "dall-e-1")).then(), 400, "unknown-value", "/prompts/enhance")
                .body("field", equalTo("model"))
                .body("allowed", hasItem("nano-banana-pro"));
    }

    @Test
    void malformedBodyIsAProblem() {
        assertProblem(given().contentType(ContentType.JSON).body("{\"prompt\": ").when().post("/prompts/enhance").then(),
                400, "invalid-request", "/prompts/enhance");
        assertProblem(given().contentType(ContentType.JSON).body("{\"prompt\": [1, 2]}").when().post("/prompts/lint").then(),
                400, "invalid-request", "/prompts/lint");
    }

    /**
     * A body's field its record does not define is 400 naming it and what it likely meant, on every route: a misspelt
     * {@code promt} was dropped and the call answered as if no prompt had been sent, a {@code Model} as if no model. One
     * given as null is as absent.
     */
    @Test
    void aFieldTheBodyDoesNotDefineIsRefusedWithTheFieldItMeant() {
        assertProblem(post("/prompts/enhance", Map.of("promt", SEED, "Model", "gpt-image-2")).then(), 400, "invalid-request", "/prompts/enhance")
                .body("field", equalTo("Model")).body("fields", equalTo(List.of("Model", "promt")))
                .body("suggestions", equalTo(Map.of("promt", "prompt", "Model", "model")));
        for (List<Object> route : List.of(
                List.<Object>of("/prompts/lint", Map.of("prompt", SEED, "Intent", "headshot"), "Intent", "intent"),
                List.<Object>of("/models/recommend", Map.of("phase", "final", "need", List.of("reference")), "need", "needs"),
                List.<Object>of("/advice", Map.of("stage", "generating", "source_quality", "good"), "source_quality", "sourceQuality"))) {
            assertProblem(post((String) route.get(0), route.get(1)).then(), 400, "invalid-request", (String) route.get(0))
                    .body("field", equalTo(route.get(2))).body("suggestions", equalTo(Map.of(route.get(2), route.get(3))));
        }
        // a null is as absent: a newer gateway writes a field added to the record since as null unless it is used
        java.util.HashMap<String, Object> newer = new java.util.HashMap<>(Map.of("prompt", SEED));
        newer.put("addedSince", null);
        post("/prompts/lint", newer).then().statusCode(200);
    }

    @Test
    void missingBodyIsAProblem() {
        assertProblem(given().contentType(ContentType.JSON).when().post("/prompts/enhance").then(),
                400, "missing-field", "/prompts/enhance");
    }

    @Test
    void wrongMediaTypeAndMethodAreProblems() {
        assertProblem(given().contentType(ContentType.TEXT).body(SEED).when().post("/prompts/enhance").then(),
                415, "unsupported-media-type", "/prompts/enhance");
        assertProblem(given().when().get("/prompts/enhance").then(), 405, "method-not-allowed", "/prompts/enhance");
        given().when().get("/prompts/enhance").then().statusCode(405).header("Allow", "OPTIONS, POST")
                .body("detail", equalTo("/prompts/enhance does not take GET; it takes OPTIONS, POST"));
    }

    @Test
    void problemBodiesNeverLeakStackTraces() {
        String body = given().contentType(ContentType.JSON).body("{\"prompt\": ").when().post("/prompts/enhance").asString();
        assertTrue(!body.contains("at io.") && !body.contains("Exception"), body);
    }
}
