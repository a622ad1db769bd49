package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static io.realskin.imaging.ProducerFiles.concat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.imaging.ProducerFiles;
import io.realskin.imaging.ProducerPngs;
import io.realskin.imaging.TestImages;
import io.realskin.imaging.TestPngs;
import io.realskin.local.LocalStackResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Uploads as cameras, phones and generators write them ({@link ProducerFiles}): taken with their metadata and what
 * follows the image, stored as sent; a format or coding the engine does not read refused by name, naming the formats
 * that are taken.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class ImageUploadsFromProducersTest {
    private static final String TAKEN = "send a JPEG, PNG, WebP or TIFF image";
    private static String key;

    @BeforeEach
    void tenant() {
        if (key == null) {
            key = Api.tenantAndKey()[1];
        }
    }

    /** Exif (orientation 6, GPS, thumbnail), XMP, a 500 KB ICC profile, C2PA, an MPF gain map and a motion photo's MP4. */
    @Test
    void aPhoneJpegIsStoredAsSentAndSizedUpright() {
        byte[] photo = TestImages.jpeg(640, 480, false, false, 0);
        byte[] metadata = concat(ProducerFiles.exif(6, false, TestImages.jpeg(160, 120, false, false, 0)),
                ProducerFiles.xmp(ProducerFiles.motionPhotoXmp(2_000_000)), ProducerFiles.iccSegments(500_000),
                ProducerFiles.c2paApp11(150_000));
        byte[] file = concat(ProducerFiles.withMpf(TestImages.insertAfterSoi(photo, metadata), TestImages.jpeg(320, 240, true, false, 0)),
                ProducerFiles.motionPhotoMp4(2_000_000));
        String id = as(key).contentType("image/jpeg").body(file).post("/v1/images").then().statusCode(201)
                .body("width", equalTo(480)).body("height", equalTo(640)).body("contentType", equalTo("image/jpeg"))
                .extract().path("id");
        byte[] back = as(key).get("/v1/images/" + id + "/content").then().statusCode(200).extract().asByteArray();
        assertArrayEquals(file, back, "the original, its metadata (GPS too) and trailing data included");
    }

    @Test
    void aSamsungJpegWithItsTrailerIsTaken() {
        byte[] file = concat(TestImages.jpeg(320, 240, false, true, 0), ProducerFiles.seftTrailer());
        as(key).contentType("image/jpeg").body(file).post("/v1/images").then().statusCode(201).body("width", equalTo(320));
    }

    /** ComfyUI's prompt and workflow (400 KB each) and C2PA's caBX before the image data, in a 16-bit PNG. */
    @Test
    void aGeneratorPngWithItsWorkflowAndContentCredentialsIsTaken() {
        byte[] png = ProducerPngs.beforeIdat(TestPngs.image(96, 64, 16, 2, false),
                ProducerPngs.text("prompt", ProducerPngs.comfyWorkflow(400_000)),
                ProducerPngs.text("workflow", ProducerPngs.comfyWorkflow(400_000)), ProducerPngs.cabx(200_000),
                ProducerPngs.exifChunk(1), ProducerPngs.iccp(3_000));
        as(key).contentType("image/png").body(png).post("/v1/images").then().statusCode(201)
                .body("width", equalTo(96)).body("height", equalTo(64));
    }

    @Test
    void formatsNotTakenAreNamedWithTheOnesThatAre() {
        for (String[] sent : new String[][] {{"heic", "HEIC"}, {"avif", "AVIF"}, {"mif1", "HEIF"}}) {
            refused(ProducerFiles.isoBmff(sent[0]), sent[1] + " is not accepted: " + TAKEN);
        }
        refused(ProducerFiles.gif(), "GIF is not accepted: " + TAKEN);
        refused("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "not an image format we know: " + TAKEN);
    }

    @Test
    void jpegCodingsTheEngineDoesNotReadAreNamed() {
        byte[] photo = TestImages.jpeg(64, 48, false, false, 0);
        refusedWith(ProducerFiles.withFrame(photo, 0xC1, 12), "JPEG not supported: 12-bit samples");
        refusedWith(ProducerFiles.withFrame(photo, 0xC9, 8), "JPEG not supported: arithmetic-coded");
    }

    private static void refused(byte[] body, String detail) {
        as(key).contentType("image/jpeg").body(body).post("/v1/images").then().statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("https://realskin.io/problems/unsupported-image")).body("detail", equalTo(detail));
    }

    private static void refusedWith(byte[] body, String detail) {
        as(key).contentType("image/jpeg").body(body).post("/v1/images").then().statusCode(415)
                .contentType("application/problem+json").body("detail", containsString(detail));
    }
}
