package io.realskin.texture.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.imaging.TestImages;
import io.realskin.local.LocalStackResource;
import io.realskin.local.ServiceKeys;
import io.realskin.local.ServiceTokenFilter;
import io.realskin.local.ServiceTokenProbe;
import io.realskin.local.ServiceTokenProbe.Call;
import io.realskin.texture.engine.TextureProfile;
import io.realskin.texture.json.TextureJson;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /texture/profile against the real blob store: the gateway names a tenant's reference photo, texture-service reads
 * it, admits the untrusted bytes as an upload is admitted, and answers the engine's profile document; a photo without a
 * measurable face is 422 reference-without-face.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ProfileResourceTest {
    private static final String TENANT = "ten_profiles";
    private static final String PROBLEMS = "https://realskin.io/problems/";

    @Inject
    BlobStore blobs;

    @TestHTTPResource("/texture/profile")
    URL endpoint;

    @BeforeAll
    static void callAsTheGateway() {
        RestAssured.replaceFiltersWith(new ServiceTokenFilter("texture-service", TENANT, "jobs:write"));
    }

    @Test
    void withoutTheGatewaysTokenAProfileIs401() {
        ServiceTokenProbe.assertRefused(ServiceKeys.shared(), "texture-service", Call.get(endpoint + "?key=images/" + TENANT + "/x"));
    }

    @Test
    void aPortraitGivesTheEnginesProfileDocument() throws Exception {
        Response answer = profile(store(fixture("/fixtures/real_cc0avatar__047.jpg")));
        answer.then().statusCode(200).contentType("application/json").body("version", equalTo(TextureJson.PROFILE_VERSION))
                .body("faces", greaterThanOrEqualTo(1)).body("radialSpectrum", hasSize(16)).body("noiseVsLuminance", hasSize(8));
        TextureProfile read = TextureJson.readProfile(answer.asString()); // what a reference job reads back
        assertTrue(read.fineOverContrast() > 0 && read.faces() >= 1, "a usable profile: " + answer.asString());
    }

    @Test
    void aPhotoWithoutAMeasurableFaceIs422() throws Exception {
        profile(store(ThumbnailResourceTest.png(640, 480, false))).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "reference-without-face"));
    }

    @Test
    void hostileBlobsAreProblemsAndOnlyTheTenantsOwnKeysAreRead() throws Exception {
        profile(store("no image at all".getBytes())).then().statusCode(415).body("type", equalTo(PROBLEMS + "unsupported-image"));
        profile(store(TestImages.png(40_000, 40_000, 8, 2, true))).then().statusCode(413)
                .body("type", equalTo(PROBLEMS + "image-too-large"));
        String theirs = "images/ten_other/" + UUID.randomUUID();
        blobs.put(theirs, fixture("/fixtures/real_cc0avatar__047.jpg"));
        profile(theirs).then().statusCode(404).body("type", equalTo(PROBLEMS + "not-found"));
        profile("images/" + TENANT + "/" + UUID.randomUUID()).then().statusCode(404);
        profile("images/" + TENANT + "/../ten_other/x").then().statusCode(404);
        given().get("/texture/profile").then().statusCode(400).body("detail", equalTo("key is required"));
    }

    private static Response profile(String key) {
        return given().queryParam("key", key).get("/texture/profile");
    }

    private String store(byte[] bytes) throws IOException {
        String key = "images/" + TENANT + "/" + UUID.randomUUID();
        blobs.put(key, bytes);
        return key;
    }

    private static byte[] fixture(String resource) throws IOException {
        try (InputStream in = ProfileResourceTest.class.getResourceAsStream(resource)) {
            assertTrue(in != null, resource);
            return in.readAllBytes();
        }
    }
}
