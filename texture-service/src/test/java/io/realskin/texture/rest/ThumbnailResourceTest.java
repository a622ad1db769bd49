package io.realskin.texture.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.imaging.EmptyProgressiveJpegs;
import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.TestImages;
import io.realskin.local.LocalStackResource;
import io.realskin.local.ServiceKeys;
import io.realskin.local.ServiceTokenProbe;
import io.realskin.local.ServiceTokenProbe.Call;
import io.realskin.local.ServiceTokenFilter;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /texture/thumbnail against the real blob store: the gateway names the blob, texture-service reads it, admits the
 * untrusted bytes as an upload is admitted, and answers a small upright copy that is never enlarged.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ThumbnailResourceTest {
    private static final String TENANT = "ten_thumbs";
    private static final String PROBLEMS = "https://realskin.io/problems/";

    @Inject
    BlobStore blobs;

    @TestHTTPResource("/texture/thumbnail")
    URL endpoint;

    @BeforeAll
    static void callAsTheGateway() {
        RestAssured.replaceFiltersWith(new ServiceTokenFilter("texture-service", TENANT, "jobs:read"));
    }

    @Test
    void withoutTheGatewaysTokenAThumbnailIs401() {
        ServiceTokenProbe.assertRefused(ServiceKeys.shared(), "texture-service",
                Call.get(endpoint + "?key=images/" + TENANT + "/x&width=320"));
    }

    @Test
    void aLargeJpegComesBackAtTheWidthAskedWithItsAspectRatio() throws Exception {
        String key = store(TestImages.jpeg(2000, 1000, false, false, 0));
        Response answer = thumbnail(key, 320);
        answer.then().statusCode(200).contentType("image/jpeg").header("X-Thumbnail-Width", "320").header("X-Thumbnail-Height", "160");
        BufferedImage decoded = decode(answer.asByteArray());
        assertEquals(320, decoded.getWidth());
        assertEquals(160, decoded.getHeight());
    }

    @Test
    void anImageNarrowerThanAskedKeepsItsOwnSize() throws Exception {
        String key = store(png(100, 80, false));
        BufferedImage decoded = decode(thumbnail(key, 640).then().statusCode(200).contentType("image/jpeg").extract().asByteArray());
        assertEquals(100, decoded.getWidth(), "never enlarged");
        assertEquals(80, decoded.getHeight());
    }

    @Test
    void theExifOrientationIsAppliedSoTheThumbnailIsUpright() throws Exception {
        String key = store(TestImages.withExifOrientation6(TestImages.jpeg(400, 200, false, false, 0)));
        BufferedImage decoded = decode(thumbnail(key, 160).then().statusCode(200).extract().asByteArray());
        assertEquals(160, decoded.getWidth());
        assertEquals(320, decoded.getHeight());
    }

    @Test
    void aVeryTallImageIsHeldToFourTimesTheWidth() throws Exception {
        String key = store(png(200, 2000, false));
        thumbnail(key, 160).then().statusCode(200).header("X-Thumbnail-Width", "64").header("X-Thumbnail-Height", "640");
    }

    @Test
    void transparencyIsKeptAsPngAndAnOpaqueAlphaBecomesJpeg() throws Exception {
        byte[] cutOut = thumbnail(store(png(400, 300, true)), 160).then().statusCode(200).contentType("image/png").extract().asByteArray();
        BufferedImage decoded = decode(cutOut);
        assertEquals(160, decoded.getWidth());
        assertTrue(decoded.getColorModel().hasAlpha(), "the alpha channel is kept");
        assertEquals(0, decoded.getRGB(0, 0) >>> 24, "a transparent corner stays transparent");
        thumbnail(store(pngWithOpaqueAlpha(400, 300)), 160).then().statusCode(200).contentType("image/jpeg");
    }

    @Test
    void hostileOrBrokenBlobsAreProblemsNotCrashes() throws Exception {
        thumbnail(store("no image at all, just text".getBytes()), 320).then().statusCode(415)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "unsupported-image"));
        // a header claiming 40 000 x 40 000 pixels: refused from the header, nothing decoded
        thumbnail(store(TestImages.png(40_000, 40_000, 8, 2, true)), 320).then().statusCode(413)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "image-too-large"))
                .body("detail", containsString("40000x40000"));
        thumbnail(store(TestImages.cutAndClosed(TestImages.jpeg(600, 400, false, false, 0), 0.5)), 320).then().statusCode(415)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "unsupported-image"));
        // 0.5 MB of cheap progressive scans over a 7000x7000 frame: a pass over its blocks each (until 2026-12-06 rendered, 5 s)
        thumbnail(store(EmptyProgressiveJpegs.of(7000, 7000, 250)), 320).then().statusCode(415)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "unsupported-image"))
                .body("detail", containsString("scans that cover more than"));
        // 5,000 empty comments around a small image: each costs every reader (until 2026-12-06 rendered)
        thumbnail(store(TestImages.withEmptyComments(TestImages.jpeg(600, 400, false, false, 0), 5000)), 320).then().statusCode(415)
                .contentType("application/problem+json").body("detail", containsString("marker segments"));
        // a blob over the upload limit (the gateway stores none; the key is untrusted): refused by its stored size, unread
        long limit = ImageLimits.DEFAULT.maxBytes();
        String huge = store(new byte[(int) limit + 1]);
        thumbnail(huge, 320).then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "image-too-large"))
                .body("detail", equalTo("the image " + huge + " is " + (limit + 1) + " bytes, the limit is " + limit));
    }

    @Test
    void anotherTenantsKeyOrAMissingBlobIs404AndABadWidthIs400() throws Exception {
        String theirs = "images/ten_other/" + UUID.randomUUID();
        blobs.put(theirs, png(50, 50, false));
        thumbnail(theirs, 320).then().statusCode(404).contentType("application/problem+json").body("type", equalTo(PROBLEMS + "not-found"));
        thumbnail("images/" + TENANT + "/" + UUID.randomUUID(), 320).then().statusCode(404);
        thumbnail("images/" + TENANT + "/../ten_other/x", 320).then().statusCode(404);
        for (String bad : new String[] {"0", "-1", "4000", "wide", ""}) {
            given().queryParam("key", "images/" + TENANT + "/x").queryParam("width", bad).get("/texture/thumbnail").then().statusCode(400)
                    .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "invalid-request"));
        }
        given().queryParam("width", 320).get("/texture/thumbnail").then().statusCode(400).body("detail", equalTo("key is required"));
    }

    private static Response thumbnail(String key, int width) {
        return given().queryParam("key", key).queryParam("width", width).get("/texture/thumbnail");
    }

    private String store(byte[] bytes) throws IOException {
        String key = "images/" + TENANT + "/" + UUID.randomUUID();
        blobs.put(key, bytes);
        return key;
    }

    private static BufferedImage decode(byte[] bytes) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertTrue(image != null, "an image came back");
        return image;
    }

    /** A real PNG: a gradient; with alpha, its left quarter transparent. */
    static byte[] png(int width, int height, boolean alpha) throws IOException {
        BufferedImage image = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int a = alpha && x < width / 4 ? 0 : 255;
                image.setRGB(x, y, a << 24 | (x * 255 / width) << 16 | (y * 255 / height) << 8 | 90);
            }
        }
        return write(image);
    }

    private static byte[] pngWithOpaqueAlpha(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, 0xFF000000 | (x * 255 / width) << 16 | 0x4080);
            }
        }
        return write(image);
    }

    private static byte[] write(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
