package io.realskin.system.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.local.LocalDeployment;
import io.realskin.local.RealSkinService;
import io.realskin.local.ServiceProcess;
import io.restassured.specification.RequestSpecification;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The attacks on the real services: one tenant's input against the others' billing, a gateway without its key. */
class GatewayHardeningSystemTest {
    private static LocalDeployment system;

    @BeforeAll
    static void start() {
        system = GatewaySystem.get();
    }

    /**
     * Tenant A sends NUL bytes in a ledger filter and in a job's model, which once made billing's PostgreSQL answer 500
     * and opened the gateway's one billing breaker for every tenant. Now they are 400 at the gateway (and at billing),
     * and tenant B's balance and submissions go on (billing's own InputValidationTest: billing answers such input 400 too).
     */
    @Test
    void oneTenantsBadInputNeverCutsBillingOffForAnother() throws Exception {
        String[] a = tenantAndKey();
        String[] b = tenantAndKey();
        String image;
        try (InputStream in = GatewayHardeningSystemTest.class.getResourceAsStream("/fixtures/portrait.jpg")) {
            image = api(b[1]).contentType("image/jpeg").body(in.readAllBytes()).post("/v1/images").then().statusCode(201)
                    .extract().path("id");
        }
        for (int i = 0; i < 30; i++) {
            api(a[1]).urlEncodingEnabled(false).get("/v1/billing/ledger?jobId=job%00" + i).then().statusCode(400);
            api(a[1]).contentType("application/json").body("{\"type\":\"generate\",\"prompt\":\"p\",\"model\":\"m\\u0000" + i + "\"}")
                    .post("/v1/jobs").then().statusCode(400);
        }
        for (int i = 0; i < 3; i++) {
            api(b[1]).get("/v1/billing/balance").then().statusCode(200).body("tenantId", equalTo(b[0]));
            api(b[1]).contentType("application/json").body("{\"type\":\"analyze\",\"imageId\":\"" + image + "\"}").post("/v1/jobs")
                    .then().statusCode(202);
        }
    }

    /** In production mode a gateway without REALSKIN_WEBHOOKS_ENCRYPTION_KEY stops at start and says why. */
    @Test
    void theGatewayRefusesToStartWithoutAWebhookEncryptionKey() throws Exception {
        ServiceProcess gateway = system.startReplica(RealSkinService.GATEWAY, "gateway-without-webhook-key",
                Map.of("REALSKIN_WEBHOOKS_ENCRYPTION_KEY", ""));
        try {
            assertThrows(IllegalStateException.class, () -> gateway.awaitReady(Duration.ofSeconds(90)), "it must not start");
            String log = Files.readString(gateway.logFile());
            assertTrue(log.contains("REALSKIN_WEBHOOKS_ENCRYPTION_KEY"), log);
        } finally {
            gateway.close();
        }
    }

    private static String[] tenantAndKey() {
        String tenant = admin().contentType("application/json").body("{\"name\":\"hardening\",\"plan\":\"pro\"}")
                .post("/v1/admin/tenants").then().statusCode(201).extract().path("id");
        String key = admin().contentType("application/json")
                .body("{\"tenantId\":\"" + tenant + "\",\"scopes\":[\"jobs:write\",\"jobs:read\",\"billing:read\"]}")
                .post("/v1/admin/api-keys").then().statusCode(201).extract().path("key");
        return new String[] {tenant, key};
    }

    private static RequestSpecification admin() {
        return api(system.adminKey());
    }

    private static RequestSpecification api(String key) {
        return given().baseUri(GatewaySystem.gateway()).header("Authorization", "Bearer " + key);
    }
}
