package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A job's history: resuming an event stream, the per-key cap, changes made by another replica, the JSON pages. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class JobEventsTest {
    @TestHTTPResource("/")
    URL base;

    @Test
    void aClientResumingWithLastEventIdMissesNothing() throws Exception {
        String[] own = Api.tenantAndKey();
        String job = Api.submitTexture(own[1], Api.upload(own[1]));
        List<SseStream.Event> first = new ArrayList<>();
        try (SseStream stream = SseStream.open(base, own[1], job, null)) {
            first.add(stream.next());
            Events.started(own[0], job);
            Events.progress(own[0], job, "synthesis", 30);
            while (first.size() < 3) {
                first.add(stream.next());
            }
        }
        assertEquals(List.of("queued", "started", "progress"), SseStream.names(first));
        Events.progress(own[0], job, "synthesis", 70); // while no stream is open
        // an id after the job's newest event (4) names no event: the stream would wait for it, and for the job's end,
        // with keep-alives alone until its 15 minutes were up (it never compared its position with the ending event's)
        try (SseStream beyond = SseStream.open(base, own[1], job, "50")) {
            assertEquals(400, beyond.status());
            assertTrue(beyond.lines().contains("Last-Event-ID"), beyond.lines());
        }

        List<SseStream.Event> resumed;
        try (SseStream stream = SseStream.open(base, own[1], job, "2")) {
            assertEquals(200, stream.status());
            assertEquals(first.get(2), stream.next(), "the stream goes on right after the event named by Last-Event-ID");
            Events.failed(own[0], job, "internal");
            resumed = stream.untilEnd();
        }
        assertEquals(List.of("progress", "failed"), SseStream.names(resumed), resumed.toString());
        assertEquals(List.of("4", "5"), SseStream.ids(resumed));
        assertEquals(70, new JsonPath(resumed.get(0).data()).getInt("progress"));

        try (SseStream afterTheEnd = SseStream.open(base, own[1], job, "5")) {
            assertEquals(204, afterTheEnd.status(), "nothing follows the last event: an EventSource stops reconnecting");
        }
        // a client that names no media type gets the event stream, as before the JSON history existed
        String plain = as(own[1]).header("Accept", "*/*").get("/v1/jobs/" + job + "/events").then().statusCode(200)
                .contentType(startsWith("text/event-stream")).extract().asString();
        assertTrue(plain.matches("(?s).*event: ?queued\n.*event: ?failed\n.*"), plain);
        assertFalse(plain.contains("content-type:"), "only the fields docs/api.md shows (event, id, data): " + plain);
        try (SseStream garbage = SseStream.open(base, own[1], job, "abc")) {
            assertEquals(400, garbage.status());
            assertTrue(garbage.lines().contains("invalid-request"), garbage.lines());
        }
    }

    /** The test configuration allows 2 open streams per key (realskin.jobs.sse.max-streams-per-key). */
    @Test
    void aKeyMayHoldOnlySoManyOpenStreams() throws Exception {
        String[] own = Api.tenantAndKey();
        String job = Api.submitTexture(own[1], Api.upload(own[1]));
        try (SseStream one = SseStream.open(base, own[1], job, null);
             SseStream two = SseStream.open(base, own[1], job, null)) {
            assertEquals("queued", one.next().name());
            assertEquals("queued", two.next().name());
            try (SseStream three = SseStream.open(base, own[1], job, null)) {
                assertEquals(429, three.status());
                assertEquals("application/problem+json", three.header("Content-Type"));
                JsonPath problem = new JsonPath(three.lines());
                assertEquals("https://realskin.io/problems/too-many-streams", problem.getString("type"));
                assertEquals(2, problem.getInt("maxStreams"));
            }
            String otherKey = Api.key(own[0], "jobs:read");
            try (SseStream ofAnotherKey = SseStream.open(base, otherKey, job, null)) {
                assertEquals(200, ofAnotherKey.status(), "the cap is per key");
                assertEquals("queued", ofAnotherKey.next().name());
            }
            one.close();
            assertEquals("queued", awaitOpenStream(own[1], job).name(), "a closed stream gives its slot back");
        }
    }

    /**
     * Another replica applies a job event: it writes the job row in its own transaction, on its own connection, and
     * this replica only hears of it through PostgreSQL's notification (the sweep is off in the tests).
     */
    @Test
    void aChangeCommittedByAnotherReplicaWakesTheStream() throws Exception {
        String[] own = Api.tenantAndKey();
        String job = Api.submitTexture(own[1], Api.upload(own[1]));
        try (SseStream stream = SseStream.open(base, own[1], job, null);
             Connection otherReplica = LocalStack.shared().postgres().connect("gateway")) {
            assertEquals("queued", stream.next().name());
            try (PreparedStatement start = otherReplica.prepareStatement("update jobs set status = 'running', stage = 'synthesis', "
                    + "progress = 40, updated_at = now() where id = ?")) {
                start.setString(1, job);
                assertEquals(1, start.executeUpdate());
            }
            SseStream.Event started = stream.next();
            assertEquals("started", started.name());
            assertEquals(40, new JsonPath(started.data()).getInt("progress"));
            try (PreparedStatement fail = otherReplica.prepareStatement("update jobs set status = 'failed', progress = 100, "
                    + "error = '{\"code\":\"engine_error\",\"message\":\"it failed\"}'::jsonb, updated_at = now(), "
                    + "finished_at = now() where id = ?")) {
                fail.setString(1, job);
                assertEquals(1, fail.executeUpdate());
            }
            SseStream.Event failed = stream.next();
            assertEquals("failed", failed.name());
            assertEquals("engine_error", new JsonPath(failed.data()).getString("error.code"));
            assertNull(stream.next(), "the stream ends after the last event");
        }
    }

    /**
     * A key revoked on another replica (its row changed, no eviction here) no longer receives its job's changes: the
     * stream's next check of the key, within realskin.auth.cache-ttl, ends it, and the reconnect is 401. Until
     * 2026-12-07 the stream was never checked again and delivered the job for up to 15 minutes.
     */
    @Test
    void aStreamEndsWhenItsKeyIsRevokedOnAnotherReplica() throws Exception {
        String[] own = Api.tenantAndKey();
        String job = Api.submitTexture(own[1], Api.upload(own[1]));
        try (SseStream stream = SseStream.open(base, own[1], job, null);
             Connection otherReplica = LocalStack.shared().postgres().connect("gateway")) {
            assertEquals("queued", stream.next().name());
            Sql.execute(otherReplica, "update api_keys set revoked_at = now() where id = ?", Api.keyId(own[1]));
            assertNull(stream.next(), "the stream ends, with no event after the revocation");
        }
        try (SseStream again = SseStream.open(base, own[1], job, "1")) {
            assertEquals(401, again.status());
        }
    }

    /** A tenant suspended on this replica: its open streams end at its eviction from the auth cache; the reconnect is 403. */
    @Test
    void aStreamEndsWhenItsTenantIsSuspended() throws Exception {
        String[] own = Api.tenantAndKey();
        String job = Api.submitTexture(own[1], Api.upload(own[1]));
        try (SseStream stream = SseStream.open(base, own[1], job, null)) {
            assertEquals("queued", stream.next().name());
            Api.admin().contentType("application/json").body("{\"reason\":\"test\"}")
                    .post("/v1/admin/tenants/" + own[0] + "/suspend").then().statusCode(200);
            assertNull(stream.next(), "the stream ends, with no event after the suspension");
        }
        try (SseStream again = SseStream.open(base, own[1], job, "1")) {
            assertEquals(403, again.status());
            assertTrue(again.lines().contains("tenant-suspended"), again.lines());
        }
    }

    /**
     * The same URL answers the stream or the JSON history by Accept: each answer, and each HEAD, says Vary: Accept
     * (before, none did, and a cache could hand the JSON page to an EventSource or the stream to a JSON client).
     */
    @Test
    void theStreamAndTheHistoryVaryByAccept() throws Exception {
        String[] own = Api.tenantAndKey();
        String job = Api.submitTexture(own[1], Api.upload(own[1]));
        try (SseStream stream = SseStream.open(base, own[1], job, null)) {
            assertEquals(200, stream.status());
            assertEquals("Accept", stream.header("Vary"));
        }
        String events = "/v1/jobs/" + job + "/events";
        as(own[1]).accept("application/json").get(events).then().statusCode(200).header("Vary", "Accept");
        as(own[1]).accept("application/json").head(events).then().statusCode(200).header("Vary", "Accept");
        as(own[1]).accept("text/event-stream").head(events).then().statusCode(200).header("Vary", "Accept");
    }

    @Test
    void theHistoryAsJsonIsPagedAndPrivate() throws Exception {
        String[] own = Api.tenantAndKey();
        String job = Api.submitTexture(own[1], Api.upload(own[1]));
        Events.started(own[0], job);
        Events.progress(own[0], job, "synthesis", 60);
        Api.awaitJob(own[1], job, j -> j.getInt("progress") == 60, "progress 60", SseStream.WAIT);
        JsonPath page = as(own[1]).accept("application/json").get("/v1/jobs/" + job + "/events?limit=2").then().statusCode(200)
                .body("items.event", equalTo(List.of("queued", "started"))).body("nextAfter", equalTo(2)).extract().jsonPath();
        assertEquals("queued", page.getString("items[0].status"));
        as(own[1]).accept("application/json").get("/v1/jobs/" + job + "/events?after=2").then().statusCode(200)
                .body("items.sequence", equalTo(List.of(3))).body("items[0].stage", equalTo("synthesis"))
                .body("items[0].progress", equalTo(60)).body("nextAfter", nullValue());

        String[] other = Api.tenantAndKey();
        as(other[1]).accept("application/json").get("/v1/jobs/" + job + "/events").then().statusCode(404);
        try (SseStream notTheirs = SseStream.open(base, other[1], job, null)) {
            assertEquals(404, notTheirs.status());
        }
        as(own[1]).accept("application/json").get("/v1/jobs/" + job + "/events?limit=0").then().statusCode(400);
        as(own[1]).accept("application/json").get("/v1/jobs/" + job + "/events?after=x").then().statusCode(400)
                .body("type", equalTo("https://realskin.io/problems/invalid-request"));
    }

    /** Opens streams until one is let in (the server notices a closed connection soon, not at once). */
    private SseStream.Event awaitOpenStream(String key, String job) throws Exception {
        long deadline = System.nanoTime() + SseStream.WAIT.toNanos();
        while (true) {
            try (SseStream stream = SseStream.open(base, key, job, null)) {
                if (stream.status() == 200) {
                    return stream.next();
                }
                assertEquals(429, stream.status(), stream.lines());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no slot came free within " + SseStream.WAIT);
            }
            Thread.sleep(200);
        }
    }
}
