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
import io.realskin.local.LocalStackResource;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.URL;
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
        as(key).contentType("image/png").body(png(20000, 20000, 8, 2)).post("/v1/images").then().statusCode(413)
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

    @Test
    void aBodyOverTheServerLimitIsTheImageTooLargeProblem() throws Exception {
        // as curl sends a large body: headers with Expect: 100-continue, then the body only after "100 Continue". The
        // answer must come first (on a plain socket: no client library's own handling of early answers in the way).
        String answer;
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(("POST /v1/images HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: image/png\r\nContent-Length: " + 32 * 1024 * 1024 + "\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // the server closes
        }
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/problem+json"), answer);
        assertTrue(answer.contains("\"type\":\"https://realskin.io/problems/image-too-large\""), answer);
    }

    @Test
    void aPngWithoutImageDataIsRefused() {
        as(key).contentType("image/png").body(pngHeader(64, 48)).post("/v1/images").then().statusCode(415)
                .contentType("application/problem+json").body("type", equalTo("https://realskin.io/problems/unsupported-image"));
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
        as(key).contentType("image/png").body(png(5000, 4000, 16, 6)).post("/v1/images").then().statusCode(413)
                .body("type", equalTo("https://realskin.io/problems/image-too-large"));
        // the same size in 8-bit RGB (60 MB) is taken
        as(key).contentType("image/png").body(png(5000, 4000, 8, 2)).post("/v1/images").then().statusCode(201);
    }

    /** A black image in a format Java's ImageIO writes (jpg, bmp). */
    private static byte[] imageIo(String format, int width, int height) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB), format, out);
        return out.toByteArray();
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

    /** A PNG whose header claims the size, bit depth and colour type, with a (token) compressed IDAT chunk. */
    static byte[] png(int width, int height, int bitDepth, int colourType) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        out.writeBytes(chunk("IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth)
                .put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0).array()));
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setInput(new byte[4096]);
        deflater.finish();
        byte[] idat = new byte[8192];
        int n = deflater.deflate(idat);
        out.writeBytes(chunk("IDAT", Arrays.copyOf(idat, n)));
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
