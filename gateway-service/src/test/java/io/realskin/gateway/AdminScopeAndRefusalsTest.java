package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.LocalStackResource;
import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin scope lives in the admin tenant only; a refused webhook URL says why without naming internal addresses. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class AdminScopeAndRefusalsTest {
    private static final String REFUSED = "https://realskin.io/problems/webhook-url-refused";

    @Test
    void theAdminScopeIsOnlyGrantedInTheAdminTenant() {
        String tenant = Api.tenant("pro");
        Api.admin().contentType("application/json").body("{\"tenantId\":\"" + tenant + "\",\"scopes\":[\"admin\"]}")
                .post("/v1/admin/api-keys").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://realskin.io/problems/invalid-request")).body("detail", containsString("admin"));
        Api.admin().contentType("application/json").body("{\"tenantId\":\"" + tenant + "\",\"scopes\":[\"jobs:read\",\"admin\"]}")
                .post("/v1/admin/api-keys").then().statusCode(400);
        String admin = Api.key("admin", "admin");
        as(admin).contentType("application/json").body("{\"name\":\"by a second admin key\"}").post("/v1/admin/tenants")
                .then().statusCode(201);
    }

    @Test
    void aRefusedUrlSaysNotAPublicAddressAndNeverTheAddress() throws Exception {
        String key = Api.tenantAndKey()[1];
        as(key).contentType("application/json").body(Map.of("url", "https://10.1.2.3/hook")).put("/v1/webhooks").then()
                .statusCode(400).body("type", equalTo(REFUSED)).body("detail", equalTo("10.1.2.3 is not a public address"));
        as(key).contentType("application/json").body(Map.of("url", "https://metadata.google.internal/x")).put("/v1/webhooks").then()
                .statusCode(400).body("detail", equalTo("metadata.google.internal is not a public address"));
        // a host name that resolves to an internal address: the answer names the host, never what it resolved to
        InetAddress local = InetAddress.getLocalHost();
        String host = local.getHostName();
        assumeTrue(!host.equals(local.getHostAddress()), "this machine's name resolves");
        as(key).contentType("application/json").body(Map.of("url", "https://" + host + "/hook")).put("/v1/webhooks").then()
                .statusCode(400).body("type", equalTo(REFUSED)).body("detail", equalTo(host + " is not a public address"))
                .body("detail", not(containsString(local.getHostAddress())));
    }
}
