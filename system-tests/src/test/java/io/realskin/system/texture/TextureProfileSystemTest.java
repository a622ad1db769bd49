package io.realskin.system.texture;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realskin.local.LocalDeployment;
import io.realskin.system.FacelessImage;
import io.realskin.system.RealSkinSystem;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A texture profile end to end, every service its own JVM: the gateway asks texture-service for a reference photo's
 * profile, keeps it, the photo is deleted, and a restore toward the profile still completes (texture-service reads the
 * kept document from the blob store).
 */
class TextureProfileSystemTest {
    private static LocalDeployment system;

    @BeforeAll
    static void start() {
        system = RealSkinSystem.get();
    }

    private static RequestSpecification gateway() {
        return given().baseUri(RealSkinSystem.gateway()).header("Authorization", "Bearer " + system.adminKey());
    }

    @Test
    void aProfileOutlivesItsPhotoAndARestoreTowardItCompletes() throws Exception {
        byte[] portrait;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/portrait.jpg")) {
            portrait = in.readAllBytes();
        }
        String photo = gateway().contentType("image/png").body(FacelessImage.png(320)).post("/v1/images").then().statusCode(201).extract().path("id");
        gateway().contentType("application/json").body("{\"imageId\":\"" + photo + "\",\"consent\":true}").post("/v1/texture-profiles")
                .then().statusCode(422).body("type", equalTo("https://realskin.io/problems/reference-without-face"));

        String reference = gateway().contentType("image/jpeg").body(portrait).post("/v1/images").then().statusCode(201).extract().path("id");
        String profile = gateway().contentType("application/json")
                .body("{\"imageId\":\"" + reference + "\",\"consent\":true,\"name\":\"studio grain\"}").post("/v1/texture-profiles")
                .then().log().ifValidationFails().statusCode(201).body("profile.faces", greaterThanOrEqualTo(1))
                .body("name", equalTo("studio grain")).extract().path("id");
        gateway().delete("/v1/images/" + reference).then().statusCode(204); // only the statistics are kept

        String target = gateway().contentType("image/jpeg").body(portrait).post("/v1/images").then().statusCode(201).extract().path("id");
        String job = gateway().header("Prefer", "wait=60").contentType("application/json")
                .body("{\"type\":\"texture-restore\",\"imageId\":\"" + target + "\",\"profileId\":\"" + profile + "\"}")
                .post("/v1/jobs").then().log().ifValidationFails().statusCode(anyOf(is(200), is(202))).extract().path("id");
        JsonPath ended = RealSkinSystem.awaitJobEnd("Bearer " + system.adminKey(), job);
        assertEquals("completed", ended.getString("status"), ended.prettify());
        gateway().get("/v1/texture-profiles/" + profile).then().statusCode(200).body("sourceImageId", equalTo(reference));
    }
}
