package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.GenerationRequest;
import io.realskin.contracts.ImageModels;
import io.realskin.contracts.Topics;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalStackResource;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Generate and inpaint jobs name models of the one table (contracts' ImageModels); the defaults come from it. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class ModelChoiceTest {

    @Test
    void aModelOutsideTheTableOrUnfitForTheJobIs400BeforeAnyHold() {
        String[] own = Api.tenantAndKey();
        String image = Api.upload(own[1]);
        as(own[1]).contentType("application/json").body("{\"type\":\"generate\",\"prompt\":\"p\",\"model\":\"dall-e-9\"}")
                .post("/v1/jobs").then().statusCode(400).body("type", equalTo("https://realskin.io/problems/invalid-request"))
                .body("detail", containsString("nano-banana-pro"));
        as(own[1]).contentType("application/json").body("{\"type\":\"skin-inpaint\",\"imageId\":\"" + image + "\",\"maskImageId\":\""
                + image + "\",\"model\":\"nano-banana-pro\"}").post("/v1/jobs").then().statusCode(400)
                .body("detail", containsString("cannot inpaint"));
        as(own[1]).contentType("application/json").body("{\"type\":\"generate\",\"prompt\":\"p\",\"model\":\"flux-pro-fill\"}")
                .post("/v1/jobs").then().statusCode(400).body("detail", containsString("only inpaints"));
        assertEquals(List.of(), Stubs.holdsOf(own[0]), "nothing was held");
    }

    @Test
    void theDefaultsAreTheTables() {
        String[] own = Api.tenantAndKey();
        String image = Api.upload(own[1]);
        String mask = Api.uploadMask(own[1]);
        String generate = as(own[1]).contentType("application/json").body("{\"type\":\"generate\",\"prompt\":\"a portrait\","
                + "\"enhancePrompt\":false}").post("/v1/jobs").then().statusCode(202).extract().path("id");
        String inpaint = as(own[1]).contentType("application/json").body("{\"type\":\"skin-inpaint\",\"imageId\":\"" + image
                + "\",\"maskImageId\":\"" + mask + "\"}").post("/v1/jobs").then().statusCode(202).extract().path("id");
        assertEquals(ImageModels.DEFAULT_GENERATE, published(generate).model());
        assertEquals(ImageModels.DEFAULT_INPAINT, published(inpaint).model());
        // an inpaint's prompt is optional: an empty one or one of only whitespace is none (it went to the provider as "")
        String blankPrompt = as(own[1]).contentType("application/json").body("{\"type\":\"skin-inpaint\",\"imageId\":\"" + image
                + "\",\"maskImageId\":\"" + mask + "\",\"prompt\":\" \\t\"}").post("/v1/jobs").then().statusCode(202).extract().path("id");
        assertEquals(published(inpaint).prompt(), published(blankPrompt).prompt());
    }

    /**
     * A free tenant's generate job without a model gets the best model its plan includes, flux-2-pro: the premium
     * default (nano-banana-pro) was refused 403 by billing, so a free tenant's plainest job never ran.
     */
    @Test
    void aFreeTenantsDefaultIsAModelItsPlanIncludes() {
        String tenant = Api.tenant("free");
        String key = Api.key(tenant, "jobs:write", "jobs:read");
        String generate = as(key).contentType("application/json").body("{\"type\":\"generate\",\"prompt\":\"a portrait\","
                + "\"enhancePrompt\":false}").post("/v1/jobs").then().statusCode(202).extract().path("id");
        assertEquals(ImageModels.DEFAULT_GENERATE_FREE, published(generate).model());
    }

    /**
     * A prompt of only characters that show nothing (no-break and other spaces, zero-width space, byte order mark, soft
     * hyphen, joiners, direction marks) is none, as one of ASCII spaces: a generate's is 400 naming it before any hold
     * (it was held and sent to the provider), an inpaint's takes the default (it went to the provider as sent).
     */
    @Test
    void aPromptThatShowsNothingIsNone() {
        String[] own = Api.tenantAndKey();
        String image = Api.upload(own[1]);
        String mask = Api.uploadMask(own[1]);
        String byDefault = published(as(own[1]).contentType("application/json").body("{\"type\":\"skin-inpaint\",\"imageId\":\""
                + image + "\",\"maskImageId\":\"" + mask + "\"}").post("/v1/jobs").then().statusCode(202).extract().path("id")).prompt();
        List<String> prompts = List.of("\\u00a0\\u200b", "\\u200b", "\\ufeff\\u00ad", "\\ufeff", "\\u00ad", "\\u2060", "\\u202f",
                "\\u3000", "\\u200d\\u200e", " \\u00a0\\n");
        for (String prompt : prompts) {
            as(own[1]).contentType("application/json").body("{\"type\":\"generate\",\"prompt\":\"" + prompt + "\"}").post("/v1/jobs")
                    .then().statusCode(400).body("type", equalTo("https://realskin.io/problems/invalid-request"))
                    .body("field", equalTo("prompt"));
        }
        List<String> inpainted = List.of("\\u200b", "\\ufeff\\u00ad", "\\u00a0\\u200b", "\\u200d\\u200e"); // a job each: a few
        for (String prompt : inpainted) {
            String inpaint = as(own[1]).contentType("application/json").body("{\"type\":\"skin-inpaint\",\"imageId\":\"" + image
                    + "\",\"maskImageId\":\"" + mask + "\",\"prompt\":\"" + prompt + "\"}").post("/v1/jobs").then().statusCode(202)
                    .extract().path("id");
            assertEquals(byDefault, published(inpaint).prompt(), prompt);
        }
        assertEquals(1 + inpainted.size(), Stubs.holdJobsOf(own[0]).size(), "the inpaints' holds only: no generate was held");
    }

    private static GenerationRequest published(String job) {
        List<KafkaProbe.Received> records = Events.await(Topics.GENERATION_REQUESTS, job, 1, Duration.ofSeconds(30));
        return EventJson.readEnvelope(records.get(0).value()).payloadAs(GenerationRequest.class);
    }
}
