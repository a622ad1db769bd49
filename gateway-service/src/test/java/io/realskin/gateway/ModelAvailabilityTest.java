package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.ImageModels;
import io.realskin.local.LocalStackResource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A generate or skin-inpaint job whose model's provider is not configured (prompt-service's catalogue says it is not
 * {@code available}) is refused at submit and in a quote, 409 model-unavailable, before any credit hold; when the
 * catalogue cannot be read the job is accepted and generation-service decides (fail open).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class ModelAvailabilityTest {
    private static final String UNAVAILABLE = "https://realskin.io/problems/model-unavailable";

    @Test
    void aModelTheClientNamesWithoutItsProviderIsRefusedBeforeAnyHold() {
        String[] own = Api.tenantAndKey();
        String sdxl = "{\"type\":\"generate\",\"prompt\":\"a portrait\",\"model\":\"sdxl\",\"enhancePrompt\":false}";
        as(own[1]).contentType("application/json").body(sdxl).post("/v1/jobs").then().statusCode(409)
                .contentType(containsString("problem+json")).body("type", equalTo(UNAVAILABLE))
                .body("model", equalTo("sdxl")).body("provider", equalTo(ImageModels.STABILITY))
                .body("detail", containsString("not configured")).header("Retry-After", equalTo(null));
        as(own[1]).contentType("application/json").body(sdxl).post("/v1/jobs/quote").then().statusCode(409)
                .body("type", equalTo(UNAVAILABLE)).body("model", equalTo("sdxl"));
        assertEquals(List.of(), Stubs.holdsOf(own[0]), "nothing was held");
        assertEquals("[]", Stubs.priceRequestsOf(own[0]), "billing was not asked for a price");
    }

    @Test
    void theDefaultModelsAreCheckedToo() {
        String[] own = Api.tenantAndKey();
        String image = Api.upload(own[1]);
        Stubs.providerConfigured(ImageModels.GOOGLE, false);
        Stubs.providerConfigured(ImageModels.BFL, false);
        try {
            as(own[1]).contentType("application/json").body("{\"type\":\"generate\",\"prompt\":\"a portrait\",\"enhancePrompt\":false,"
                            + "\"texturePass\":{\"intensity\":\"auto\"}}")
                    .post("/v1/jobs").then().statusCode(409).body("type", equalTo(UNAVAILABLE))
                    .body("model", equalTo(ImageModels.DEFAULT_GENERATE)).body("provider", equalTo(ImageModels.GOOGLE));
            as(own[1]).contentType("application/json").body("{\"type\":\"skin-inpaint\",\"imageId\":\"" + image + "\",\"maskImageId\":\""
                            + image + "\"}")
                    .post("/v1/jobs").then().statusCode(409).body("type", equalTo(UNAVAILABLE))
                    .body("model", equalTo(ImageModels.DEFAULT_INPAINT)).body("provider", equalTo(ImageModels.BFL));
            assertEquals(List.of(), Stubs.holdsOf(own[0]), "nothing was held");
            // a model whose provider is configured still runs, the generate's texture pass (no model) included
            String job = as(own[1]).contentType("application/json").body("{\"type\":\"generate\",\"prompt\":\"a portrait\","
                            + "\"model\":\"gpt-image-2\",\"enhancePrompt\":false,\"texturePass\":{\"intensity\":\"auto\"}}")
                    .post("/v1/jobs").then().statusCode(202).extract().path("id");
            assertEquals("HELD", Stubs.hold(job));
        } finally {
            Stubs.providerConfigured(ImageModels.GOOGLE, true);
            Stubs.providerConfigured(ImageModels.BFL, true);
        }
        String inpaint = as(own[1]).contentType("application/json").body("{\"type\":\"skin-inpaint\",\"imageId\":\"" + image
                + "\",\"maskImageId\":\"" + Api.uploadMask(own[1]) + "\"}").post("/v1/jobs").then().statusCode(202).extract().path("id");
        assertEquals("HELD", Stubs.hold(inpaint), "with its provider's key the same job is held and accepted");
    }

    @Test
    void aQuoteOfAnAvailableModelIsPricedWithItsTexturePass() {
        String[] own = Api.tenantAndKey();
        as(own[1]).contentType("application/json").body("{\"type\":\"generate\",\"prompt\":\"a portrait\",\"model\":\"flux-2-pro\","
                        + "\"texturePass\":{\"intensity\":40}}")
                .post("/v1/jobs/quote").then().statusCode(200).body("allowed", equalTo(true))
                .body("steps.step", equalTo(List.of("job", "texture-pass"))).body("steps[0].model", equalTo("flux-2-pro"));
    }

    @Test
    void anUnreadableCatalogueRefusesNothing() {
        String[] own = Api.tenantAndKey();
        String sdxl = "{\"type\":\"generate\",\"prompt\":\"a portrait\",\"model\":\"sdxl\",\"enhancePrompt\":false}";
        Stubs.up("prompt", false);
        try {
            as(own[1]).contentType("application/json").body(sdxl).post("/v1/jobs/quote").then().statusCode(200)
                    .body("steps[0].model", equalTo("sdxl"));
            String job = as(own[1]).contentType("application/json").body(sdxl).post("/v1/jobs").then().statusCode(202)
                    .extract().path("id");
            assertEquals("HELD", Stubs.hold(job), "accepted as before: generation-service's provider_not_configured decides");
        } finally {
            Stubs.up("prompt", true);
        }
    }
}
