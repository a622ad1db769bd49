package io.realskin.system.generation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.ContractSchemas;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.JobCompleted;
import io.realskin.contracts.Topics;
import io.realskin.generation.stub.FormData;
import io.realskin.generation.stub.ProviderStubs;
import io.realskin.generation.stub.StubImages;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalDeployment;
import io.realskin.system.RealSkinSystem;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generation through the whole stack, every service its own JVM, the three providers stubbed on loopback: the gateway
 * plans and holds, Kafka carries the request, generation-service calls the provider, the gateway registers the
 * image and runs the texture pass on texture-service, billing captures each job by its real usage.
 */
class GenerationSystemTest {
    private static final Duration JOB = Duration.ofSeconds(150);
    private static LocalDeployment system;
    private static String key;
    private static byte[] portrait;

    @BeforeAll
    static void start() throws Exception {
        system = RealSkinSystem.get();
        String tenant = admin().contentType("application/json").body("{\"name\":\"generation system test\",\"plan\":\"pro\"}")
                .post("/v1/admin/tenants").then().statusCode(201).extract().path("id");
        key = admin().contentType("application/json")
                .body("{\"tenantId\":\"" + tenant + "\",\"scopes\":[\"jobs:write\",\"jobs:read\",\"billing:read\"]}")
                .post("/v1/admin/api-keys").then().statusCode(201).extract().path("key");
        try (InputStream in = GenerationSystemTest.class.getResourceAsStream("/fixtures/portrait.jpg")) {
            portrait = in.readAllBytes();
        }
    }

    private static RequestSpecification admin() {
        return given().baseUri(RealSkinSystem.gateway()).header("Authorization", "Bearer " + system.adminKey());
    }

    private static RequestSpecification api() {
        return given().baseUri(RealSkinSystem.gateway()).header("Authorization", "Bearer " + key);
    }

    private static String upload(byte[] bytes, String contentType) {
        return api().contentType(contentType).body(bytes).post("/v1/images").then().statusCode(201).extract().path("id");
    }

    private static String submit(String body) {
        return api().contentType("application/json").body(body).post("/v1/jobs").then().statusCode(202).extract().path("id");
    }

    /** Polls the job (with a pause, under the key's rate limit) until it ends. */
    private static JsonPath awaitEnd(String job) throws InterruptedException {
        long deadline = System.nanoTime() + JOB.toNanos();
        JsonPath view = null;
        while (System.nanoTime() < deadline) {
            view = api().get("/v1/jobs/" + job).then().statusCode(200).extract().jsonPath();
            if (List.of("completed", "failed", "canceled").contains(view.getString("status"))) {
                return view;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("job " + job + " did not end: " + (view == null ? null : view.prettify()));
    }

    /** The job's CAPTURE in the ledger (billing applies job.events asynchronously). */
    private static long captured(String job) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<Integer> amounts = api().queryParam("jobId", job).queryParam("kind", "CAPTURE").get("/v1/billing/ledger")
                    .then().statusCode(200).extract().jsonPath().getList("items.amount", Integer.class);
            if (!amounts.isEmpty()) {
                assertEquals(1, amounts.size(), "one capture for " + job);
                return amounts.get(0);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no capture for " + job);
    }

    private static JobCompleted completedEvent(String job) {
        try (KafkaProbe kafka = new KafkaProbe(system.stack().kafkaBootstrapServers())) {
            List<KafkaProbe.Received> events = kafka.await(Topics.JOB_EVENTS, r -> job.equals(r.key()),
                    found -> found.stream().anyMatch(r -> r.value().contains("\"COMPLETED\"")), Duration.ofSeconds(30));
            events.forEach(e -> assertEquals(List.of(), ContractSchemas.violations(Topics.JOB_EVENTS, e.value()), e.value()));
            return events.stream().map(r -> EventJson.readEnvelope(r.value())).filter(e -> e.type().equals(EventTypes.COMPLETED))
                    .findFirst().orElseThrow().payloadAs(JobCompleted.class);
        }
    }

    @Test
    void aReferenceJobRunsAtOpenAiThenTheTexturePassAndBothAreCaptured() throws Exception {
        String reference = upload(portrait, "image/jpeg");
        String job = submit("{\"type\":\"generate\",\"prompt\":\"Portrait of a 50-year-old fisherman at dawn, professional headshot\","
                + "\"model\":\"gpt-image-2\",\"consent\":true,\"referenceImages\":[{\"imageId\":\"" + reference + "\",\"weight\":0.6}],"
                + "\"texturePass\":{\"intensity\":40}}");
        JsonPath view = awaitEnd(job);
        assertEquals("completed", view.getString("status"), view.prettify());
        assertEquals(true, view.getBoolean("request.consent"), "consent is stored with the job");
        assertEquals("completed", view.getString("result.texturePass.status"), view.prettify());
        assertTrue(view.getString("result.generatedImageId") != null && !view.getString("result.generatedImageId")
                .equals(view.getString("result.imageId")), "the texture pass made a new image from the generated one");
        assertEquals("openai", view.getString("result.usage.provider"));

        FormData.Part sent = ProviderStubs.shared().openai.requests("/images/edits").stream()
                .flatMap(r -> r.form().stream()).filter(p -> p.name().equals("image")).findFirst().orElseThrow();
        assertArrayEquals(portrait, sent.bytes(), "the reference photo went to OpenAI as uploaded");
        JobCompleted generated = completedEvent(job);
        assertEquals("gpt-image-2", generated.usage().model());
        assertEquals("image/jpeg", generated.contentType(), "JPEG unless PNG is asked for");
        assertTrue(ProviderStubs.shared().openai.requests("/images/edits").stream().flatMap(r -> r.form().stream())
                .anyMatch(p -> p.name().equals("output_format") && p.text().equals("jpeg")));
        assertTrue(generated.usage().providerRequestId().startsWith("req_"));
        assertTrue(captured(job) > 0);
        assertTrue(captured(job + "-tp") > 0, "the texture pass has its own capture");
    }

    @Test
    void theDefaultModelRunsAtGeminiAndIsCapturedByItsRealSize() throws Exception {
        String job = submit("{\"type\":\"generate\",\"prompt\":\"Portrait of a 35-year-old woman, natural light\"}");
        JsonPath view = awaitEnd(job);
        assertEquals("completed", view.getString("status"), view.prettify());
        assertEquals("nano-banana-pro", view.getString("result.usage.model"));
        assertEquals("google", view.getString("result.usage.provider"));
        JobCompleted done = completedEvent(job);
        assertEquals((double) done.width() * done.height() / 1e6, done.usage().megapixels(), 1e-9);
        // 10 credits with 1 MP included, 4 per started extra megapixel; the hold (1 MP) caps the capture
        long price = 10 + 4 * (long) Math.ceil(done.usage().megapixels() - 1 - 1e-6);
        assertEquals(Math.min(10, price), captured(job));
    }

    @Test
    void anInpaintAtBflIsCompositedInsideTheMaskAndCapturedByTheMaskedShare() throws Exception {
        BufferedImage decoded = StubImages.decode(portrait);
        byte[] original = StubImages.encode(decoded, "png"); // lossless: every pixel outside the mask must come back
        int w = decoded.getWidth();
        int h = decoded.getHeight();
        BufferedImage maskImage = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = maskImage.createGraphics();
        g.setColor(Color.WHITE);
        g.fillOval(w / 3, h / 4, w / 3, h / 3);
        g.dispose();
        ProviderStubs.shared().bfl.fillAnswer(image -> StubImages.resizedAndShifted(image, w + 8, h + 8, 20, -10, 15, "png"));
        try {
            String job = submit("{\"type\":\"skin-inpaint\",\"imageId\":\"" + upload(original, "image/png") + "\",\"maskImageId\":\""
                    + upload(StubImages.encode(maskImage, "png"), "image/png") + "\",\"prompt\":\"natural skin, visible pores\"}");
            JsonPath view = awaitEnd(job);
            assertEquals("completed", view.getString("status"), view.prettify());
            assertEquals("flux-pro-fill", view.getString("result.usage.model"));
            byte[] result = api().get(view.getString("urls.result")).then().statusCode(200).contentType("image/png")
                    .extract().asByteArray();
            BufferedImage after = StubImages.decode(result);
            int changedInside = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if (maskImage.getRaster().getSample(x, y, 0) == 0) {
                        assertEquals(decoded.getRGB(x, y), after.getRGB(x, y), "pixel " + x + "," + y + " outside the mask");
                    } else if (decoded.getRGB(x, y) != after.getRGB(x, y)) {
                        changedInside++;
                    }
                }
            }
            assertTrue(changedInside > 0, "the provider's pixels are inside the mask");
            double fraction = view.getDouble("result.usage.maskedFraction");
            assertEquals(Math.max(1, (long) Math.ceil(8 * fraction - 1e-9)), captured(job),
                    "8 credits scaled by the masked share " + fraction + ", at least 1");
        } finally {
            ProviderStubs.shared().bfl.fillAnswer(java.util.function.UnaryOperator.identity());
        }
    }
}
