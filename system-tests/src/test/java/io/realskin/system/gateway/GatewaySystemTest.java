package io.realskin.system.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.local.LocalDeployment;
import io.realskin.system.RealSkinSystem;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway against the real prompt-service, billing-service and texture-service (each its own JVM on the local
 * stack): proxies, holds and their release on cancel, plan refusals, and a signed webhook from a real job.
 */
class GatewaySystemTest {
    private static LocalDeployment system;
    private static String tenant;
    private static String key;

    @BeforeAll
    static void start() {
        system = GatewaySystem.get();
        tenant = admin().contentType("application/json").body("{\"name\":\"system test\",\"plan\":\"pro\"}")
                .post("/v1/admin/tenants").then().statusCode(201).extract().path("id");
        key = admin().contentType("application/json")
                .body("{\"tenantId\":\"" + tenant + "\",\"scopes\":[\"jobs:write\",\"jobs:read\",\"billing:read\"]}")
                .post("/v1/admin/api-keys").then().statusCode(201).extract().path("key");
    }

    private static RequestSpecification admin() {
        return given().baseUri(GatewaySystem.gateway()).header("Authorization", "Bearer " + system.adminKey());
    }

    private static RequestSpecification api() {
        return given().baseUri(GatewaySystem.gateway()).header("Authorization", "Bearer " + key);
    }

    private static byte[] portrait() throws Exception {
        try (InputStream in = GatewaySystemTest.class.getResourceAsStream("/fixtures/portrait.jpg")) {
            return in.readAllBytes();
        }
    }

    @Test
    void promptServiceAndBillingAnswerThroughTheGateway() {
        api().contentType("application/json").body("{\"prompt\":\"Portrait of a 35-year-old woman, professional headshot.\"}")
                .post("/v1/prompts/enhance").then().statusCode(200).body("prompt", containsString("unretouched"))
                .body("riskAfter", notNullValue());
        api().contentType("application/json").body("{\"prompt\":\"A stunning portrait with flawless smooth skin, 8k\"}")
                .post("/v1/prompts/lint").then().statusCode(200).body("risk", greaterThan(50));
        api().get("/v1/models").then().statusCode(200).body("models.id", hasItem("nano-banana-pro"));
        api().contentType("application/json").body("{\"stage\":\"have-image\",\"facesAffected\":\"some\"}").post("/v1/advice")
                .then().statusCode(200).body("fixes", notNullValue());
        api().contentType("application/json").body("{\"prompt\":\"\"}").post("/v1/prompts/enhance").then().statusCode(400)
                .contentType(containsString("problem+json"));
        api().get("/v1/billing/balance").then().statusCode(200).body("tenantId", equalTo(tenant)).body("plan", equalTo("pro"))
                .body("available", greaterThan(0));
        api().get("/v1/billing/ledger").then().statusCode(200).body("items.kind", hasItem("GRANT"));
    }

    /**
     * A real texture worker runs beside the cancel, and nothing promises which of them reaches the job first: a cancel
     * that wins (200) must end in a released hold, one that loses (409, the job had completed) in a captured one. The
     * worker needs seconds for a portrait, so the cancel wins at once in practice; a few jobs are allowed for it.
     */
    @Test
    void aCanceledJobsHoldIsReleasedByBilling() throws Exception {
        String image = api().contentType("image/jpeg").body(portrait()).post("/v1/images").then().statusCode(201).extract().path("id");
        List<Integer> cancels = new java.util.ArrayList<>();
        while (!cancels.contains(200) && cancels.size() < 5) {
            String job = api().contentType("application/json").body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\"}")
                    .post("/v1/jobs").then().statusCode(202).extract().path("id");
            int cancel = api().post("/v1/jobs/" + job + "/cancel").statusCode();
            cancels.add(cancel);
            String expected = cancel == 200 ? "RELEASED" : "CAPTURED";
            String status = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline && !expected.equals(status)) {
                status = RealSkinSystem.billingAs("admin", "admin").get("/holds/" + job).then().extract().path("status");
                Thread.sleep(300);
            }
            assertEquals(expected, status, "billing settled the hold of job " + job + " (cancel answered " + cancel + ")");
        }
        assertTrue(cancels.contains(200), "a cancel reached its job before the worker finished it: " + cancels);
    }

    @Test
    void thePlanDecidesWhatAJobMayUse() {
        String free = admin().contentType("application/json").body("{\"name\":\"free tenant\",\"plan\":\"free\"}")
                .post("/v1/admin/tenants").then().statusCode(201).extract().path("id");
        String freeKey = admin().contentType("application/json").body("{\"tenantId\":\"" + free + "\",\"scopes\":[\"jobs:write\",\"jobs:read\"]}")
                .post("/v1/admin/api-keys").then().statusCode(201).extract().path("key");
        given().baseUri(GatewaySystem.gateway()).header("Authorization", "Bearer " + freeKey).contentType("application/json")
                .body("{\"type\":\"generate\",\"prompt\":\"portrait of a man\",\"model\":\"nano-banana-pro\"}")
                .post("/v1/jobs").then().statusCode(403).contentType(containsString("problem+json"))
                .body("type", equalTo("https://realskin.io/problems/plan-excludes"));
        given().baseUri(GatewaySystem.gateway()).header("Authorization", "Bearer " + freeKey).get("/v1/jobs").then()
                .statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void aRealJobEndsInASignedWebhook() throws Exception {
        String secret = api().post("/v1/webhooks/secrets").then().statusCode(201).extract().path("secret");
        String path = "/system/" + tenant;
        api().contentType("application/json").body(Map.of("url", GatewaySystem.receiverUrl(path))).put("/v1/webhooks").then().statusCode(200);
        String image = api().contentType("image/jpeg").body(portrait()).post("/v1/images").then().statusCode(201).extract().path("id");
        String id = api().header("Prefer", "wait=60").contentType("application/json")
                .body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\",\"intensity\":45}")
                .post("/v1/jobs").then().statusCode(anyOf(is(200), is(202))).extract().path("id");
        JsonPath job = RealSkinSystem.awaitJobEnd("Bearer " + key, id); // a busy machine may need longer than the wait
        assertEquals("completed", job.getString("status"), job.prettify());
        Map<String, String> hook = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (hook == null && System.nanoTime() < deadline) {
            hook = GatewaySystem.WEBHOOKS.stream().filter(w -> path.equals(w.get("path"))).findFirst().orElse(null);
            Thread.sleep(200);
        }
        assertTrue(hook != null, "a webhook arrived");
        assertTrue(hook.get("body").contains(job.getString("id")) && hook.get("body").contains("job.completed"), hook.get("body"));
        byte[] keyBytes = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(keyBytes, "HmacSHA256"));
        byte[] expected = mac.doFinal((hook.get("webhook-id") + "." + hook.get("webhook-timestamp") + "." + hook.get("body"))
                .getBytes(StandardCharsets.UTF_8));
        boolean matches = false;
        for (String sig : hook.get("webhook-signature").split(" ")) {
            matches |= sig.startsWith("v1,") && MessageDigest.isEqual(expected, Base64.getDecoder().decode(sig.substring(3)));
        }
        assertTrue(matches, "Standard Webhooks signature verifies");
        List<Object> log = api().queryParam("jobId", job.getString("id")).get("/v1/webhooks/deliveries").then().statusCode(200)
                .body("items[0].status", equalTo("delivered")).extract().path("items[0].log");
        assertEquals(1, log.size());
    }
}
