package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.LocalStackResource;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Uploads are untrusted: refused from their header bytes, before anything decodes them. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class ImagesTest {
    private static String key;

    /** Not @BeforeAll: RestAssured points at the test's port only around test methods. */
    @BeforeEach
    void tenant() {
        if (key != null) {
            return;
        }
        key = Api.tenantAndKey()[1];
    }

    @Test
    void aPngIsStoredWithItsSizeAndHash() {
        byte[] png = Api.png(64, 48);
        String id = as(key).contentType("image/png").body(png).post("/v1/images").then().statusCode(201)
                .header("Location", containsString("/v1/images/img_"))
                .body("width", equalTo(64)).body("height", equalTo(48)).body("contentType", equalTo("image/png"))
                .body("sha256", matchesPattern("[0-9a-f]{64}")).extract().path("id");
        as(key).get("/v1/images/" + id).then().statusCode(200).body("bytes", equalTo(png.length));
        byte[] back = as(key).get("/v1/images/" + id + "/content").then().statusCode(200).contentType("image/png")
                .header("Cache-Control", containsString("immutable")).extract().asByteArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(png, back);
    }

    @Test
    void theTypeIsSniffedFromTheBytesNotTheHeader() {
        as(key).contentType("application/octet-stream").body(Api.png(10, 10)).post("/v1/images").then().statusCode(201)
                .body("contentType", equalTo("image/png"));
    }

    @Test
    void multipartUploadsWork() {
        as(key).multiPart("file", "face.png", Api.png(20, 30), "image/png").post("/v1/images").then().statusCode(201)
                .body("width", equalTo(20)).body("height", equalTo(30));
        as(key).multiPart("other", "face.png", Api.png(20, 30), "image/png").post("/v1/images").then().statusCode(400)
                .body("type", equalTo("https://realskin.io/problems/invalid-request"));
    }

    @Test
    void anOversizedBodyIs413() {
        byte[] big = new byte[30 * 1024 * 1024 + 10];
        byte[] png = Api.png(8, 8);
        System.arraycopy(png, 0, big, 0, png.length);
        // noFilters: the log-if-validation-fails filter would render these 30 MiB as text and can exhaust the test heap
        as(key).noFilters().contentType("image/png").body(big).post("/v1/images").then().statusCode(413)
                .contentType("application/problem+json").body("type", equalTo("https://realskin.io/problems/image-too-large"));
    }

    @Test
    void a20000x20000HeaderIs413WithoutDecoding() {
        as(key).contentType("image/png").body(pngHeader(20000, 20000)).post("/v1/images").then().statusCode(413)
                .body("type", equalTo("https://realskin.io/problems/image-too-large"))
                .body("detail", containsString("50 megapixels"));
    }

    @Test
    void aTruncatedImageIs415() {
        byte[] png = Api.png(64, 48);
        as(key).contentType("image/png").body(Arrays.copyOf(png, png.length - 20)).post("/v1/images").then().statusCode(415)
                .body("type", equalTo("https://realskin.io/problems/unsupported-image")).body("detail", containsString("truncated"));
    }

    @Test
    void somethingElseIs415() {
        as(key).contentType("image/png").body("<html>not an image</html>".getBytes(StandardCharsets.UTF_8)).post("/v1/images")
                .then().statusCode(415).body("type", equalTo("https://realskin.io/problems/unsupported-image"));
        as(key).contentType("image/png").body(new byte[0]).post("/v1/images").then().statusCode(400);
    }

    /** A PNG signature and IHDR claiming the size, then IEND: no pixel data at all. */
    static byte[] pngHeader(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        out.writeBytes(chunk("IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array()));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data)
                .putInt((int) crc.getValue()).array();
    }
}
