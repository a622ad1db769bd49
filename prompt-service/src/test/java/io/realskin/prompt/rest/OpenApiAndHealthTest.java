package io.realskin.prompt.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.ServiceKeysResource;
import io.realskin.local.ServiceTokenFilter;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import java.net.URL;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Every endpoint, its examples and its problem responses are in the OpenAPI document; metrics and health answer on the
 * management interface, and only there.
 */
@QuarkusTest
@QuarkusTestResource(ServiceKeysResource.class)
class OpenApiAndHealthTest {
    @BeforeAll
    static void callAsTheGateway() {
        RestAssured.replaceFiltersWith(new ServiceTokenFilter("prompt-service", "ten_test", "jobs:read"));
    }


    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @TestHTTPResource(value = "/health", management = true)
    URL health;

    @Test
    void everyEndpointIsDocumentedWithExamples() {
        given().queryParam("format", "json").when().get("/q/openapi").then()
                .statusCode(200)
                .body("info.title", equalTo("RealSkin prompt-service"))
                .body("paths", hasKey("/prompts/enhance"))
                .body("paths", hasKey("/prompts/lint"))
                .body("paths", hasKey("/models"))
                .body("paths", hasKey("/models/recommend"))
                .body("paths", hasKey("/advice"))
                .body("paths.'/prompts/enhance'.post.requestBody.content.'application/json'.examples", notNullValue())
                .body("paths.'/prompts/enhance'.post.responses.'200'.content.'application/json'.examples", notNullValue())
                .body("paths.'/prompts/enhance'.post.responses.'400'.content.'application/problem+json'.examples", hasKey("prompt-too-long"))
                .body("paths.'/prompts/lint'.post.responses.'200'.content.'application/json'.examples", notNullValue())
                .body("paths.'/models'.get.responses.'200'.content.'application/json'.examples", notNullValue())
                .body("paths.'/models/recommend'.post.requestBody.content.'application/json'.examples", hasKey("final render"))
                .body("paths.'/models/recommend'.post.responses.'422'.content.'application/problem+json'.examples", hasKey("no-matching-model"))
                .body("paths.'/advice'.post.requestBody.content.'application/json'.examples", notNullValue())
                .body("paths.'/advice'.post.responses.'200'.content.'application/json'.examples", notNullValue())
                .body("paths.'/advice'.post.responses.'400'.content.'application/problem+json'.examples", hasKey("unknown-value"))
                .body("components.schemas", hasKey("Problem"))
                .body("components.schemas", hasKey("ImageModel"));
    }

    @Test
    void ruleHitsAreCounted() {
        given().contentType("application/json").body("{\"prompt\": \"a stunning woman\"}").when().post("/prompts/enhance")
                .then().statusCode(200);
        given().when().get(metrics).then().statusCode(200)
                .body(containsString("realskin_prompt_rule_hits_total{kind=\"removed\",rule=\"abstract-praise\"}"))
                .body(containsString("realskin_prompt_risk_count{stage=\"after\"}"));
    }

    @Test
    void healthIsUp() {
        given().when().get(health + "/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get(health + "/live").then().statusCode(200);
    }

    @Test
    void theApplicationPortServesNeitherHealthNorMetrics() {
        given().when().get("/q/metrics").then().statusCode(404);
        given().when().get("/q/health/ready").then().statusCode(404);
    }
}
