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
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@QuarkusTestResource(ServiceKeysResource.class)
class AdviceResourceTest {
    @BeforeAll
    static void callAsTheGateway() {
        RestAssured.replaceFiltersWith(new ServiceTokenFilter("prompt-service", "ten_test", "jobs:read"));
    }


    private static Response advise(Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/advice");
    }

    @Test
    void generating() {
        advise(Map.of("stage", "generating", "plan", "pro")).then()
                .statusCode(200)
                .body("stage", equalTo("generating"))
                .body("fixes.id", equalTo(List.of("model-choice", "prompt-texture", "verify")))
                .body("fixes.order", equalTo(List.of(1, 2, 3)))
                .body("fixes[0].apiCall.body.model", equalTo("nano-banana-pro"))
                .body("fixes[1].apiCall.call", equalTo("POST /v1/prompts/enhance {\"prompt\":\"{prompt}\",\"model\":\"nano-banana-pro\"}"))
                .body("avoid", hasSize(3));
    }

    @Test
    void haveImageAllFaces() {
        advise(Map.of("stage", "have-image", "facesAffected", "all")).then()
                .statusCode(200)
                .body("facesAffected", equalTo("all"))
                .body("fixes.id", equalTo(List.of("texture-restore", "verify")))
                .body("fixes[0].apiCall.call", equalTo("POST /v1/jobs {\"type\":\"texture-restore\",\"imageId\":\"{imageId}\",\"intensity\":40}"))
                .body("fixes[1].apiCall.call", equalTo("GET /v1/images/{imageId}/analysis"));
    }

    @Test
    void haveImageSomeFaces() {
        advise(Map.of("stage", "have-image", "facesAffected", "some", "sourceQuality", "good")).then()
                .statusCode(200)
                .body("fixes.id", equalTo(List.of("local-texture-restore", "skin-inpaint", "verify")))
                .body("fixes[1].apiCall.body.type", equalTo("skin-inpaint"))
                .body("fixes[1].apiCall.body.maskImageId", equalTo("{maskImageId}"));
    }

    @Test
    void pipelineWithALowResReference() {
        advise(Map.of("stage", "pipeline", "sourceQuality", "low-res", "plan", "free")).then()
                .statusCode(200)
                .body("sourceQuality", equalTo("low-res"))
                .body("fixes.id", equalTo(List.of("reference-cleanup", "reference-texture", "reference-texture-restore", "verify")))
                .body("fixes[0].apiCall.body.type", equalTo("source-restore"))
                .body("fixes[0].apiCall.body.upscale", equalTo(2))
                .body("fixes[1].apiCall.body.referenceImages[0].weight", equalTo(0.5f))
                .body("fixes[1].apiCall.body.consent", equalTo(true))
                .body("fixes[1].why", containsString("0.4-0.6"));
    }

    @Test
    void missingOrUnknownStageIsAProblem() {
        assertProblem(advise(Map.of("facesAffected", "all")).then(), 400, "missing-field", "/advice").body("field", equalTo("stage"));
        assertProblem(advise(Map.of("stage", "editing")).then(), 400, "unknown-value", "/advice")
                .body("field", equalTo("stage"))
                .body("allowed", equalTo(List.of("generating", "have-image", "pipeline")));
    }

    @Test
    void unknownFacesQualityOrPlanIsAProblem() {
        assertProblem(advise(Map.of("stage", "have-image", "facesAffected", "most")).then(), 400, "unknown-value", "/advice")
                .body("field", equalTo("facesAffected"));
        assertProblem(advise(Map.of("stage", "pipeline", "sourceQuality", "blurry")).then(), 400, "unknown-value", "/advice")
                .body("field", equalTo("sourceQuality"));
        assertProblem(advise(Map.of("stage", "pipeline", "plan", "gold")).then(), 400, "unknown-value", "/advice")
                .body("field", equalTo("plan"));
    }
}
