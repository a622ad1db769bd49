package io.realskin.prompt.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.ServiceKeysResource;
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
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(ServiceKeysResource.class)
class ModelResourceTest {
    @BeforeAll
    static void callAsTheGateway() {
        RestAssured.replaceFiltersWith(new ServiceTokenFilter("prompt-service", "ten_test", "jobs:read"));
    }


    private static Response recommend(Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/models/recommend");
    }

    @Test
    void listsTheCatalogueBestSkinFirst() {
        given().when().get("/models").then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("version", equalTo("1.0.0"))
                .body("models.id", equalTo(List.of("nano-banana-pro", "gpt-image-2", "flux-2-pro", "gemini-2.5-flash-image",
                        "flux-pro-fill", "sdxl")))
                .body("models.skinRealismRank", equalTo(List.of(1, 2, 3, 4, 5, 6)))
                .body("models[0].displayName", containsString("Gemini 3 Pro Image"))
                .body("models[0].provider", equalTo("google"))
                .body("models[0].planRequired", equalTo("pro"))
                .body("models[0].maxReferenceImages", equalTo(14))
                .body("models[1].inpainting", equalTo(true))
                .body("models.relativeCost", everyItem(notNullValue()))
                .body("models.typicalLatencySeconds", everyItem(notNullValue()))
                .body("models.find { it.id == 'sdxl' }.avoidForPhotorealSkin", equalTo(true))
                .body("models.find { it.id == 'sdxl' }.notes", containsString("Avoid for photoreal skin"))
                .body("models.available", everyItem(equalTo(false)));
    }

    @Test
    void recommendsBestSkinForTheFinalRender() {
        recommend(Map.of("phase", "final", "plan", "pro")).then()
                .statusCode(200)
                .body("phase", equalTo("final"))
                .body("plan", equalTo("pro"))
                .body("model.id", equalTo("nano-banana-pro"))
                .body("why", containsString("Best skin realism"))
                .body("alternatives.id", hasItems("gpt-image-2", "flux-2-pro"))
                .body("alternatives.id", not(hasItems("sdxl")));
    }

    @Test
    void recommendsACheapModelForIdeation() {
        recommend(Map.of("phase", "ideation", "needs", List.of("reference"), "plan", "free")).then()
                .statusCode(200)
                .body("model.id", equalTo("gemini-2.5-flash-image"))
                .body("needs", equalTo(List.of("reference")))
                .body("why", containsString("Cheapest"));
    }

    @Test
    void planDefaultsToFree() {
        recommend(Map.of("phase", "final", "needs", List.of("inpaint"))).then()
                .statusCode(200)
                .body("plan", equalTo("free"))
                .body("model.id", equalTo("flux-pro-fill"))
                // no provider is configured here: a paid plan's better model could not run either, so no upgrade is hinted
                .body("notes", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.not(containsString("needs plan"))));
    }

    @Test
    void noModelForTheNeedsOnThePlanIsAProblem() {
        assertProblem(recommend(Map.of("phase", "final", "needs", List.of("reference", "inpaint"), "plan", "free")).then(),
                422, "no-matching-model", "/models/recommend")
                .body("plan", equalTo("free"))
                .body("needs", equalTo(List.of("inpaint", "reference")));
    }

    @Test
    void missingOrUnknownPhaseIsAProblem() {
        assertProblem(recommend(Map.of("plan", "pro")).then(), 400, "missing-field", "/models/recommend")
                .body("field", equalTo("phase"));
        assertProblem(recommend(Map.of("phase", "draft")).then(), 400, "unknown-value", "/models/recommend")
                .body("field", equalTo("phase"))
                .body("allowed", equalTo(List.of("ideation", "final")));
    }

    @Test
    void unknownNeedOrPlanIsAProblem() {
        assertProblem(recommend(Map.of("phase", "final", "needs", List.of("upscale"))).then(), 400, "unknown-value", "/models/recommend")
                .body("field", equalTo("needs"))
                .body("allowed", equalTo(List.of("reference", "inpaint")));
        assertProblem(recommend(Map.of("phase", "final", "plan", "enterprise")).then(), 400, "unknown-value", "/models/recommend")
                .body("field", equalTo("plan"))
                .body("allowed", equalTo(List.of("free", "pro", "ultimate", "creator")));
    }

    @Test
    void needsMustBeAList() {
        assertProblem(recommend(Map.of("phase", "final", "needs", Map.of("a", 1))).then(), 400, "invalid-request", "/models/recommend");
    }
}
