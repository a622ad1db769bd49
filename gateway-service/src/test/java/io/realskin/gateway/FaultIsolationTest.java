package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.LocalStackResource;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One tenant's bad input never reaches billing's SQL, is answered 4xx, and never opens the billing circuit breaker
 * for the other tenants: the breaker counts only failures of billing itself, not answers to one tenant's requests.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class FaultIsolationTest {
    private static final String INVALID = "https://realskin.io/problems/invalid-request";

    @Inject
    MeterRegistry registry;

    @Test
    void controlBytesInIdsAndNamesAre400BeforeBilling() {
        String[] a = Api.tenantAndKey();
        for (int i = 0; i < 26; i++) {
            as(a[1]).urlEncodingEnabled(false).get("/v1/billing/ledger?jobId=job%00" + i).then().statusCode(400)
                    .contentType("application/problem+json").body("type", equalTo(INVALID));
            as(a[1]).contentType("application/json").body("{\"type\":\"generate\",\"prompt\":\"p\",\"model\":\"m\\u0000" + i + "\"}")
                    .post("/v1/jobs").then().statusCode(400).body("type", equalTo(INVALID));
        }
        assertEquals(List.of(), Stubs.holdsOf(a[0]), "nothing reached billing's holds");
    }

    @Test
    void tenantAsFailingRequestsNeverOpenTheBreakerForTenantB() {
        String[] a = Api.tenantAndKey();
        String[] b = Api.tenantAndKey();
        String image = Api.upload(b[1]);
        double openBefore = openBillingBreakers();
        // billing fails (500) on every ledger read of tenant A, as its PostgreSQL did on a NUL byte
        Stubs.holdMode(a[0], "broken");
        try {
            for (int i = 0; i < 30; i++) {
                int status = as(a[1]).get("/v1/billing/ledger?limit=" + (1 + i % 5)).then().contentType("application/problem+json")
                        .extract().statusCode();
                assertNotEquals(200, status, "billing failed tenant A's read");
            }
            for (int i = 0; i < 5; i++) {
                as(b[1]).get("/v1/billing/balance").then().statusCode(200).body("tenantId", equalTo(b[0]));
                as(b[1]).contentType("application/json").body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\"}")
                        .post("/v1/jobs").then().statusCode(202);
            }
            // tenant A's breaker, and only A's, is open: the gauge counts it (the tenants' FT state gauges, which shared
            // one series and showed the first tenant's breaker only, are not registered)
            assertEquals(openBefore + 1, openBillingBreakers());
            assertNull(registry.find("ft.circuitbreaker.state.current").tag("method", "billing-tenant").gauge());
        } finally {
            Stubs.holdMode(a[0], "ok");
        }
    }

    private double openBillingBreakers() {
        return registry.get("realskin.gateway.backend.tenant.breakers.open").tag("backend", "billing").gauge().value();
    }

    @Test
    void billingsAnswerToBadInputIsA400NotA503() {
        String[] tk = Api.tenantAndKey();
        Stubs.holdMode(tk[0], "invalid");
        try {
            as(tk[1]).contentType("application/json").body("{\"type\":\"generate\",\"prompt\":\"p\",\"model\":\"odd-model\"}")
                    .post("/v1/jobs").then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo(INVALID)).body("detail", containsString("model"));
        } finally {
            Stubs.holdMode(tk[0], "ok");
        }
        assertEquals(List.of(), Stubs.holdsOf(tk[0]), "nothing was held");
        as(tk[1]).get("/v1/jobs").then().statusCode(200).body("items.size()", equalTo(0));
    }
}
