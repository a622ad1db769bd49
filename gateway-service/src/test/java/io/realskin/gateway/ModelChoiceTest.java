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

    private static GenerationRequest published(String job) {
        List<KafkaProbe.Received> records = Events.await(Topics.GENERATION_REQUESTS, job, 1, Duration.ofSeconds(30));
        return EventJson.readEnvelope(records.get(0).value()).payloadAs(GenerationRequest.class);
    }
}
