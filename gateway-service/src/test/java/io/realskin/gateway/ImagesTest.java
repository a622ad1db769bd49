package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.imaging.TestImages;
import io.realskin.local.LocalStackResource;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Uploads are untrusted: refused from their header bytes, before anything decodes them. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class ImagesTest {
    private static String key;

    @TestHTTPResource("/")
    URL base;

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
        var created = as(key).contentType("image/png").body(png).post("/v1/images").then().statusCode(201)
                .header("Location", containsString("/v1/images/img_"))
                .body("width", equalTo(64)).body("height", equalTo(48)).body("contentType", equalTo("image/png"))
                .body("sha256", matchesPattern("[0-9a-f]{64}")).extract();
        String id = created.path("id");
        // the upload's answer tells the createdAt the image keeps (it was the gateway's clock, ns, before the row's)
        as(key).get("/v1/images/" + id).then().statusCode(200).body("bytes", equalTo(png.length))
                .body("createdAt", equalTo(created.path("createdAt")));
        byte[] back = as(key).get("/v1/images/" + id + "/content").then().statusCode(200).contentType("image/png")
                .header("Cache-Control", containsString("immutable")).extract().asByteArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(png, back);
    }

    @Test
    void theTypeIsSniffedFromTheBytesNotTheHeader() {
        as(key).contentType("application/octet-stream").body(Api.png(10, 10)).post("/v1/images").then().statusCode(201)
                .body("contentType", equalTo("image/png"));
    }

    /** A plain HTTP client sends a body without a Content-Type: it is the raw image (RFC 9110, section 8.3). */
    @Test
    void anUntypedUploadIsTheRawImage() throws Exception {
        byte[] png = Api.png(12, 8);
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(base.toURI().resolve("/v1/images")).header("Authorization", "Bearer " + key)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(png)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        org.junit.jupiter.api.Assertions.assertEquals(201, answer.statusCode(), answer.body());
        org.junit.jupiter.api.Assertions.assertTrue(answer.body().contains("\"contentType\":\"image/png\""), answer.body());
    }

    @Test
    void multipartUploadsWork() {
        as(key).multiPart("file", "face.png", Api.png(20, 30), "image/png").post("/v1/images").then().statusCode(201)
                .body("width", equalTo(20)).body("height", equalTo(30));
        as(key).multiPart("other", "face.png", Api.png(20, 30), "image/png").post("/v1/images").then().statusCode(400)
                .body("type", equalTo("https://realskin.io/problems/invalid-request"));
    }

    /**
     * Two parts named file: one was stored and the other dropped without a word (201 for one image). Now 400, nothing
     * stored; a multipart upload's Idempotency-Key still replays by the file's bytes.
     */
    @Test
    void aMultipartBodyWithTwoFilesIsRefusedWhole() {
        String own = Api.tenantAndKey()[1];
        as(own).multiPart("file", "a.png", Api.png(20, 30), "image/png").multiPart("file", "b.png", Api.png(30, 20), "image/png")
                .post("/v1/images").then().statusCode(400).body("type", equalTo("https://realskin.io/problems/invalid-request"))
                .body("field", equalTo("file"));
        as(own).get("/v1/images").then().statusCode(200).body("items", org.hamcrest.Matchers.hasSize(0));
        String idempotencyKey = "multipart-" + System.nanoTime();
        String id = as(own).header("Idempotency-Key", idempotencyKey).multiPart("file", "a.png", Api.png(20, 30), "image/png")
                .post("/v1/images").then().statusCode(201).extract().path("id");
        as(own).header("Idempotency-Key", idempotencyKey).multiPart("file", "a.png", Api.png(20, 30), "image/png")
                .post("/v1/images").then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(id));
    }

    @Test
    void anOversizedBodyIs413() {
        byte[] big = new byte[30 * 1024 * 1024 + 10];
        byte[] png = Api.png(8, 8);
        System.arraycopy(png, 0, big, 0, png.length);
        Api.asUnlogged(key).contentType("image/png").body(big).post("/v1/images").then().statusCode(413)
                .contentType("application/problem+json").body("type", equalTo("https://realskin.io/problems/image-too-large"));
    }

    @Test
    void a20000x20000HeaderIs413WithoutDecoding() {
        as(key).contentType("image/png").body(TestImages.png(20000, 20000, 8, 2, true)).post("/v1/images").then().statusCode(413)
                .body("type", equalTo("https://realskin.io/problems/image-too-large"))
                .body("detail", containsString("50 megapixels"));
    }

    @Test
    void aTruncatedImageIs415() {
        byte[] png = Api.png(64, 48);
        as(key).contentType("image/png").body(Arrays.copyOf(png, png.length - 20)).post("/v1/images").then().statusCode(415)
                .body("type", equalTo("https://realskin.io/problems/unsupported-image")).body("detail", containsString("truncated"));
        // a JPEG cut short but closed with an EOI marker, which libjpeg decodes into gray with only a warning
        byte[] jpeg = TestImages.cutAndClosed(TestImages.jpeg(320, 240, false, false, 0), 0.5);
        as(key).contentType("image/jpeg").body(jpeg).post("/v1/images").then().statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("https://realskin.io/problems/unsupported-image"))
                .body("detail", equalTo("the JPEG data is truncated"));
    }

    @Test
    void somethingElseIs415() {
        as(key).contentType("image/png").body("<html>not an image</html>".getBytes(StandardCharsets.UTF_8)).post("/v1/images")
                .then().statusCode(415).body("type", equalTo("https://realskin.io/problems/unsupported-image"));
        as(key).contentType("image/png").body(new byte[0]).post("/v1/images").then().statusCode(400);
    }

    @Test
    void aBodyOverTheServerLimitIsTheImageTooLargeProblem() throws Exception {
        // as curl sends a large body: headers with Expect: 100-continue, then the body only after "100 Continue". The
        // answer must come first (on a plain socket: no client library's own handling of early answers in the way).
        String answer;
        try (Socket socket = RawHttp.sendHead(base, "POST /v1/images HTTP/1.1", "Authorization: Bearer " + key,
                "Content-Type: image/png", "Content-Length: " + 32 * 1024 * 1024, "Expect: 100-continue")) {
            answer = RawHttp.readOneResponse(socket.getInputStream()); // the server may keep the connection open
        }
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/problem+json"), answer);
        assertTrue(answer.contains("\"type\":\"https://realskin.io/problems/image-too-large\""), answer);
    }

    @Test
    void aPngWithoutImageDataIsRefused() {
        as(key).contentType("image/png").body(TestImages.png(64, 48, 8, 2, false)).post("/v1/images").then().statusCode(415)
                .contentType("application/problem+json").body("type", equalTo("https://realskin.io/problems/unsupported-image"));
    }

    @Test
    void aPngLibpngWouldNotDecodeIsRefusedAtUpload() {
        // 1 MP, under every size limit, but a side over libpng's 1,000,000: the worker's decoder would refuse it
        as(key).contentType("image/png").body(TestImages.png(1_000_001, 1, 8, 2, true)).post("/v1/images").then().statusCode(415)
                .contentType("application/problem+json").body("type", equalTo("https://realskin.io/problems/unsupported-image"))
                .body("detail", containsString("libpng takes sides of 1 to 1000000"));
        as(key).contentType("image/png").body(TestImages.png(64, 48, 4, 2, true)).post("/v1/images").then().statusCode(415)
                .body("detail", containsString("IHDR colour type 2 with bit depth 4"));
    }

    @Test
    void aJpegOfMoreScansThanDecodersShouldPassOverIsRefusedAtUpload() {
        // under every size limit, but each scan is a pass over the image in any decoder: the limit keeps such files off the workers
        byte[] manyScans = TestImages.withFirstScanRepeated(TestImages.jpeg(320, 240, false, true, 0), io.realskin.imaging.jpeg.JpegDecoder.MAX_SCANS);
        as(key).contentType("image/jpeg").body(manyScans).post("/v1/images").then().statusCode(415)
                .body("type", equalTo("https://realskin.io/problems/unsupported-image"))
                .body("detail", containsString("more than 256 scans"));
    }

    @Test
    void aHeaderOnlyTiffIsRefused() {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 2 * 12 + 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) 2);
        tiff.putShort((short) 256).putShort((short) 3).putInt(1).putShort((short) 640).putShort((short) 0);
        tiff.putShort((short) 257).putShort((short) 3).putInt(1).putShort((short) 480).putShort((short) 0);
        tiff.putInt(0);
        as(key).contentType("image/tiff").body(tiff.array()).post("/v1/images").then().statusCode(415)
                .body("type", equalTo("https://realskin.io/problems/unsupported-image"));
    }

    @Test
    void bmpIsNotADocumentedFormat() throws Exception {
        as(key).contentType("image/bmp").body(imageIo("bmp", 16, 16)).post("/v1/images").then().statusCode(415)
                .body("type", equalTo("https://realskin.io/problems/unsupported-image"));
    }

    @Test
    void aJpegIsSizedByItsFirstFrameAndASecondFrameIsRefused() throws Exception {
        byte[] small = imageIo("jpg", 16, 16);
        // a baseline frame header claiming 20000x20000, three components, put before the real (16x16) one
        byte[] huge = {(byte) 0xFF, (byte) 0xC0, 0, 17, 8, (byte) 0x4E, 0x20, (byte) 0x4E, 0x20, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1};
        byte[] twoFrames = new byte[small.length + huge.length];
        System.arraycopy(small, 0, twoFrames, 0, 2);
        System.arraycopy(huge, 0, twoFrames, 2, huge.length);
        System.arraycopy(small, 2, twoFrames, 2 + huge.length, small.length - 2);
        int status = as(key).contentType("image/jpeg").body(twoFrames).post("/v1/images").then()
                .contentType("application/problem+json").extract().statusCode();
        assertTrue(status == 413 || status == 415, "refused, not stored: " + status);
    }

    @Test
    void aSixteenBitImageIsBudgetedByItsDecodedSize() {
        // 5000x4000 = 20 MP (under 50 MP), but 16-bit RGBA decodes to 160 MB: over the 3 bytes per pixel of 50 MP
        as(key).contentType("image/png").body(TestImages.png(5000, 4000, 16, 6, true)).post("/v1/images").then().statusCode(413)
                .body("type", equalTo("https://realskin.io/problems/image-too-large"));
        // the same size in 8-bit RGB (60 MB) is taken
        as(key).contentType("image/png").body(TestImages.png(5000, 4000, 8, 2, true)).post("/v1/images").then().statusCode(201);
    }

    /** A black image in a format Java's ImageIO writes (jpg, bmp). */
    private static byte[] imageIo(String format, int width, int height) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB), format, out);
        return out.toByteArray();
    }

    /** The head, then as many body bytes as its Content-Length says (all of them until close when it says none). */
}
