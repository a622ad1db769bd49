package io.realskin.texture.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.FailureCodes;
import io.realskin.contracts.TextureOperation;
import io.realskin.contracts.TextureRequest;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.imaging.TestImages;
import io.realskin.texture.engine.TextureEngine;
import io.realskin.texture.json.TextureJson;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worker's processor on the real engine: the five operations and the failures they map to. */
class EngineTextureProcessorTest {
    private static final String TENANT = "ten_processor";
    private static TextureEngine engine;
    private static EngineTextureProcessor processor;
    private static byte[] portrait;
    private static byte[] reference;

    @BeforeAll
    static void load() throws Exception {
        engine = new TextureEngine();
        processor = new EngineTextureProcessor(engine, new TextureWorkerPool(TextureWorkerPoolTest.threads(1)), new SourceRestoreHeap(1L << 30));
        portrait = fixture("/fixtures/ai_iclight__i7.jpg");
        reference = fixture("/fixtures/real_cc0avatar__047.jpg");
    }

    @Test
    void restoreReportsStagesScoresAndMaskedFraction() {
        List<String> stages = new ArrayList<>();
        var result = processor.process(TENANT, request(TextureOperation.RESTORE, 50), inputs(portrait, null, null, null),
                (stage, percent) -> stages.add(stage + "@" + percent));
        assertEquals(List.of("detection@5", "synthesis@30", "encode@85", "locality@95"), stages);
        assertEquals("image/jpeg", result.contentType());
        assertEquals(".jpg", result.extension());
        assertEquals(1024, result.width());
        assertEquals(1536, result.height());
        assertNotNull(result.plasticScoreBefore());
        assertNotNull(result.plasticScoreAfter());
        assertTrue(result.plasticScoreAfter() < result.plasticScoreBefore(),
                "an AI portrait restored at 50 % is less plastic: " + result.plasticScoreBefore() + " -> " + result.plasticScoreAfter());
        assertTrue(result.maskedFraction() > 0 && result.maskedFraction() < 1, "masked " + result.maskedFraction());
        assertNull(result.analysis());
        assertEquals(50, result.faceRestores().get(0).get("intensity").asInt());
        assertTrue(result.locality().get("identical").asBoolean(), result.locality().toString());
        assertTrue(result.locality().get("changedPixels").asLong() > 0);
        assertEquals(4, result.locality().get("boxes").get(0).size());
        assertEquals(64, result.locality().get("sha256After").asText().length());
    }

    @Test
    void aRestoreIsWrittenInTheFormatAskedForOrElseTheInputs() {
        var png = new TextureRequest(TextureOperation.RESTORE, "images/t/x", null, null, null, 50, 7L, null, null, null,
                TextureRequest.PNG);
        var asPng = processor.process(TENANT, png, inputs(portrait, null, null, null), (s, p) -> { });
        assertEquals("image/png", asPng.contentType());
        assertEquals(".png", asPng.extension());
        assertEquals(0x89, asPng.bytes()[0] & 0xFF, "a PNG signature");
        assertEquals('P', asPng.bytes()[1]);
        // lossless: every pixel outside the reworked area is the input's, and the score after is the engine's own
        assertTrue(asPng.locality().get("identical").asBoolean(), asPng.locality().toString());
        var asInput = processor.process(TENANT, request(TextureOperation.RESTORE, 50), inputs(portrait, null, null, null), (s, p) -> { });
        assertEquals("image/jpeg", asInput.contentType());
        var jpeg = new TextureRequest(TextureOperation.RESTORE, "images/t/x", null, null, null, 50, 7L, null, null, null,
                TextureRequest.JPEG);
        assertEquals("image/jpeg", processor.process(TENANT, jpeg, inputs(portrait, null, null, null), (s, p) -> { }).contentType());
    }

    @Test
    void autoIntensityLetsTheEngineChooseAndReportEachFacesLevel() {
        var request = new TextureRequest(TextureOperation.RESTORE, "images/t/x", null, null, null, null, 7L, null, null, true);
        var result = processor.process(TENANT, request, inputs(portrait, null, null, null), (s, p) -> { });
        var face = result.faceRestores().get(0);
        assertTrue(face.get("skipped").isNull() ? face.get("intensity").asInt() > 0 : face.get("intensity").asInt() == 0,
                "a restored face reports the level chosen, a skipped one 0: " + face);
        assertTrue(face.get("target").asDouble() > 0, face.toString());
        assertTrue(result.locality().get("identical").asBoolean());
    }

    @Test
    void localRestoreWorksOnlyInsideTheMask() throws Exception {
        byte[] emptyMask = png(1024, 1536, false);
        var untouched = processor.process(TENANT, request(TextureOperation.LOCAL, 50), inputs(portrait, emptyMask, null, null), (s, p) -> { });
        assertEquals(0.0, untouched.maskedFraction(), "an all-black mask allows no change");
        assertArrayEquals(portrait, untouched.bytes(), "nothing outside the mask changes");
        assertEquals(0, untouched.locality().get("changedPixels").asLong());
        assertEquals(0, untouched.locality().get("boxes").size());
        assertEquals(untouched.locality().get("sha256Before"), untouched.locality().get("sha256After"));
        assertEquals("outside-mask", untouched.faceRestores().get(0).get("skipped").asText());

        var full = processor.process(TENANT, request(TextureOperation.LOCAL, 50), inputs(portrait, png(1024, 1536, true), null, null), (s, p) -> { });
        assertTrue(full.maskedFraction() > 0, "an all-white mask allows the restore");
    }

    @Test
    void referenceRestoreTakesAPhotographOrASavedProfile() {
        var byPhoto = processor.process(TENANT, request(TextureOperation.REFERENCE, 50), inputs(portrait, null, reference, null), (s, p) -> { });
        assertTrue(byPhoto.maskedFraction() > 0);
        byte[] profile = TextureJson.writeProfile(engine.profile(reference)).getBytes(StandardCharsets.UTF_8);
        var byProfile = processor.process(TENANT, request(TextureOperation.REFERENCE, 50), inputs(portrait, null, null, profile), (s, p) -> { });
        assertArrayEquals(byPhoto.bytes(), byProfile.bytes(), "the saved profile gives the photograph's result");
    }

    @Test
    void aReferenceRestoreWithAMaskWorksOnlyInsideIt() throws Exception {
        byte[] profile = TextureJson.writeProfile(engine.profile(reference)).getBytes(StandardCharsets.UTF_8);
        byte[] emptyMask = png(1024, 1536, false);
        var byProfile = processor.process(TENANT, request(TextureOperation.REFERENCE, 50), inputs(portrait, emptyMask, null, profile), (s, p) -> { });
        assertArrayEquals(portrait, byProfile.bytes(), "nothing outside the mask changes");
        assertEquals(0, byProfile.locality().get("changedPixels").asLong());
        var byPhoto = processor.process(TENANT, request(TextureOperation.REFERENCE, 50), inputs(portrait, emptyMask, reference, null), (s, p) -> { });
        assertArrayEquals(portrait, byPhoto.bytes(), "nothing outside the mask changes");
        var inside = processor.process(TENANT, request(TextureOperation.REFERENCE, 50), inputs(portrait, png(1024, 1536, true), null, profile),
                (s, p) -> { });
        assertTrue(inside.locality().get("changedPixels").asLong() > 0, "an all-white mask allows the restore");
    }

    @Test
    void analyzeReturnsTheScoreDocument() {
        var result = processor.process(TENANT, request(TextureOperation.ANALYZE, null), inputs(portrait, null, null, null), (s, p) -> { });
        assertNull(result.bytes());
        assertNull(result.locality());
        assertEquals(1024, result.analysis().get("width").asInt());
        assertTrue(result.analysis().get("faces").size() >= 1);
        assertEquals(result.plasticScoreBefore(), result.analysis().get("plasticScore").asDouble(), 1e-4);
    }

    @Test
    void sourceRestoreUpscalesTwiceOrKeepsTheSize() throws Exception {
        var request = new TextureRequest(TextureOperation.SOURCE_RESTORE, "images/t/x", null, null, null, null, null, null, null);
        var doubled = processor.process(TENANT, request, inputs(portrait, null, null, null), (s, p) -> { });
        assertEquals(2048, doubled.width());
        assertEquals(3072, doubled.height());
        assertEquals("image/jpeg", doubled.contentType());
        assertEquals(2048, ImageIO.read(new java.io.ByteArrayInputStream(doubled.bytes())).getWidth());
        assertNull(doubled.plasticScoreBefore(), "no texture measured or added");
        var same = processor.process(TENANT, new TextureRequest(TextureOperation.SOURCE_RESTORE, "images/t/x", null, null, null, null,
                null, 1, "off"), inputs(portrait, null, null, null), (s, p) -> { });
        assertArrayEquals(portrait, same.bytes(), "upscale 1 with denoise off leaves the image alone");
    }

    /** Over the worker's budget for 2x upscales the job fails too_large with the reason, not with an OutOfMemoryError. */
    @Test
    void aTwoTimesSourceRestoreOverTheWorkersHeapBudgetFailsTooLarge() {
        var small = new EngineTextureProcessor(engine, new TextureWorkerPool(TextureWorkerPoolTest.threads(1)), new SourceRestoreHeap(100L << 20));
        var request = new TextureRequest(TextureOperation.SOURCE_RESTORE, "images/t/x", null, null, null, null, null, null, null);
        var e = assertThrows(ImageRejectedException.class, () -> small.process(TENANT, request, inputs(portrait, null, null, null), (s, p) -> { }));
        assertEquals(FailureCodes.TOO_LARGE, e.code());
        assertEquals("a 2x source-restore of 1024x1536 needs about 102 MB of heap, more than this worker's budget for them "
                + "(realskin.texture.worker.source-restore-heap-mib) allows (100 MB); ask for upscale 1 or send a smaller image", e.getMessage());
    }

    @Test
    void inputsTheEngineRefusesKeepTheirStableCodes() {
        var bad = assertThrows(ImageRejectedException.class, () -> processor.process(TENANT, request(TextureOperation.RESTORE, 40),
                inputs("not an image at all".getBytes(StandardCharsets.UTF_8), null, null, null), (s, p) -> { }));
        assertEquals(FailureCodes.BAD_IMAGE, bad.code());
        // a JPEG cut short but closed with an EOI marker (libjpeg would decode the rest as gray), as image or as mask
        byte[] cut = TestImages.cutAndClosed(portrait, 0.5);
        for (TextureOperation operation : new TextureOperation[] {TextureOperation.RESTORE, TextureOperation.SOURCE_RESTORE}) {
            var truncated = assertThrows(ImageRejectedException.class, () -> processor.process(TENANT, request(operation, 40),
                    inputs(cut, null, null, null), (s, p) -> { }));
            assertEquals(FailureCodes.BAD_IMAGE, truncated.code(), operation.name());
            assertEquals("JPEG data is truncated", truncated.getMessage(), operation.name());
        }
        var mask = assertThrows(ImageRejectedException.class, () -> processor.process(TENANT, request(TextureOperation.LOCAL, 40),
                inputs(portrait, cut, null, null), (s, p) -> { }));
        assertEquals(FailureCodes.BAD_IMAGE, mask.code());
        assertEquals("mask JPEG data is truncated", mask.getMessage());
        var profile = assertThrows(JobRejectedException.class, () -> processor.process(TENANT, request(TextureOperation.REFERENCE, 40),
                inputs(portrait, null, null, "{\"nope\":1}".getBytes(StandardCharsets.UTF_8)), (s, p) -> { }));
        assertEquals(FailureCodes.BAD_REQUEST, profile.code());
        var noReference = assertThrows(JobRejectedException.class, () -> processor.process(TENANT, request(TextureOperation.REFERENCE, 40),
                inputs(portrait, null, null, null), (s, p) -> { }));
        assertEquals(FailureCodes.BAD_REQUEST, noReference.code());
    }

    private static TextureRequest request(TextureOperation operation, Integer intensity) {
        return new TextureRequest(operation, "images/t/x", null, null, null, intensity, 7L);
    }

    private static TextureProcessor.TextureInputs inputs(byte[] image, byte[] mask, byte[] reference, byte[] profile) {
        return new TextureProcessor.TextureInputs(image, mask, reference, profile);
    }

    private static byte[] fixture(String resource) throws Exception {
        try (InputStream in = EngineTextureProcessorTest.class.getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    private static byte[] png(int width, int height, boolean white) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        if (white) {
            var g = image.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
