package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.LocalStackResource;
import io.restassured.response.Response;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class IdempotencyTest {
    @Test
    void theSameKeyAndBodyGetTheStoredResponse() {
        String[] tk = Api.tenantAndKey();
        String image = Api.upload(tk[1]);
        String body = "{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\"}";
        String idem = UUID.randomUUID().toString();
        Response first = as(tk[1]).header("Idempotency-Key", idem).contentType("application/json").body(body).post("/v1/jobs");
        first.then().statusCode(202).header("Idempotent-Replayed", equalTo(null));
        Response second = as(tk[1]).header("Idempotency-Key", idem).contentType("application/json").body(body).post("/v1/jobs");
        second.then().statusCode(202).header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location")).body("id", equalTo(first.path("id")));
        assertEquals(first.asString(), second.asString());
        as(tk[1]).get("/v1/jobs").then().body("items", hasSize(1));
    }

    /**
     * A replayed refusal is the answer first sent, byte for byte, its instance included: until 2026-12-07 the problem
     * was stored before the exception mapper named the request's path, so the replay had no instance.
     */
    @Test
    void aReplayedProblemIsTheProblemFirstAnswered() {
        String[] tk = Api.tenantAndKey();
        String body = "{\"type\":\"texture-restore\",\"imageId\":\"img_nonexistent\"}";
        String idem = UUID.randomUUID().toString();
        Response first = as(tk[1]).header("Idempotency-Key", idem).contentType("application/json").body(body).post("/v1/jobs");
        first.then().statusCode(404).contentType("application/problem+json").body("instance", equalTo("/v1/jobs"));
        Response second = as(tk[1]).header("Idempotency-Key", idem).contentType("application/json").body(body).post("/v1/jobs");
        second.then().statusCode(404).contentType("application/problem+json").header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), second.asString());
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() {
        String[] tk = Api.tenantAndKey();
        String image = Api.upload(tk[1]);
        String idem = UUID.randomUUID().toString();
        as(tk[1]).header("Idempotency-Key", idem).contentType("application/json")
                .body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\",\"intensity\":40}").post("/v1/jobs").then().statusCode(202);
        as(tk[1]).header("Idempotency-Key", idem).contentType("application/json")
                .body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\",\"intensity\":60}").post("/v1/jobs").then().statusCode(422)
                .body("type", equalTo("https://realskin.io/problems/idempotency-key-reused"));
        // the same key on another endpoint is another request too
        as(tk[1]).header("Idempotency-Key", idem).contentType("image/png").body(Api.png(8, 8)).post("/v1/images").then().statusCode(422);
    }

    /**
     * A misspelt field was dropped: the job ran without it and took the key, so the corrected body under the same key
     * was 422 idempotency-key-reused. Now the body is refused as it is read, before the key is looked at: nothing is
     * stored under it, and the corrected body runs with it.
     */
    @Test
    void aBodyWithAFieldTheJobDoesNotDefineIsRefusedAndLeavesTheKeyFree() {
        String[] tk = Api.tenantAndKey();
        String image = Api.upload(tk[1]);
        String idem = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) { // the second is refused anew, not replayed
            as(tk[1]).header("Idempotency-Key", idem).contentType("application/json")
                    .body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\",\"Intensity\":90}").post("/v1/jobs").then()
                    .statusCode(400).header("Idempotent-Replayed", equalTo(null)).body("field", equalTo("Intensity"))
                    .body("suggestions.Intensity", equalTo("intensity"));
        }
        as(tk[1]).header("Idempotency-Key", idem).contentType("application/json")
                .body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\",\"intensity\":90}").post("/v1/jobs").then()
                .statusCode(202).header("Idempotent-Replayed", equalTo(null)).body("request.intensity", equalTo(90));
        as(tk[1]).get("/v1/jobs").then().body("items", hasSize(1));
    }

    /**
     * A body refused by its bean-validation constraints (a blank tenant name) is refused by Quarkus's validation
     * interceptor, inside this one, as a ConstraintViolationException: until 2026-12-07 that freed the key, so the same
     * request ran again instead of being replayed. Now it is stored as the exception mapper renders it.
     */
    @Test
    void aConstraintViolationIsStoredAsTheMapperAnswersIt() {
        String body = "{\"name\":\"\"}";
        String unkeyed = Api.admin().contentType("application/json").body(body).post("/v1/admin/tenants").then()
                .statusCode(400).body("field", equalTo("name")).extract().asString();
        String idem = UUID.randomUUID().toString();
        Response first = Api.admin().header("Idempotency-Key", idem).contentType("application/json").body(body).post("/v1/admin/tenants");
        first.then().statusCode(400).contentType("application/problem+json").header("Idempotent-Replayed", equalTo(null));
        Response replay = Api.admin().header("Idempotency-Key", idem).contentType("application/json").body(body).post("/v1/admin/tenants");
        replay.then().statusCode(400).contentType("application/problem+json").header("Idempotent-Replayed", "true");
        assertEquals(unkeyed, first.asString());
        assertEquals(first.asString(), replay.asString());
        // the key holds that answer: another request under it is another request
        Api.admin().header("Idempotency-Key", idem).contentType("application/json").body("{\"name\":\"fixed\"}")
                .post("/v1/admin/tenants").then().statusCode(422)
                .body("type", equalTo("https://realskin.io/problems/idempotency-key-reused"));
    }

    /** A body that is not the route's JSON is refused as it is read, before the route and its key: nothing is kept. */
    @Test
    void aBodyOfTheWrongShapeLeavesTheKeyFree() {
        String idem = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            Api.admin().header("Idempotency-Key", idem).contentType("application/json").body("{\"name\":[]}")
                    .post("/v1/admin/tenants").then().statusCode(400).header("Idempotent-Replayed", equalTo(null));
        }
        Api.admin().header("Idempotency-Key", idem).contentType("application/json").body("{\"name\":\"shaped\"}")
                .post("/v1/admin/tenants").then().statusCode(201).header("Idempotent-Replayed", equalTo(null));
    }

    @Test
    void aDuplicateWhileTheFirstRunsIs409() {
        String[] tk = Api.tenantAndKey();
        String image = Api.upload(tk[1]);
        String body = "{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\"}";
        String idem = UUID.randomUUID().toString();
        // the first waits (Prefer: wait=60) for a job no worker runs here: it is still running when the second comes
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> as(tk[1]).header("Idempotency-Key", idem)
                .header("Prefer", "wait=60").contentType("application/json").body(body).post("/v1/jobs").statusCode());
        // its job exists once it has claimed the key and is about to wait: a condition, not a guessed pause
        String job = awaitOnlyJob(tk[1]);
        as(tk[1]).header("Idempotency-Key", idem).contentType("application/json").body(body).post("/v1/jobs").then()
                .statusCode(409).header("Retry-After", "1").body("type", equalTo("https://realskin.io/problems/idempotency-in-progress"));
        as(tk[1]).post("/v1/jobs/" + job + "/cancel").then().statusCode(200); // ends the first one's wait
        assertEquals(200, first.join());
        as(tk[1]).header("Idempotency-Key", idem).contentType("application/json").body(body).post("/v1/jobs").then()
                .statusCode(200).header("Idempotent-Replayed", "true").body("status", equalTo("canceled"));
        as(tk[1]).get("/v1/jobs").then().body("items", hasSize(1));
    }

    private static String awaitOnlyJob(String key) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            java.util.List<String> ids = as(key).get("/v1/jobs").then().statusCode(200).extract().path("items.id");
            if (!ids.isEmpty()) {
                assertEquals(1, ids.size(), ids.toString());
                return ids.get(0);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the first request created no job");
    }

    @Test
    void aFailureOnOurSideFreesTheKeyForARetry() {
        String[] tk = Api.tenantAndKey();
        String image = Api.upload(tk[1]);
        String body = "{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\"}";
        String idem = UUID.randomUUID().toString();
        Stubs.up("billing", false);
        try {
            as(tk[1]).header("Idempotency-Key", idem).contentType("application/json").body(body).post("/v1/jobs").then().statusCode(503);
        } finally {
            Stubs.up("billing", true);
        }
        as(tk[1]).header("Idempotency-Key", idem).contentType("application/json").body(body).post("/v1/jobs").then()
                .statusCode(202).header("Idempotent-Replayed", equalTo(null));
    }

    @Test
    void clientErrorsAreStoredAndUploadsAndAdminCallsAreIdempotentToo() {
        String[] tk = Api.tenantAndKey();
        String idem = UUID.randomUUID().toString();
        byte[] png = Api.png(16, 16);
        String id = as(tk[1]).header("Idempotency-Key", idem).contentType("image/png").body(png).post("/v1/images").then()
                .statusCode(201).extract().path("id");
        as(tk[1]).header("Idempotency-Key", idem).contentType("image/png").body(png).post("/v1/images").then()
                .statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(id));
        String bad = UUID.randomUUID().toString();
        as(tk[1]).header("Idempotency-Key", bad).contentType("application/json").body("{\"type\":\"nope\"}").post("/v1/jobs")
                .then().statusCode(400);
        as(tk[1]).header("Idempotency-Key", bad).contentType("application/json").body("{\"type\":\"nope\"}").post("/v1/jobs")
                .then().statusCode(400).header("Idempotent-Replayed", "true")
                .body("type", equalTo("https://realskin.io/problems/invalid-request"));
        String t = UUID.randomUUID().toString();
        String tenant = Api.admin().header("Idempotency-Key", t).contentType("application/json").body("{\"name\":\"once\"}")
                .post("/v1/admin/tenants").then().statusCode(201).extract().path("id");
        Api.admin().header("Idempotency-Key", t).contentType("application/json").body("{\"name\":\"once\"}")
                .post("/v1/admin/tenants").then().statusCode(201).body("id", equalTo(tenant));
        as(tk[1]).header("Idempotency-Key", "has space").contentType("image/png").body(png).post("/v1/images").then().statusCode(400);
    }
}
