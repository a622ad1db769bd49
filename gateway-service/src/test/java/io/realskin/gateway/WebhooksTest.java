package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.gateway.webhooks.WebhookRepository;
import io.realskin.local.LocalStackResource;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class WebhooksTest {
    private static final String REFUSED = "https://realskin.io/problems/webhook-url-refused";

    @Inject
    Pool pool;
    @Inject
    WebhookRepository repository;

    @ParameterizedTest
    @ValueSource(strings = {
            "https://127.0.0.1/hook", "https://127.0.0.2:8443/hook", "https://localhost/hook", "https://[::1]/hook",
            "https://10.0.0.5/hook", "https://172.16.3.4/hook", "https://192.168.1.1/hook", "https://100.64.0.1/hook",
            "https://169.254.169.254/latest/meta-data/", "https://metadata.google.internal/computeMetadata/v1/",
            "https://[fd00:ec2::254]/", "https://[fe80::1]/", "https://[::ffff:10.0.0.1]/", "https://0.0.0.0/",
            "http://93.184.215.14/plain-http", "ftp://93.184.215.14/", "https://user:pw@93.184.215.14/", "not a url",
            "  https://93.184.215.14/hook", "https://93.184.215.14/hook\t"})
    void nonPublicAndNonHttpsUrlsAreRefused(String url) {
        String[] tk = Api.tenantAndKey();
        as(tk[1]).contentType("application/json").body(Map.of("url", url)).put("/v1/webhooks").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo(REFUSED)).body("field", equalTo("url"));
        String image = Api.upload(tk[1]);
        as(tk[1]).contentType("application/json").body(Map.of("type", "texture-restore", "imageId", image, "webhook", url))
                .post("/v1/jobs").then().statusCode(400).body("type", equalTo(REFUSED)).body("field", equalTo("webhook"));
        as(tk[1]).get("/v1/jobs").then().body("items", hasSize(0));
    }

    /**
     * A PUT that does not name url (an empty body, {}, a misspelt field) removed the tenant's endpoint as if it had
     * said null, and a URL over 2000 characters was stored: now each is 400 and the endpoint stays.
     */
    @Test
    void aPutThatDoesNotNameUrlKeepsTheEndpoint() {
        String[] tk = Api.tenantAndKey();
        String url = Stubs.receiverUrl("/kept");
        as(tk[1]).contentType("application/json").body(Map.of("url", url)).put("/v1/webhooks").then().statusCode(200);
        for (String body : List.of("", "{}", "{\"webhookUrl\":\"" + url + "\"}", "{\"url\":\"" + url + "?" + "a".repeat(2000) + "\"}")) {
            as(tk[1]).contentType("application/json").body(body).put("/v1/webhooks").then().statusCode(400)
                    .contentType("application/problem+json").body("type", equalTo("https://realskin.io/problems/invalid-request"));
            as(tk[1]).get("/v1/webhooks").then().statusCode(200).body("url", equalTo(url));
        }
        as(tk[1]).contentType("application/json").body("{\"url\":null}").put("/v1/webhooks").then().statusCode(200)
                .body("url", nullValue());
        as(tk[1]).get("/v1/webhooks").then().statusCode(200).body("url", nullValue());
    }

    @Test
    void aDeliveryPassesAnIndependentStandardWebhooksCheck() throws Exception {
        String[] tk = Api.tenantAndKey();
        String secret = as(tk[1]).post("/v1/webhooks/secrets").then().statusCode(201)
                .body("secret", startsWith("whsec_")).body("previousSecretsExpireAt", nullValue()).extract().path("secret");
        String url = Stubs.receiverUrl("/hooks/" + tk[0]);
        as(tk[1]).contentType("application/json").body(Map.of("url", url)).put("/v1/webhooks").then().statusCode(200)
                .body("url", equalTo(url)).body("secrets", hasSize(1)).body("secrets[0].secret", nullValue());
        String job = Api.submitTexture(tk[1], Api.upload(tk[1]));
        Events.restored(tk[0], job, null, 0, 0);

        Map<String, String> received = awaitWebhook("/hooks/" + tk[0], 1).get(0);
        assertTrue(StandardWebhooksVerifier.verify(secret, received.get("webhook-id"), received.get("webhook-timestamp"),
                received.get("webhook-signature"), received.get("body"), Instant.now()), received.toString());
        assertFalse(StandardWebhooksVerifier.verify("whsec_" + Base64.getEncoder().encodeToString(new byte[32]),
                received.get("webhook-id"), received.get("webhook-timestamp"), received.get("webhook-signature"), received.get("body"),
                Instant.now()), "another secret does not verify");
        assertFalse(StandardWebhooksVerifier.verify(secret, received.get("webhook-id"), received.get("webhook-timestamp"),
                received.get("webhook-signature"), received.get("body").replace("completed", "failed"), Instant.now()),
                "a changed body does not verify");
        JsonNode payload = new ObjectMapper().readTree(received.get("body"));
        assertEquals("job.completed", payload.path("type").asText());
        assertEquals(job, payload.path("data").path("id").asText());
        assertTrue(payload.path("data").path("result").path("locality").path("identical").asBoolean(), received.get("body"));
        assertEquals(41, payload.path("data").path("result").path("faceRestores").path(0).path("intensity").asInt());
        assertFalse(payload.path("data").has("createdBy"), "the payload is the job as before jobs recorded their key: "
                + received.get("body"));
        assertEquals("application/json", received.get("content-type"));

        // the receiver has the request before the gateway has recorded its answer
        JsonPath log = awaitDelivered(tk[1], job);
        assertEquals(1, log.getList("items").size());
        assertEquals(received.get("webhook-id"), log.getString("items[0].id"));
        assertEquals(List.of(204), log.getList("items[0].log.statusCode"));
    }

    @Test
    void aFailedDeliveryIsRetriedAndLogged() throws InterruptedException {
        String[] tk = Api.tenantAndKey();
        as(tk[1]).post("/v1/webhooks/secrets").then().statusCode(201);
        String path = "/retry/" + tk[0];
        String image = Api.upload(tk[1]);
        String job = as(tk[1]).contentType("application/json")
                .body(Map.of("type", "texture-restore", "imageId", image, "webhook", Stubs.receiverUrl(path)))
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        Stubs.nextWebhookStatus(500);
        Events.failed(tk[0], job, "bad_image");
        List<Map<String, String>> attempts = awaitWebhook(path, 2);
        assertEquals(attempts.get(0).get("webhook-id"), attempts.get(1).get("webhook-id"), "the same message id on a retry");
        JsonPath log = awaitDelivered(tk[1], job);
        assertEquals("job.failed", log.getString("items[0].type"));
        assertEquals(List.of(500, 204), log.getList("items[0].log.statusCode"));
    }

    @Test
    void aRotatedSecretKeepsSigningDuringTheOverlap() {
        String[] tk = Api.tenantAndKey();
        String old = as(tk[1]).post("/v1/webhooks/secrets").then().statusCode(201).extract().path("secret");
        String fresh = as(tk[1]).post("/v1/webhooks/secrets").then().statusCode(201)
                .body("previousSecretsExpireAt", notNullValue()).extract().path("secret");
        as(tk[1]).get("/v1/webhooks").then().body("secrets", hasSize(2)).body("secrets[1].expiresAt", notNullValue());
        String path = "/rotated/" + tk[0];
        as(tk[1]).contentType("application/json").body(Map.of("url", Stubs.receiverUrl(path))).put("/v1/webhooks").then().statusCode(200);
        String job = Api.submitTexture(tk[1], Api.upload(tk[1]));
        as(tk[1]).post("/v1/jobs/" + job + "/cancel").then().statusCode(200);
        Map<String, String> received = awaitWebhook(path, 1).get(0);
        String[] signatures = received.get("webhook-signature").split(" ");
        assertEquals(2, signatures.length, received.get("webhook-signature"));
        for (String secret : List.of(old, fresh)) {
            assertTrue(StandardWebhooksVerifier.verify(secret, received.get("webhook-id"), received.get("webhook-timestamp"),
                    received.get("webhook-signature"), received.get("body"), Instant.now()), "verifies with " + secret.substring(0, 10));
        }
    }

    /**
     * Every delivery is signed with each secret still signing, so rotations are bounded: 12 at once make exactly the 5
     * that may sign, the rest are 429 with Retry-After, and another tenant still rotates.
     */
    @Test
    void rotationsStopAtTheSecretsThatMaySignAndOtherTenantsStillRotate() throws Exception {
        String[] tk = Api.tenantAndKey();
        List<java.util.concurrent.Callable<io.restassured.response.Response>> rotations = java.util.Collections.nCopies(12,
                () -> as(tk[1]).post("/v1/webhooks/secrets"));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        List<io.restassured.response.Response> answers = new java.util.ArrayList<>();
        try {
            for (var f : pool.invokeAll(rotations)) {
                answers.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(5, answers.stream().filter(r -> r.statusCode() == 201).count(), "created");
        List<io.restassured.response.Response> refused = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertEquals(7, refused.size(), "refused");
        for (var r : refused) {
            assertEquals("https://realskin.io/problems/too-many-webhook-secrets", r.jsonPath().getString("type"));
            assertEquals(5, r.jsonPath().getInt("limit"));
            assertTrue(Long.parseLong(r.header("Retry-After")) > 0, r.header("Retry-After"));
        }
        as(tk[1]).get("/v1/webhooks").then().statusCode(200).body("secrets", hasSize(5));

        String[] other = Api.tenantAndKey();
        as(other[1]).post("/v1/webhooks/secrets").then().statusCode(201);
    }

    /**
     * Nothing is sent unsigned (docs/api.md, Webhooks): a tenant that set no signing secret yet has each attempt logged
     * "no signing secret" and nothing sent; its first secret lets the next retry deliver.
     */
    @Test
    void aDeliveryWaitsForTheTenantsFirstSigningSecret() throws InterruptedException {
        String[] tk = Api.tenantAndKey();
        String path = "/unsigned/" + tk[0];
        String job = as(tk[1]).contentType("application/json")
                .body(Map.of("type", "texture-restore", "imageId", Api.upload(tk[1]), "webhook", Stubs.receiverUrl(path)))
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        Events.restored(tk[0], job, null, 0, 0);
        JsonPath log = as(tk[1]).queryParam("jobId", job).get("/v1/webhooks/deliveries").then().statusCode(200).extract().jsonPath();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (log.get("items[0].log[0].error") == null && System.nanoTime() < deadline) { // the delivery is made when the event is applied
            Thread.sleep(200);
            log = as(tk[1]).queryParam("jobId", job).get("/v1/webhooks/deliveries").then().statusCode(200).extract().jsonPath();
        }
        assertEquals("no signing secret: create one with POST /v1/webhooks/secrets", log.getString("items[0].log[0].error"));
        assertEquals(List.of(), Stubs.webhooks().stream().filter(w -> path.equals(w.get("path"))).toList());

        as(tk[1]).post("/v1/webhooks/secrets").then().statusCode(201);
        assertEquals(1, awaitWebhook(path, 1).size());
        assertEquals("delivered", awaitDelivered(tk[1], job).getString("items[0].status"));
    }

    /**
     * A name that does not resolve when a delivery is attempted (a resolver's hiccup looks the same) is a failed attempt,
     * retried on the schedule: until 2026-12-07 it was refused as "not a public address" and failed for good at once.
     */
    @Test
    void aDeliveryWhoseHostDoesNotResolveIsRetried() throws InterruptedException {
        String[] tk = Api.tenantAndKey();
        as(tk[1]).post("/v1/webhooks/secrets").then().statusCode(201);
        String job = "job_dns_" + tk[0];
        // the URL passed its check when the job was made and its name is gone now (.invalid never resolves, RFC 6761)
        repository.insertDelivery(pool, "msg_dns_" + tk[0], tk[0], job, "job.completed", "https://gone.hooks.invalid/hook", "{}")
                .await().atMost(Duration.ofSeconds(30));
        JsonPath log = awaitAttempts(tk[1], job, 2);
        assertEquals("pending", log.getString("items[0].status"), log.prettify());
        assertEquals(List.of("gone.hooks.invalid does not resolve (DNS)",
                "gone.hooks.invalid does not resolve (DNS)"), log.getList("items[0].log.error"));
    }

    /** The job's deliveries once {@code count} attempts of its first are logged, polled within 60 s. */
    private static JsonPath awaitAttempts(String key, String job, int count) throws InterruptedException {
        JsonPath log = as(key).queryParam("jobId", job).get("/v1/webhooks/deliveries").then().statusCode(200).extract().jsonPath();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (log.getList("items[0].log").size() < count && !"failed".equals(log.getString("items[0].status"))
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
            log = as(key).queryParam("jobId", job).get("/v1/webhooks/deliveries").then().statusCode(200).extract().jsonPath();
        }
        return log;
    }

    /** The job's deliveries once its first is recorded as delivered (asserted), polled within 60 s. */
    private static JsonPath awaitDelivered(String key, String job) throws InterruptedException {
        JsonPath log = as(key).queryParam("jobId", job).get("/v1/webhooks/deliveries").then().statusCode(200).extract().jsonPath();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!"delivered".equals(log.getString("items[0].status")) && System.nanoTime() < deadline) {
            Thread.sleep(200); // a poll without pause would run into the key's rate limit (429)
            log = as(key).queryParam("jobId", job).get("/v1/webhooks/deliveries").then().statusCode(200).extract().jsonPath();
        }
        assertEquals("delivered", log.getString("items[0].status"));
        return log;
    }

    static List<Map<String, String>> awaitWebhook(String path, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<Map<String, String>> found = List.of();
        while (System.nanoTime() < deadline) {
            found = Stubs.webhooks().stream().filter(w -> path.equals(w.get("path"))).toList();
            if (found.size() >= count) {
                return found;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("expected " + count + " webhook(s) at " + path + ", got " + found);
    }

    /**
     * The receiver's check, written from the Standard Webhooks specification (not from the gateway's signer): the
     * signed content is {@code id.timestamp.body}; the key is the base64 after {@code whsec_}; the header holds
     * space-separated {@code v1,<base64>} signatures, any of which may match; the timestamp must be within 5 minutes.
     */
    static final class StandardWebhooksVerifier {
        static boolean verify(String secret, String msgId, String timestamp, String signatureHeader, String body, Instant now) {
            if (msgId == null || timestamp == null || signatureHeader == null) {
                return false;
            }
            long ts = Long.parseLong(timestamp);
            if (Math.abs(now.getEpochSecond() - ts) > 300) {
                return false;
            }
            try {
                byte[] key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
                Mac hmac = Mac.getInstance("HmacSHA256");
                hmac.init(new SecretKeySpec(key, "HmacSHA256"));
                byte[] expected = hmac.doFinal((msgId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
                for (String versioned : signatureHeader.split(" ")) {
                    int comma = versioned.indexOf(',');
                    if (comma < 0 || !versioned.substring(0, comma).equals("v1")) {
                        continue;
                    }
                    byte[] given = Base64.getDecoder().decode(versioned.substring(comma + 1));
                    if (MessageDigest.isEqual(expected, given)) {
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                return false;
            }
        }
    }
}
