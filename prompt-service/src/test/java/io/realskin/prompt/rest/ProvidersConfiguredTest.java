package io.realskin.prompt.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.ServiceKeysResource;
import io.realskin.local.ServiceTokenFilter;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/** A model is available exactly when its provider has a key; the key itself never appears. */
@QuarkusTest
@QuarkusTestResource(ServiceKeysResource.class)
@TestProfile(ProvidersConfiguredTest.OpenAiConfigured.class)
class ProvidersConfiguredTest {
    @BeforeAll
    static void callAsTheGateway() {
        RestAssured.replaceFiltersWith(new ServiceTokenFilter("prompt-service", "ten_test", "jobs:read"));
    }


    static final String SECRET = "sk-test-do-not-leak-0123456789";

    /** As if OPENAI_API_KEY were set. */
    public static class OpenAiConfigured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("realskin.providers.openai.api-key", SECRET);
        }
    }

    @Test
    void onlyTheConfiguredProvidersModelsAreAvailable() {
        given().when().get("/models").then()
                .statusCode(200)
                .body("models.find { it.id == 'gpt-image-2' }.available", equalTo(true))
                .body("models.find { it.id == 'nano-banana-pro' }.available", equalTo(false))
                .body("models.find { it.id == 'flux-2-pro' }.available", equalTo(false))
                .body(not(containsString(SECRET)));
    }

    @Test
    void recommendationPrefersAnAvailableModel() {
        given().contentType(ContentType.JSON).body(Map.of("phase", "final", "plan", "pro")).when().post("/models/recommend").then()
                .statusCode(200)
                .body("model.id", equalTo("gpt-image-2"))
                .body("model.available", equalTo(true));
    }
}
