package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.support.metrics.RouteLabels;
import io.realskin.local.LocalStackResource;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The uri label of http_server_requests for answers given before a route was matched (AuthFilter's refusals, the
 * request head's limits): the template of the route the path falls under, else a constant, never the path as sent.
 * Until 2026-12-07 each refused path was a label of its own, and Quarkus keeps at most 100 (max-uri-tags): a hundred
 * made-up paths left every route and status not seen before, the first 5xx of the alerts included, unrecorded.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class RouteLabelsTest {
    /** More than Quarkus' 100 distinct labels. */
    private static final int MADE_UP_PATHS = 120;

    @Inject
    MeterRegistry registry;

    @Test
    void refusedAnswersAreLabelledByTheirRouteOrAConstantNeverByTheirPath() {
        String[] suspended = Api.tenantAndKey();
        Api.admin().contentType("application/json").body("{\"reason\":\"test\"}")
                .post("/v1/admin/tenants/" + suspended[0] + "/suspend").then().statusCode(200);
        for (int i = 0; i < MADE_UP_PATHS; i++) {
            as(suspended[1]).get("/v1/flood" + i + "/x").then().statusCode(403);
        }
        as(suspended[1]).get("/v1/jobs/job_flood_a").then().statusCode(403);
        as(suspended[1]).get("/v1/jobs/job_flood_b").then().statusCode(403);
        given().get("/v1/images/img_flood_keyless").then().statusCode(401); // one of the address's 30 failures a minute
        given().get("/v1/flood-long/" + "a".repeat(4200)).then().statusCode(414);
        String[] own = Api.tenantAndKey();
        as(own[1]).get("/v1/images/img_flood_absent").then().statusCode(404);

        List<Meter.Id> series = registry.find("http.server.requests").meters().stream().map(Meter::getId).toList();
        assertEquals(List.of(), series.stream().filter(id -> id.getTag("uri").contains("flood")).toList(), "no label is a path as sent");
        assertTrue(has(series, "/v1/jobs/{id}", "403"), "a refused path a route takes is labelled with its template");
        assertTrue(has(series, "/v1/images/{id}", "401"), "a keyless one too");
        assertTrue(has(series, RouteLabels.UNMATCHED, "403"), "a path no route takes: one constant");
        assertTrue(has(series, RouteLabels.UNMATCHED, "414"), "a head refused before any route likewise");
        assertTrue(has(series, "/v1/images/{id}", "404"), "a route's own answer after all these is recorded");
    }

    private static boolean has(List<Meter.Id> series, String uri, String status) {
        return series.stream().anyMatch(id -> uri.equals(id.getTag("uri")) && status.equals(id.getTag("status")));
    }
}
