package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.LocalStackResource;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** prompt-service and billing behind the gateway: answers passed through, a clear 503 when they are down. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class ProxiesTest {
    private static final String UNAVAILABLE = "https://realskin.io/problems/backend-unavailable";
    private static final String INVALID = "https://realskin.io/problems/invalid-request";
    /** The prompt the prompt stand-in holds until the test releases it. */
    private static final String HELD = "{\"prompt\":\"hold\"}";

    @Inject
    MeterRegistry registry;

    @Test
    void promptServiceAnswersPassThrough() {
        String key = Api.tenantAndKey()[1];
        as(key).contentType("application/json").body("{\"prompt\":\"a stunning portrait\"}").post("/v1/prompts/enhance")
                .then().statusCode(200).body("prompt", equalTo("a stunning portrait, visible pores, 85mm lens"));
        as(key).contentType("application/json").body("{\"prompt\":\"a stunning portrait\"}").post("/v1/prompts/lint")
                .then().statusCode(200).body("risk", equalTo(80));
        as(key).get("/v1/models").then().statusCode(200).body("models[0].id", equalTo("nano-banana-pro"));
        as(key).contentType("application/json").body("{\"phase\":\"final\"}").post("/v1/models/recommend")
                .then().statusCode(200).body("model.id", equalTo("nano-banana-pro"));
        as(key).contentType("application/json").body("{\"stage\":\"have-image\"}").post("/v1/advice")
                .then().statusCode(200).body("stage", equalTo("have-image"));
        // prompt-service's own problems come through with their type, title, status, detail and plain members
        as(key).contentType("application/json").body("{\"prompt\":\"\"}").post("/v1/prompts/enhance")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://realskin.io/problems/prompt-empty")).body("title", equalTo("Prompt is empty"))
                .body("status", equalTo(400)).body("detail", equalTo("'prompt' is blank")).body("field", equalTo("prompt"))
                .body("instance", equalTo("/v1/prompts/enhance"));
    }

    /**
     * A recommendation and advice are for the caller's tenant's own plan: a body without one gets it (prompt-service took
     * none as free for a recommendation, as creator for advice: a pro tenant was told flux-2-pro with "needs plan pro",
     * a free tenant's advice named nano-banana-pro, which its jobs are refused), and one naming another plan is 400.
     */
    @Test
    void recommendAndAdviceAreForTheTenantsOwnPlan() {
        String pro = Api.key(Api.tenant("pro"), "jobs:read");
        String free = Api.key(Api.tenant("free"), "jobs:read");
        as(pro).contentType("application/json").body("{\"phase\":\"final\"}").post("/v1/models/recommend").then().statusCode(200);
        assertEquals("pro", Stubs.promptBody("/models/recommend").path("plan").asText(), "filled in with the tenant's plan");
        as(free).contentType("application/json").body("{\"stage\":\"generating\"}").post("/v1/advice").then().statusCode(200);
        assertEquals("free", Stubs.promptBody("/advice").path("plan").asText());
        as(pro).contentType("application/json").body("{\"phase\":\"final\",\"plan\":\"pro\"}").post("/v1/models/recommend")
                .then().statusCode(200);
        for (String[] route : new String[][] {{"/v1/models/recommend", "{\"phase\":\"final\",\"plan\":\"creator\"}"},
                {"/v1/advice", "{\"stage\":\"generating\",\"plan\":\"pro\"}"}}) {
            as(free).contentType("application/json").body(route[1]).post(route[0]).then().statusCode(400)
                    .body("type", equalTo("https://realskin.io/problems/invalid-request")).body("field", equalTo("plan"))
                    .body("detail", org.hamcrest.Matchers.containsString("free"));
        }
    }

    /**
     * A prompt body's field its record does not define is 400 naming it and what it likely meant (or, with no likely one,
     * the fields the body takes), and prompt-service is not asked: {@code promt} was dropped and the prompt answered as
     * if none had been sent.
     */
    @Test
    void aPromptBodysUndefinedFieldIsRefusedBeforePromptServiceIsAsked() {
        String key = Api.tenantAndKey()[1];
        String prompt = "portrait " + java.util.UUID.randomUUID();
        as(key).contentType("application/json").body("{\"promt\":\"" + prompt + "\",\"Model\":\"gpt-image-2\"}").post("/v1/prompts/enhance")
                .then().statusCode(400).contentType("application/problem+json").body("type", equalTo(INVALID))
                .body("field", equalTo("Model")).body("fields", org.hamcrest.Matchers.contains("Model", "promt"))
                .body("suggestions.promt", equalTo("prompt")).body("suggestions.Model", equalTo("model"))
                .body("instance", equalTo("/v1/prompts/enhance"));
        assertFalse(Stubs.promptBody("/prompts/enhance").toString().contains(prompt), "not sent on");
        for (String[] route : new String[][] {{"/v1/prompts/lint", "{\"prompt\":\"p\",\"intnet\":\"headshot\"}", "intnet", "intent"},
                {"/v1/models/recommend", "{\"phase\":\"final\",\"need\":[\"reference\"]}", "need", "needs"}}) {
            as(key).contentType("application/json").body(route[1]).post(route[0]).then().statusCode(400).body("type", equalTo(INVALID))
                    .body("field", equalTo(route[2])).body("suggestions." + route[2], equalTo(route[3]));
        }
        as(key).contentType("application/json").body("{\"stage\":\"generating\",\"faces\":\"all\"}").post("/v1/advice").then()
                .statusCode(400).body("type", equalTo(INVALID)).body("field", equalTo("faces")).body("suggestions", nullValue())
                .body("detail", equalTo("faces is not a field of this body; the body takes stage, facesAffected, sourceQuality, plan"));
    }

    /** A prompt route's answer is kept for its Idempotency-Key: the same body replays it, another body is refused. */
    @Test
    void aPromptAnswerReplaysForItsIdempotencyKey() {
        String key = Api.tenantAndKey()[1];
        String idem = "prompt-" + java.util.UUID.randomUUID();
        as(key).header("Idempotency-Key", idem).contentType("application/json").body("{\"prompt\":\"a portrait\"}")
                .post("/v1/prompts/enhance").then().statusCode(200).header("Idempotent-Replayed", nullValue())
                .body("prompt", equalTo("a portrait, visible pores, 85mm lens"));
        as(key).header("Idempotency-Key", idem).contentType("application/json").body("{ \"prompt\" : \"a portrait\" }")
                .post("/v1/prompts/enhance").then().statusCode(200).header("Idempotent-Replayed", equalTo("true"))
                .body("prompt", equalTo("a portrait, visible pores, 85mm lens"));
        as(key).header("Idempotency-Key", idem).contentType("application/json").body("{\"prompt\":\"another portrait\"}")
                .post("/v1/prompts/enhance").then().statusCode(422)
                .body("type", equalTo("https://realskin.io/problems/idempotency-key-reused"));
    }

    @Test
    void aBackendsProblemNeverCarriesItsInternalsToTheCaller() {
        String key = Api.tenantAndKey()[1];
        String leaky = as(key).contentType("application/json").body("{\"prompt\":\"leak\"}").post("/v1/prompts/lint")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://realskin.io/problems/unknown-value")).body("detail", equalTo("Unknown model 'x'"))
                .body("field", equalTo("model")).body("allowed", equalTo(java.util.List.of("a", "b")))
                .body("instance", equalTo("/v1/prompts/lint")).body("debug", nullValue())
                .extract().asString();
        assertFalse(leaky.contains("cluster.local") || leaky.contains("stackTrace"), leaky);
        String html = as(key).contentType("application/json").body("{\"prompt\":\"not-a-problem\"}").post("/v1/prompts/lint")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://realskin.io/problems/http-409")).body("detail", equalTo("prompt-service refused the request"))
                .extract().asString();
        assertFalse(html.contains("cluster.local"), html);
    }

    @Test
    void billingAnswersPassThroughForTheCallersTenantOnly() {
        String[] tk = Api.tenantAndKey();
        as(tk[1]).get("/v1/billing/balance").then().statusCode(200).body("tenantId", equalTo(tk[0])).body("available", equalTo(90));
        as(tk[1]).get("/v1/billing/ledger?kind=GRANT&limit=5").then().statusCode(200).body("items[0].kind", equalTo("GRANT"))
                .body("items[0].reason", containsString("kind=GRANT"));
    }

    /** The kinds a refused filter is told to use are billing's: ADJUSTMENT, which the detail and the document named, is not one. */
    @Test
    void aRefusedLedgerKindIsToldBillingsKinds() {
        String kinds = "GRANT, PURCHASE, HOLD, CAPTURE, RELEASE, REFUND, ADJUST or EXPIRY";
        as(Api.tenantAndKey()[1]).get("/v1/billing/ledger?kind=adjust-ment").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("kind"))
                .body("detail", equalTo("kind must be a ledger entry kind: " + kinds));
        io.restassured.RestAssured.given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/v1/billing/ledger'.get.description", containsString("(" + kinds + ", in any case)"));
    }

    @Test
    void aDownBackendIsA503Problem() {
        String key = Api.tenantAndKey()[1];
        Stubs.up("prompt", false);
        try {
            as(key).contentType("application/json").body("{\"prompt\":\"a portrait\"}").post("/v1/prompts/enhance")
                    .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
                    .body("type", equalTo(UNAVAILABLE)).body("backend", equalTo("prompt-service"));
            as(key).get("/v1/models").then().statusCode(503).body("type", equalTo(UNAVAILABLE));
            as(key).contentType("application/json").body("{\"prompt\":\"x\"}").post("/v1/prompts/lint").then().statusCode(503);
            as(key).contentType("application/json").body("{\"stage\":\"pipeline\"}").post("/v1/advice").then().statusCode(503);
            // a generate job still goes through, with the prompt as given
            as(key).contentType("application/json").body("{\"type\":\"generate\",\"prompt\":\"a portrait\",\"enhancePrompt\":true}")
                    .post("/v1/jobs").then().statusCode(202);
        } finally {
            Stubs.up("prompt", true);
        }
        Stubs.up("billing", false);
        try {
            as(key).get("/v1/billing/balance").then().statusCode(503).body("type", equalTo(UNAVAILABLE)).body("backend", equalTo("billing"));
            as(key).get("/v1/billing/ledger").then().statusCode(503);
        } finally {
            Stubs.up("billing", true);
        }
        // the breaker may have opened: it lets calls through again within its 5 s delay
        awaitOk(key, "/v1/models");
        awaitOk(key, "/v1/billing/balance");
    }

    /**
     * One tenant's prompt-service calls in progress are bounded (prompt-service is CPU-bound and has no per-tenant bound):
     * with its share held at prompt-service, its next call is 429 too-many-prompt-calls at once while another tenant's is served,
     * and every slot comes back after an answer, prompt-service's own problem, and prompt-service down (after a timeout:
     * BackendTimeoutTest).
     */
    @Test
    void aTenantsPromptCallsInProgressAreBoundedAndGivenBack() {
        int perTenant = setting("realskin.backends.max-prompt-calls-per-tenant");
        String a = Api.tenantAndKey()[1];
        String b = Api.tenantAndKey()[1];
        awaitSharedBreakerClosed(b);
        double refused = refusals("tenant");
        ExecutorService callers = Executors.newFixedThreadPool(perTenant);
        List<CompletableFuture<Response>> held = new ArrayList<>();
        try {
            for (int i = 0; i < perTenant; i++) {
                String path = i % 2 == 0 ? "/v1/prompts/lint" : "/v1/prompts/enhance";
                held.add(CompletableFuture.supplyAsync(() -> as(a).contentType("application/json").body(HELD).post(path), callers));
            }
            awaitTrue(() -> Stubs.promptsHeld() == perTenant, "the tenant's " + perTenant + " calls held at prompt-service");
            as(a).contentType("application/json").body("{\"prompt\":\"a portrait\"}").post("/v1/prompts/enhance").then()
                    .statusCode(429).contentType("application/problem+json").header("Retry-After", "1")
                    // the calls in progress refused it, not the rate: the RateLimit headers still show the buckets' tokens
                    .body("type", equalTo("https://realskin.io/problems/too-many-prompt-calls")).body("limit", equalTo(perTenant))
                    .body("retryAfter", equalTo(1)).body("detail", containsString(perTenant + " prompt-service calls"))
                    .header("RateLimit", containsString("\"per-tenant\";r="));
            as(a).get("/v1/models").then().statusCode(429);
            assertEquals(refused + 2, refusals("tenant"));
            assertEquals(perTenant, Stubs.promptsHeld(), "the refused calls never reached prompt-service");
            // another tenant is served meanwhile
            as(b).contentType("application/json").body("{\"prompt\":\"a portrait\"}").post("/v1/prompts/enhance").then()
                    .statusCode(200).body("prompt", equalTo("a portrait, visible pores, 85mm lens"));
        } finally {
            Stubs.releasePrompts();
        }
        for (CompletableFuture<Response> answer : held) {
            answer.join().then().statusCode(200);
        }
        callers.shutdown();
        assertEquals(0, inFlight(), "answered calls give their slots back");
        // prompt-service's own problem gives the slot back too (as many as the share, so that a leak would refuse the next)
        for (int i = 0; i < perTenant; i++) {
            as(a).contentType("application/json").body("{\"prompt\":\"\"}").post("/v1/prompts/lint").then().statusCode(400)
                    .body("type", equalTo("https://realskin.io/problems/prompt-empty"));
        }
        assertEquals(0, inFlight(), "calls answered with prompt-service's problem give their slots back");
        // and so does prompt-service down (one call, its three attempts: more would open the breakers for seconds)
        Stubs.up("prompt", false);
        try {
            as(a).contentType("application/json").body("{\"prompt\":\"a portrait\"}").post("/v1/prompts/lint").then()
                    .statusCode(503).body("type", equalTo(UNAVAILABLE));
        } finally {
            Stubs.up("prompt", true);
        }
        assertEquals(0, inFlight(), "a call to a prompt-service that is down gives its slot back");
        awaitSharedBreakerClosed(a);
        as(a).contentType("application/json").body("{\"prompt\":\"a portrait\"}").post("/v1/prompts/lint").then().statusCode(200);
    }

    /** Over every tenant, a replica's prompt-service calls in progress are bounded too: one more is 503 server-busy. */
    @Test
    void theReplicasPromptCallsInProgressAreBounded() {
        int perTenant = setting("realskin.backends.max-prompt-calls-per-tenant");
        int perReplica = setting("realskin.backends.max-prompt-calls");
        awaitSharedBreakerClosed(Api.tenantAndKey()[1]);
        double refused = refusals("replica");
        ExecutorService callers = Executors.newFixedThreadPool(perReplica);
        List<CompletableFuture<Response>> held = new ArrayList<>();
        try {
            String key = null;
            for (int i = 0; i < perReplica; i++) {
                key = i % perTenant == 0 ? Api.tenantAndKey()[1] : key;
                String caller = key;
                held.add(CompletableFuture.supplyAsync(() -> as(caller).contentType("application/json").body(HELD)
                        .post("/v1/prompts/lint"), callers));
            }
            awaitTrue(() -> Stubs.promptsHeld() == perReplica, "the replica's " + perReplica + " calls held at prompt-service");
            as(Api.tenantAndKey()[1]).contentType("application/json").body("{\"prompt\":\"a portrait\"}").post("/v1/prompts/lint")
                    .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "1")
                    .body("type", equalTo("https://realskin.io/problems/server-busy"))
                    .body("detail", containsString("prompt-service calls"));
            assertEquals(refused + 1, refusals("replica"));
        } finally {
            Stubs.releasePrompts();
        }
        for (CompletableFuture<Response> answer : held) {
            answer.join().then().statusCode(200);
        }
        callers.shutdown();
        assertEquals(0, inFlight());
    }

    /**
     * Calls prompt-service until its shared breaker is closed: after a test that took prompt-service down it may be
     * half-open, and then refuses every call sent while its trial calls are under way (the held ones).
     */
    private void awaitSharedBreakerClosed(String key) {
        awaitTrue(() -> {
            var closed = registry.find("ft.circuitbreaker.state.current").tags("method", "prompt-service-retrying", "state", "closed").gauge();
            if (closed != null && closed.value() == 1) {
                return true;
            }
            as(key).get("/v1/models");
            pause(450);
            return false;
        }, "prompt-service's shared breaker closed");
    }

    private static int setting(String name) {
        return ConfigProvider.getConfig().getValue(name, Integer.class);
    }

    private double refusals(String reason) {
        return registry.counter("realskin.gateway.prompt.calls.refused", "reason", reason).count();
    }

    private double inFlight() {
        return registry.get("realskin.gateway.prompt.calls.in.flight").gauge().value();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what);
            }
            pause(50);
        }
    }

    private static void awaitOk(String key, String path) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        int status = 0;
        while (status != 200 && System.nanoTime() < deadline) {
            status = as(key).get(path).statusCode();
            if (status != 200) {
                pause(500);
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(200, status, path + " is back");
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
