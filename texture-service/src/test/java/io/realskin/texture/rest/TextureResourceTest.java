package io.realskin.texture.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.imaging.TestImages;
import io.realskin.imaging.TestPngs;
import io.realskin.local.HostileRequestProbe;
import io.realskin.local.LocalStackResource;
import io.realskin.local.ServiceKeys;
import io.realskin.local.ServiceTokenFilter;
import io.realskin.local.ServiceTokenProbe;
import io.realskin.local.ServiceTokenProbe.Call;
import io.restassured.RestAssured;
import java.io.InputStream;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class TextureResourceTest {
    private static final String PORTRAIT = "/fixtures/ai_iclight__i7.jpg";

    @TestHTTPResource("/")
    URL base;

    @TestHTTPResource("/texture/analyze")
    URL analyze;

    @TestHTTPResource("/texture/preview")
    URL preview;

    @BeforeAll
    static void callAsTheGateway() {
        RestAssured.replaceFiltersWith(new ServiceTokenFilter("texture-service", "ten_test", "jobs:write"));
    }

    @Test
    void withoutTheGatewaysTokenThePreviewAndTheAnalysisAre401() {
        ServiceTokenProbe.assertRefused(ServiceKeys.shared(), "texture-service", Call.post(preview.toString(), "{}"));
        ServiceTokenProbe.assertRefused(ServiceKeys.shared(), "texture-service", Call.post(analyze.toString(), "{}"));
    }

    /**
     * A Content-Type or Accept that is no media type, a coded body or one that is no image, on every route: a 4xx problem
     * with the token, 401 without one, nothing logged at ERROR (docs/security.md).
     */
    @Test
    void hostileHeadersAndBodiesAreA4xxProblemOnEveryRouteAnd401WithoutAToken() {
        String bearer = ServiceKeys.shared().bearer("texture-service", "ten_test", "jobs:write");
        assertEquals(List.of(), HostileRequestProbe.wrongAnswers(base.toString(), bearer, ServiceKeys.shared(), "texture-service"));
    }

    @Test
    void previewReturnsTheRestoredImageWithItsScores() throws Exception {
        byte[] out = given().contentType("image/jpeg").body(fixture(PORTRAIT)).queryParam("intensity", 60)
                .when().post("/texture/preview")
                .then().statusCode(200).contentType("image/jpeg")
                .header("X-Plastic-Score-Before", notNullValue()).header("X-Plastic-Score-After", notNullValue())
                .header("X-Faces", "1").header("X-Face-Intensities", "60")
                .extract().asByteArray();
        assertTrue(out.length > 10_000 && (out[0] & 0xFF) == 0xFF && (out[1] & 0xFF) == 0xD8, "a JPEG came back");
    }

    @Test
    void previewTakesAutoIntensityAndSaysTheLevelChosen() throws Exception {
        given().contentType("image/jpeg").body(fixture(PORTRAIT)).queryParam("intensity", "auto")
                .when().post("/texture/preview")
                .then().statusCode(200).contentType("image/jpeg").header("X-Faces", "1")
                .header("X-Face-Intensities", matchesPattern("[0-9]{1,3}"));
    }

    @Test
    void analyzeReturnsTheEnginesScoreDocument() throws Exception {
        given().contentType("image/jpeg").body(fixture(PORTRAIT))
                .when().post("/texture/analyze")
                .then().statusCode(200).contentType("application/json")
                .body("width", equalTo(1024)).body("height", equalTo(1536))
                .body("faces.size()", greaterThanOrEqualTo(1)).body("plasticScore", notNullValue())
                .body("skinFraction", notNullValue());
    }

    @Test
    void anIntensityOutOfRangeIsAProblem() throws Exception {
        for (String bad : new String[] {"101", "high", "-1", "40.5"}) {
            given().contentType("image/jpeg").body(fixture(PORTRAIT)).queryParam("intensity", bad)
                    .when().post("/texture/preview")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("https://realskin.io/problems/invalid-request")).body("status", equalTo(400))
                    .body("field", equalTo("intensity")).body("detail", containsString("0..100 or \"auto\""));
        }
    }

    @Test
    void bytesThatAreNoImageAreAProblem() {
        given().contentType("image/jpeg").body("just some text, long enough".getBytes())
                .when().post("/texture/analyze")
                .then().statusCode(415).contentType("application/problem+json")
                .body("type", equalTo("https://realskin.io/problems/unsupported-image"));
    }

    @Test
    void anImageAboveTwoMegapixelsIsRefusedFromItsHeader() {
        given().contentType("image/png").body(TestImages.png(2000, 1500))
                .when().post("/texture/preview")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://realskin.io/problems/image-too-large"))
                .body("detail", containsString("2000x1500"));
    }

    /** The size is checked before the data is read: a corrupt JPEG announcing 3 MP is too large, not unreadable. */
    @Test
    void aJpegHeaderAboveTwoMegapixelsIsRefusedBeforeItsScansAreRead() {
        given().contentType("image/jpeg").body(TestImages.oversizedHeaderOverCorruptData(2000, 1500))
                .when().post("/texture/preview")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://realskin.io/problems/image-too-large"))
                .body("detail", containsString("2000x1500"));
    }

    /** The format is read from the bytes (docs/api.md: the Content-Type is not trusted), and the answer says which it was. */
    @Test
    void theBytesDecideTheFormatNotTheDeclaredContentType() {
        given().contentType("image/jpeg").body(TestPngs.image(64, 48, 8, 2, false))
                .when().post("/texture/preview")
                .then().statusCode(200).contentType("image/png");
        given().contentType("image/png").body(TestImages.jpeg(64, 48, false, false, 0))
                .when().post("/texture/preview")
                .then().statusCode(200).contentType("image/jpeg");
        given().contentType("image/webp").body(TestImages.oversizedHeaderOverCorruptData(2000, 1500))
                .when().post("/texture/preview")
                .then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void anEmptyBodyIsAProblem() {
        given().contentType("image/jpeg").body(new byte[0])
                .when().post("/texture/preview")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void theOpenApiDocumentDescribesBothEndpoints() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body(containsString("/texture/preview")).body(containsString("/texture/analyze"))
                .body(containsString("application/problem+json"));
    }

    private static byte[] fixture(String resource) throws Exception {
        try (InputStream in = TextureResourceTest.class.getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    /** A PNG signature and IHDR claiming the size; no pixels follow (the limit applies before decoding). */
}
