package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.support.metrics.MethodLabels;
import io.realskin.support.metrics.RouteLabels;
import io.realskin.local.LocalStackResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
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

        assertTrue(recorded(() -> has(series(), "/v1/images/{id}", "404")), "a route's own answer after all these is recorded");
        List<Meter.Id> series = series();
        assertEquals(List.of(), series.stream().filter(id -> id.getTag("uri").contains("flood")).toList(), "no label is a path as sent");
        assertTrue(has(series, "/v1/jobs/{id}", "403"), "a refused path a route takes is labelled with its template");
        assertTrue(has(series, "/v1/images/{id}", "401"), "a keyless one too");
        assertTrue(has(series, RouteLabels.UNMATCHED, "403"), "a path no route takes: one constant");
        assertTrue(has(series, RouteLabels.UNMATCHED, "414"), "a head refused before any route likewise");
    }

    /**
     * The method label is the request's method only when HTTP defines it: any token is a method to Vert.x, so until
     * 2026-12-07 each made-up one (FLOOD0, FLOOD1, ...) was a series of its own, and of its histogram's buckets, without
     * bound (Quarkus bounds the uri label only): any client, without a key, grew every replica's registry and Prometheus.
     */
    @Test
    void aMadeUpMethodIsOneLabelNotItsName() {
        String[] own = Api.tenantAndKey();
        for (int i = 0; i < 3; i++) {
            int status = as(own[1]).request("FLOOD" + i, "/v1/jobs").then().extract().statusCode();
            assertTrue(status >= 400 && status < 500, "a made-up method is refused as the client's error: " + status);
        }
        assertTrue(recorded(() -> registry.find("http.server.requests").tag("method", MethodLabels.UNKNOWN).timers().stream()
                .mapToLong(Timer::count).sum() >= 3), "made-up methods are one label");
        assertEquals(List.of(), series().stream().filter(id -> id.getTag("method").contains("FLOOD")).toList(),
                "no label is a method as sent");
    }

    private List<Meter.Id> series() {
        return registry.find("http.server.requests").meters().stream().map(Meter::getId).toList();
    }

    /**
     * Quarkus records an answer once Vert.x has written it, which may be after the client has read it: the last request's
     * series is waited for (briefly), and the others are read after it.
     */
    private static boolean recorded(BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        return true;
    }

    private static boolean has(List<Meter.Id> series, String uri, String status) {
        return series.stream().anyMatch(id -> uri.equals(id.getTag("uri")) && status.equals(id.getTag("status")));
    }
}
