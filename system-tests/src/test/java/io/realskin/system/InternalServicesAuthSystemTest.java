package io.realskin.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.local.LocalDeployment;
import io.realskin.local.RealSkinService;
import io.realskin.local.ServiceKeys;
import io.realskin.local.ServiceProcess;
import io.realskin.local.ServiceTokenProbe;
import io.realskin.local.ServiceTokenProbe.Call;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The internal services as an attacker on the machine finds them (issue 11): called directly on their own ports, each
 * answers 401 without the gateway's service token; with the token of tenant A, billing refuses tenant B's account and
 * every admin operation; health answers on the management ports only; nothing listens beyond the loopback interface.
 */
class InternalServicesAuthSystemTest {
    private static LocalDeployment system;
    private static ServiceKeys keys;
    private static String a;
    private static String b;

    @BeforeAll
    static void twoTenants() {
        system = RealSkinSystem.get();
        keys = system.serviceKeys();
        a = tenant("Tenant A");
        b = tenant("Tenant B");
    }

    @Test
    void everyInternalServiceRefusesCallsWithoutTheGatewaysToken() {
        String billing = system.url(RealSkinService.BILLING);
        Map<RealSkinService, List<Call>> calls = Map.of(
                RealSkinService.BILLING, List.of(Call.get(billing + "/accounts/" + b + "/balance"),
                        Call.get(billing + "/accounts/" + b + "/ledger"),
                        Call.post(billing + "/accounts/" + b + "/grants", "{\"amount\":1000000,\"idempotencyKey\":\"attack\"}"),
                        Call.get(billing + "/reconciliation"),
                        new Call("DELETE", billing + "/holds/job_any", null)),
                RealSkinService.PROMPT, List.of(Call.post(system.url(RealSkinService.PROMPT) + "/prompts/lint", "{\"prompt\":\"x\"}")),
                RealSkinService.TEXTURE, List.of(Call.post(system.url(RealSkinService.TEXTURE) + "/texture/analyze", "{}"),
                        Call.post(system.url(RealSkinService.TEXTURE) + "/texture/preview", "{}")),
                RealSkinService.GENERATION, List.of(Call.get(system.url(RealSkinService.GENERATION) + "/q/openapi")));
        calls.forEach((service, list) -> list.forEach(call -> ServiceTokenProbe.assertRefused(keys, service.audience(), call)));
    }

    @Test
    void tenantAsTokenOpensNeitherTenantBsAccountNorTheAdminOperations() {
        String billing = system.url(RealSkinService.BILLING);
        String tokenOfA = keys.bearer(RealSkinService.BILLING.audience(), a, "jobs:write jobs:read billing:read");
        assertEquals(200, ServiceTokenProbe.send(Call.get(billing + "/accounts/" + a + "/balance"), tokenOfA).statusCode());
        for (String path : List.of("/accounts/" + b + "/balance", "/accounts/" + b + "/ledger", "/accounts/" + b)) {
            assertProblem(ServiceTokenProbe.send(Call.get(billing + path), tokenOfA), 403, "tenant-mismatch");
        }
        assertProblem(ServiceTokenProbe.send(Call.post(billing + "/holds", "{\"tenantId\":\"" + b + "\",\"jobId\":\"job_x\","
                + "\"quote\":{\"operation\":\"texture-restore\",\"megapixels\":1}}"), tokenOfA), 403, "tenant-mismatch");
        assertProblem(ServiceTokenProbe.send(Call.post(billing + "/accounts/" + a + "/grants",
                "{\"amount\":1000000,\"idempotencyKey\":\"attack\"}"), tokenOfA), 403, "admin-scope-required");
        assertProblem(ServiceTokenProbe.send(new Call("PUT", billing + "/accounts/" + a, "{\"plan\":\"ultimate\"}"), tokenOfA),
                403, "admin-scope-required");
        assertProblem(ServiceTokenProbe.send(Call.get(billing + "/reconciliation"), tokenOfA), 403, "admin-scope-required");
        // the other services know no tenants; A's token for them is answered
        String lint = system.url(RealSkinService.PROMPT) + "/prompts/lint";
        assertEquals(200, ServiceTokenProbe.send(Call.post(lint, "{\"prompt\":\"a stunning portrait\"}"),
                keys.bearer(RealSkinService.PROMPT.audience(), a, "jobs:read")).statusCode());
    }

    @Test
    void theAdminApiMovesCreditsThroughBillingsAdminOperations() {
        String keyOfA = given().baseUri(system.url(RealSkinService.GATEWAY)).header("Authorization", "Bearer " + system.adminKey())
                .contentType("application/json").body("{\"tenantId\":\"" + a + "\",\"scopes\":[\"billing:read\"],\"live\":false}")
                .post("/v1/admin/api-keys").then().statusCode(201).extract().path("key");
        long before = available(keyOfA);
        admin().body("{\"amount\":200,\"reason\":\"goodwill\",\"idempotencyKey\":\"goodwill-" + a + "\"}").post("/v1/admin/tenants/" + a + "/grants").then().statusCode(201);
        admin().body("{\"amount\":-50,\"reason\":\"correction\",\"idempotencyKey\":\"correction-" + a + "\"}").post("/v1/admin/tenants/" + a + "/adjustments").then().statusCode(201);
        assertEquals(before + 150, available(keyOfA));
        admin().body("{\"plan\":\"ultimate\"}").put("/v1/admin/tenants/" + a + "/plan").then().statusCode(200);
        assertEquals("ultimate", given().baseUri(system.url(RealSkinService.GATEWAY)).header("Authorization", "Bearer " + keyOfA)
                .get("/v1/billing/balance").then().statusCode(200).extract().path("plan"));
        given().baseUri(system.url(RealSkinService.GATEWAY)).header("Authorization", "Bearer " + keyOfA).contentType("application/json")
                .body("{\"amount\":1000000}").post("/v1/admin/tenants/" + a + "/grants").then().statusCode(403);
    }

    @Test
    void healthAnswersOnTheManagementPortsOnly() {
        for (ServiceProcess process : system.processes()) {
            given().baseUri(process.managementUrl()).get("/q/health/ready").then().statusCode(200);
            given().baseUri(process.managementUrl()).get("/q/metrics").then().statusCode(200);
            int publicMetrics = given().baseUri(process.baseUrl()).get("/q/metrics").statusCode();
            assertTrue(publicMetrics == 404 || publicMetrics == 401, process.name() + " serves no metrics on its API port: " + publicMetrics);
        }
    }

    @Test
    void nothingListensBeyondTheLoopbackInterface() throws IOException {
        Optional<InetAddress> outside = nonLoopbackAddress();
        org.junit.jupiter.api.Assumptions.assumeTrue(outside.isPresent(), "this machine has no non-loopback IPv4 address");
        for (ServiceProcess process : system.processes()) {
            for (String url : List.of(process.baseUrl(), process.managementUrl())) {
                int port = URI.create(url).getPort();
                assertFalse(connects(outside.get(), port), process.name() + " answers on " + outside.get() + ":" + port);
                assertTrue(connects(InetAddress.getLoopbackAddress(), port), process.name() + " on 127.0.0.1:" + port);
            }
        }
    }

    private static RequestSpecification admin() {
        return given().baseUri(system.url(RealSkinService.GATEWAY)).header("Authorization", "Bearer " + system.adminKey())
                .contentType("application/json");
    }

    private static long available(String key) {
        return given().baseUri(system.url(RealSkinService.GATEWAY)).header("Authorization", "Bearer " + key)
                .get("/v1/billing/balance").then().statusCode(200).extract().<Number>path("available").longValue();
    }

    private static String tenant(String name) {
        return given().baseUri(system.url(RealSkinService.GATEWAY)).header("Authorization", "Bearer " + system.adminKey())
                .contentType("application/json").body("{\"name\":\"" + name + "\",\"plan\":\"pro\"}")
                .post("/v1/admin/tenants").then().statusCode(201).extract().path("id");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"https://realskin.io/problems/" + type + "\""), response.body());
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
