package io.realskin.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.realskin.contracts.ImageModels;
import io.realskin.contracts.prompt.ImageModel;
import io.realskin.contracts.prompt.ModelCatalogue;
import io.realskin.contracts.prompt.Plan;
import io.realskin.local.ServiceKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Billing and prompt-service stand-ins (small JDK HTTP servers on free ports) and a webhook receiver, for the
 * gateway's component tests; the real services meet the gateway in system-tests. Each can be stopped and started
 * again on its port, to show the gateway's answer when a backend is down. Like the real backends, the stand-ins
 * answer only a valid service token for them (signed with the test JVM's {@link ServiceKeys}) and keep its claims.
 */
public class StubBackends implements QuarkusTestResourceLifecycleManager {
    static final ObjectMapper JSON = new ObjectMapper();
    /** A fixed, well-formed test key: the resource and the tests may live in different class loaders. */
    public static final String ADMIN_KEY = "rsk_test_bgmO03ou4dp4pyoWxcKV12oizZ6kDkkU23wjaz";

    /**
     * How billing answers a hold, by tenant id: ok (default), broke (402), plan (403), invalid (400); lost: placed, but
     * answered 500 (the answer lost on its way back); late: answered 500 and not placed yet (the test places it later,
     * as a request still on its way would); unreleasable: placed as ok, but a release is answered 500.
     */
    private static final Map<String, String> HOLD_MODE = new ConcurrentHashMap<>();
    /** Hold state by job id: HELD or RELEASED. */
    private static final Map<String, String> HOLDS = new ConcurrentHashMap<>();
    /** The quote of each hold placed, as the gateway sent it. */
    private static final Map<String, String> QUOTES = new ConcurrentHashMap<>();
    /** The bodies of POST /quotes, by tenant, in order. */
    private static final Map<String, List<String>> PRICE_REQUESTS = new ConcurrentHashMap<>();
    /** The actor of each grant, adjustment and refund billing was asked for, by tenant, in order. */
    private static final Map<String, List<String>> CREDIT_ACTORS = new ConcurrentHashMap<>();
    /** Tenant of each hold, by job id. */
    private static final Map<String, String> HOLD_TENANTS = new ConcurrentHashMap<>();
    /** Webhooks received: each a map of lower-case header names plus "body" and "path". */
    private static final List<Map<String, String>> WEBHOOKS = new CopyOnWriteArrayList<>();
    /** The service tokens the stand-ins accepted: claims iss, aud, sub, scope, exp, iat plus "method" and "path". */
    private static final List<Map<String, Object>> TOKENS = new CopyOnWriteArrayList<>();
    /** When set, the stand-ins refuse every token, as a backend with another key set would. */
    private static volatile boolean refuseTokens;
    /** Statuses the receiver answers with, in order; 204 when empty. */
    private static final ConcurrentLinkedQueue<Integer> WEBHOOK_STATUSES = new ConcurrentLinkedQueue<>();
    /** Tenants whose billing account was closed (POST /accounts/{t}/close), once per call. */
    private static final List<String> CLOSED = new CopyOnWriteArrayList<>();
    /** Tenants whose billing account was opened (PUT /accounts/{t}). */
    private static final List<String> ACCOUNTS = new CopyOnWriteArrayList<>();
    /** The last body prompt-service's stand-in received, by path (/models/recommend, /advice). */
    private static final Map<String, String> PROMPT_BODIES = new ConcurrentHashMap<>();
    /** Providers without a key at the prompt stand-in: as a deployment without them, SDXL's never has one. */
    private static final java.util.Set<String> UNCONFIGURED = ConcurrentHashMap.newKeySet();

    static {
        UNCONFIGURED.add(ImageModels.STABILITY);
    }
    /** The slow receiver holds every request until released; how many it holds now and at most. */
    private static final java.util.concurrent.CountDownLatch SLOW_GATE = new java.util.concurrent.CountDownLatch(1);
    private static final java.util.concurrent.atomic.AtomicInteger SLOW_IN_FLIGHT = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger SLOW_MAX = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger SLOW_RECEIVED = new java.util.concurrent.atomic.AtomicInteger();

    private static Stub billing;
    private static Stub prompt;
    private static Stub texture;
    /** Previews the texture stand-in holds until released (intensity 99). */
    private static final Gate PREVIEW_GATE = new Gate();
    /** Thumbnails the texture stand-in holds until released (of a source image 333 px wide). */
    private static final Gate THUMBNAIL_GATE = new Gate();
    /** Texture profiles the texture stand-in holds until released (of a photo 444 px wide). */
    private static final Gate PROFILE_GATE = new Gate();
    /** Prompt calls the prompt stand-in holds until released (the prompt "hold"). */
    private static final Gate PROMPT_GATE = new Gate();
    private static Stub receiver;
    private static Stub slowReceiver;
    private static Stub control;

    @Override
    public Map<String, String> start() {
        billing = new Stub(StubBackends::billing).start();
        // more threads than a replica's prompt calls in progress (realskin.backends.max-prompt-calls), all of them held
        prompt = new Stub(StubBackends::prompt, 24).start();
        texture = new Stub(StubBackends::texture, 8).start();
        receiver = new Stub(StubBackends::receiver).start();
        slowReceiver = new Stub(StubBackends::slowReceiver, 32).start();
        control = new Stub(StubBackends::control).start();
        // The tests may be loaded by another class loader than this resource: they reach the stubs' state over HTTP.
        System.setProperty("stub.controlPort", String.valueOf(control.port));
        System.setProperty("stub.receiverPort", String.valueOf(receiver.port));
        System.setProperty("stub.slowReceiverPort", String.valueOf(slowReceiver.port));
        return Map.ofEntries(
                Map.entry("quarkus.rest-client.billing.url", "http://127.0.0.1:" + billing.port),
                Map.entry("quarkus.rest-client.prompt.url", "http://127.0.0.1:" + prompt.port),
                Map.entry("quarkus.rest-client.texture.url", "http://127.0.0.1:" + texture.port),
                Map.entry("quarkus.rest-client.billing.connect-timeout", "500"),
                Map.entry("quarkus.rest-client.prompt.connect-timeout", "500"),
                Map.entry("quarkus.rest-client.texture.connect-timeout", "500"),
                // the stand-ins answer at once: a call that takes longer is a busy machine (the first call of a fresh
                // JVM at load 30 took over 5 s), not a failure any test looks for
                Map.entry("quarkus.rest-client.billing.read-timeout", "60000"),
                Map.entry("quarkus.rest-client.prompt.read-timeout", "60000"),
                Map.entry("quarkus.rest-client.texture.read-timeout", "60000"),
                Map.entry("realskin.backends.billing-timeout", "60s"),
                Map.entry("realskin.backends.prompt-timeout", "60s"),
                Map.entry("realskin.backends.texture-timeout", "60s"),
                Map.entry("realskin.admin-key", ADMIN_KEY),
                Map.entry("realskin.webhooks.allowed-hosts", "127.0.0.1:" + receiver.port + ",127.0.0.1:" + slowReceiver.port),
                // longer than any test waits: a slow receiver's attempts stay in flight while a test looks
                Map.entry("realskin.webhooks.timeout", "60s"),
                Map.entry("realskin.webhooks.retry-schedule", "2s,2s,2s"),
                // streams wake up on PostgreSQL notifications only: the sweep, their safety net, never runs in a test
                Map.entry("realskin.jobs.sse.sweep", "1h"),
                Map.entry("realskin.jobs.sse.max-streams-per-key", "2"),
                // a test that takes a provider's key away sees it at the next submit
                Map.entry("realskin.jobs.model-catalogue-ttl", "0s"));
    }

    @Override
    public void stop() {
        billing.stop();
        prompt.stop();
        PREVIEW_GATE.open();
        THUMBNAIL_GATE.open();
        PROFILE_GATE.open();
        PROMPT_GATE.open();
        texture.stop();
        receiver.stop();
        SLOW_GATE.countDown();
        slowReceiver.stop();
        control.stop();
    }

    /**
     * The tests' remote control: /{billing|prompt}/{up|down}, /hold-mode/{tenant}/{mode}, /holds/{job}, /hold-jobs-of/{tenant},
     * /quotes/{job},
     * /price-requests/{tenant}, /providers/{provider}/{configured|unconfigured},
     * /hold-state/{job}/{state}, /webhooks, /webhook-statuses/{s}, /accounts, /closed, /credit-actors/{tenant}, /slow/{stats|release}, /prompts-held,
     * /prompts-release, /prompt-body/{path} (the last body prompt-service's stand-in received at that path).
     */
    private static void control(HttpExchange x) throws IOException {
        String[] p = x.getRequestURI().getPath().split("/");
        switch (p[1]) {
            case "billing", "prompt", "texture" -> {
                Stub stub = switch (p[1]) {
                    case "billing" -> billing;
                    case "prompt" -> prompt;
                    default -> texture;
                };
                if (p[2].equals("up")) {
                    stub.start();
                } else {
                    stub.stop();
                }
                send(x, 200, "text/plain", "ok");
            }
            case "hold-mode" -> {
                if (p[3].equals("ok")) {
                    HOLD_MODE.remove(p[2]);
                } else {
                    HOLD_MODE.put(p[2], p[3]);
                }
                send(x, 200, "text/plain", "ok");
            }
            case "holds" -> send(x, 200, "text/plain", HOLDS.getOrDefault(p[2], "NONE"));
            case "quotes" -> send(x, 200, "application/json", QUOTES.getOrDefault(p[2], "null"));
            case "prompt-body" -> send(x, 200, "application/json", PROMPT_BODIES.getOrDefault("/" + String.join("/",
                    java.util.Arrays.copyOfRange(p, 2, p.length)), "null"));
            case "price-requests" -> send(x, 200, "application/json", "[" + String.join(",", PRICE_REQUESTS.getOrDefault(p[2], List.of())) + "]");
            case "hold-state" -> {
                HOLDS.put(p[2], p[3]);
                send(x, 200, "text/plain", "ok");
            }
            case "hold-jobs-of" -> send(x, 200, "application/json", JSON.writeValueAsString(HOLD_TENANTS.entrySet().stream()
                    .filter(e -> e.getValue().equals(p[2])).map(Map.Entry::getKey).sorted().toList()));
            case "holds-of" -> send(x, 200, "application/json", JSON.writeValueAsString(HOLD_TENANTS.entrySet().stream()
                    .filter(e -> e.getValue().equals(p[2])).map(e -> HOLDS.get(e.getKey())).toList()));
            case "webhooks" -> send(x, 200, "application/json", JSON.writeValueAsString(WEBHOOKS));
            case "tokens" -> send(x, 200, "application/json", JSON.writeValueAsString(TOKENS));
            case "refuse-tokens" -> {
                refuseTokens = p[2].equals("on");
                send(x, 200, "text/plain", "ok");
            }
            case "accounts" -> send(x, 200, "application/json", JSON.writeValueAsString(ACCOUNTS));
            case "closed" -> send(x, 200, "application/json", JSON.writeValueAsString(CLOSED));
            case "credit-actors" -> send(x, 200, "application/json", JSON.writeValueAsString(CREDIT_ACTORS.getOrDefault(p[2], List.of())));
            case "providers" -> {
                if (p[3].equals("configured")) {
                    UNCONFIGURED.remove(p[2]);
                } else {
                    UNCONFIGURED.add(p[2]);
                }
                send(x, 200, "text/plain", "ok");
            }
            case "previews-held" -> send(x, 200, "text/plain", String.valueOf(PREVIEW_GATE.held()));
            case "previews-release" -> {
                PREVIEW_GATE.release();
                send(x, 200, "text/plain", "ok");
            }
            case "thumbnails-held" -> send(x, 200, "text/plain", String.valueOf(THUMBNAIL_GATE.held()));
            case "thumbnails-release" -> {
                THUMBNAIL_GATE.release();
                send(x, 200, "text/plain", "ok");
            }
            case "profiles-held" -> send(x, 200, "text/plain", String.valueOf(PROFILE_GATE.held()));
            case "profiles-release" -> {
                PROFILE_GATE.release();
                send(x, 200, "text/plain", "ok");
            }
            case "prompts-held" -> send(x, 200, "text/plain", String.valueOf(PROMPT_GATE.held()));
            case "prompts-release" -> {
                PROMPT_GATE.release();
                send(x, 200, "text/plain", "ok");
            }
            case "slow" -> {
                if (p[2].equals("release")) {
                    SLOW_GATE.countDown(); // for good: later requests are answered at once
                }
                send(x, 200, "application/json", JSON.createObjectNode().put("inFlight", SLOW_IN_FLIGHT.get())
                        .put("max", SLOW_MAX.get()).put("received", SLOW_RECEIVED.get()).toString());
            }
            case "webhook-statuses" -> {
                WEBHOOK_STATUSES.add(Integer.parseInt(p[2]));
                send(x, 200, "text/plain", "ok");
            }
            default -> send(x, 404, "text/plain", "no");
        }
    }



    /** As a backend does: 401 unless the request carries a service token of the JVM's key pair for {@code audience}. */
    private static boolean authorized(HttpExchange x, String audience) throws IOException {
        String authorization = x.getRequestHeaders().getFirst("Authorization");
        try {
            if (refuseTokens || authorization == null || !authorization.startsWith("Bearer ")) {
                throw new IllegalArgumentException("no bearer token");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> claims = JSON.readValue(ServiceKeys.shared().verifiedClaims(authorization.substring(7)), Map.class);
            long now = System.currentTimeMillis() / 1000;
            if (!"realskin-gateway".equals(claims.get("iss")) || !audience.equals(claims.get("aud"))
                    || ((Number) claims.get("exp")).longValue() < now) {
                throw new IllegalArgumentException("wrong issuer, audience or expired: " + claims);
            }
            Map<String, Object> seen = new java.util.LinkedHashMap<>(claims);
            seen.put("method", x.getRequestMethod());
            seen.put("path", x.getRequestURI().getPath());
            TOKENS.add(seen);
            return true;
        } catch (RuntimeException e) {
            send(x, 401, "application/problem+json", "{\"type\":\"https://realskin.io/problems/unauthorized\",\"status\":401}");
            return false;
        }
    }

    private static void billing(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String method = x.getRequestMethod();
        if (!authorized(x, "billing-service")) {
            return;
        }
        if (method.equals("POST") && path.matches("/accounts/[^/]+/(grants|adjustments|refunds)")) {
            JsonNode body = JSON.readTree(x.getRequestBody());
            String kind = path.substring(path.lastIndexOf('/') + 1);
            CREDIT_ACTORS.computeIfAbsent(path.split("/")[2], t -> new java.util.concurrent.CopyOnWriteArrayList<>())
                    .add(body.path("actor").asText("none"));
            send(x, 201, "application/json", JSON.createObjectNode().put("id", 7).put("kind", kind.toUpperCase())
                    .put("amount", body.path("amount").asLong()).put("jobId", body.path("jobId").asText(null))
                    .put("idempotencyKey", body.path("idempotencyKey").asText(null)).put("reason", body.path("reason").asText(null))
                    .toString());
        } else if (method.equals("POST") && path.equals("/holds")) {
            JsonNode body = JSON.readTree(x.getRequestBody());
            String tenant = body.path("tenantId").asText();
            String job = body.path("jobId").asText();
            switch (HOLD_MODE.getOrDefault(tenant, "ok")) {
                // as billing-service answers (BillingProblems), instance being billing's own path
                case "broke" -> send(x, 402, "application/problem+json", "{\"type\":\"https://realskin.io/problems/insufficient-credits\","
                        + "\"title\":\"Not enough credits\",\"status\":402,\"detail\":\"this job needs 10 credits, 4 are available\","
                        + "\"instance\":\"/holds\",\"required\":10,\"available\":4,\"shortfall\":6}");
                case "invalid" -> send(x, 400, "application/problem+json", "{\"type\":\"https://realskin.io/problems/invalid-request\","
                        + "\"title\":\"The request is not valid\",\"status\":400,\"detail\":\"model must be a model name\",\"instance\":\"/holds\"}");
                case "lost" -> {
                    HOLDS.putIfAbsent(job, "HELD");
                    HOLD_TENANTS.put(job, tenant);
                    send(x, 500, "application/problem+json", "{\"status\":500}");
                }
                case "late" -> {
                    HOLD_TENANTS.put(job, tenant);
                    send(x, 500, "application/problem+json", "{\"status\":500}");
                }
                case "plan" -> send(x, 403, "application/problem+json", "{\"type\":\"https://realskin.io/problems/plan-excludes\","
                        + "\"title\":\"Not included in your plan\",\"status\":403,\"detail\":\"the free plan does not include nano-banana-pro\","
                        + "\"instance\":\"/holds\",\"plan\":\"free\"}");
                default -> {
                    boolean fresh = HOLDS.putIfAbsent(job, "HELD") == null;
                    HOLD_TENANTS.put(job, tenant);
                    QUOTES.put(job, body.path("quote").toString());
                    send(x, fresh ? 201 : 200, "application/json", "{\"holdId\":\"00000000-0000-0000-0000-000000000001\",\"jobId\":\""
                            + job + "\",\"tenantId\":\"" + tenant + "\",\"amount\":10,\"available\":90,\"held\":10,\"status\":\""
                            + HOLDS.get(job) + "\"}");
                }
            }
        } else if (method.equals("POST") && path.equals("/quotes")) {
            // billing's answer shape (QuoteAnswer); the amounts are the stand-in's own: generate 10, skin-inpaint as
            // billing's price list (8 times the masked fraction, the whole image without one, at least 1), anything else 2
            JsonNode body = JSON.readTree(x.getRequestBody());
            String tenant = body.path("tenantId").asText();
            PRICE_REQUESTS.computeIfAbsent(tenant, t -> new CopyOnWriteArrayList<>()).add(body.toString());
            boolean generate = body.path("operation").asText().equals("generate");
            switch (HOLD_MODE.getOrDefault(tenant, "ok")) {
                case "invalid" -> send(x, 400, "application/problem+json", "{\"type\":\"https://realskin.io/problems/invalid-request\","
                        + "\"title\":\"The request is not valid\",\"status\":400,\"detail\":\"model must be a model name\",\"instance\":\"/quotes\"}");
                default -> {
                    boolean excluded = HOLD_MODE.getOrDefault(tenant, "ok").equals("plan") && generate;
                    send(x, 200, "application/json", JSON.createObjectNode().put("operation", body.path("operation").asText())
                            .put("model", body.path("model").asText(null)).put("tier", generate ? "premium" : "standard")
                            .put("amount", generate ? 10 : body.path("operation").asText().equals("skin-inpaint")
                                    ? Math.max(1, (long) Math.ceil(8 * body.path("maskedFraction").asDouble(1) - 1e-9)) : 2)
                            .put("priceVersion", 2).put("allowed", !excluded)
                            .put("reason", excluded ? "the free plan does not include nano-banana-pro" : null).toString());
                }
            }
        } else if (method.equals("GET") && path.startsWith("/holds/")) {
            String job = path.substring("/holds/".length());
            String state = HOLDS.get(job);
            if (state == null) {
                send(x, 404, "application/problem+json", "{\"status\":404}");
            } else {
                send(x, 200, "application/json", "{\"jobId\":\"" + job + "\",\"status\":\"" + state + "\"}");
            }
        } else if (method.equals("DELETE") && path.startsWith("/holds/")) {
            String job = path.substring("/holds/".length());
            if ("unreleasable".equals(HOLD_MODE.get(HOLD_TENANTS.getOrDefault(job, "")))) {
                send(x, 500, "application/problem+json", "{\"status\":500}");
                return;
            }
            String state = HOLDS.computeIfPresent(job, (j, was) -> was.equals("HELD") ? "RELEASED" : was);
            if (state == null) {
                send(x, 404, "application/problem+json", "{\"type\":\"https://realskin.io/problems/not-found\",\"status\":404}");
            } else {
                send(x, 200, "application/json", "{\"jobId\":\"" + job + "\",\"status\":\"" + state + "\"}");
            }
        } else if (method.equals("POST") && path.matches("/accounts/[^/]+/close")) {
            String tenant = path.split("/")[2];
            CLOSED.add(tenant);
            send(x, 200, "application/json", JSON.createObjectNode().put("tenantId", tenant).put("closedAt", "2026-12-07T12:00:00Z")
                    .put("releasedHolds", 0).toString());
        } else if (method.equals("PUT") && path.startsWith("/accounts/")) {
            ACCOUNTS.add(path.substring("/accounts/".length()));
            send(x, 200, "application/json", "{}");
        } else if (method.equals("GET") && path.matches("/accounts/[^/]+/balance")) {
            String tenant = path.split("/")[2];
            if (tenant.startsWith("ten_nobody")) {
                send(x, 404, "application/problem+json", "{\"status\":404}");
            } else {
                send(x, 200, "application/json", "{\"tenantId\":\"" + tenant + "\",\"plan\":\"pro\",\"available\":90,\"held\":10}");
            }
        } else if (method.equals("GET") && path.matches("/accounts/[^/]+/ledger")
                && "broken".equals(HOLD_MODE.get(path.split("/")[2]))) {
            // what billing answered when its PostgreSQL choked on a tenant's input
            send(x, 500, "application/problem+json", "{\"type\":\"https://realskin.io/problems/internal\",\"status\":500}");
        } else if (method.equals("GET") && path.matches("/accounts/[^/]+/ledger")) {
            String query = x.getRequestURI().getQuery();
            // the query billing was asked with comes back as the entry's reason, for the tests to read
            send(x, 200, "application/json", "{\"items\":[{\"id\":1,\"kind\":\"GRANT\",\"amount\":100,\"reason\":\""
                    + (query == null ? "" : query) + "\"}],\"nextCursor\":null}");
        } else {
            send(x, 404, "application/problem+json", "{\"status\":404}");
        }
    }

    private static void prompt(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        if (!authorized(x, "prompt-service")) {
            return;
        }
        if (x.getRequestMethod().equals("GET") && path.equals("/models")) {
            send(x, 200, "application/json", JSON.writeValueAsString(catalogue()));
            return;
        }
        JsonNode body = JSON.readTree(x.getRequestBody());
        PROMPT_BODIES.put(path, body.toString());
        String prompt = body.path("prompt").asText("");
        if ((path.equals("/prompts/enhance") || path.equals("/prompts/lint")) && prompt.isBlank()) {
            send(x, 400, "application/problem+json", "{\"type\":\"https://realskin.io/problems/prompt-empty\",\"title\":\"Prompt is empty\","
                    + "\"status\":400,\"detail\":\"'prompt' is blank\",\"instance\":\"" + path + "\",\"field\":\"prompt\"}");
            return;
        }
        if (prompt.equals("leak")) {
            // a problem with more in it than a client may see: a nested object naming an internal host, a stack trace
            send(x, 400, "application/problem+json", "{\"type\":\"https://realskin.io/problems/unknown-value\",\"title\":\"Unknown value\","
                    + "\"status\":400,\"detail\":\"Unknown model 'x'\",\"instance\":\"" + path + "\",\"field\":\"model\","
                    + "\"allowed\":[\"a\",\"b\"],\"debug\":{\"host\":\"prompt-7.svc.cluster.local\",\"stackTrace\":\"at io.realskin.X\"}}");
            return;
        }
        if (prompt.equals("hold")) {
            PROMPT_GATE.hold();
        }
        if (prompt.equals("not-a-problem")) {
            send(x, 409, "text/html", "<html>conflict at prompt-7.svc.cluster.local:8081</html>");
            return;
        }
        switch (path) {
            case "/prompts/enhance" -> send(x, 200, "application/json",
                    JSON.createObjectNode().put("prompt", prompt + ", visible pores, 85mm lens").put("riskBefore", 80).put("riskAfter", 0).toString());
            case "/prompts/lint" -> send(x, 200, "application/json", "{\"risk\":80,\"level\":\"high\",\"findings\":[]}");
            case "/advice" -> send(x, 200, "application/json", "{\"stage\":\"" + body.path("stage").asText() + "\",\"fixes\":[]}");
            case "/models/recommend" -> send(x, 200, "application/json", "{\"model\":{\"id\":\"nano-banana-pro\"}}");
            default -> send(x, 404, "application/problem+json", "{\"status\":404}");
        }
    }

    /**
     * prompt-service's GET /models in its own record: the models of the one table, best skin first, each
     * {@code available} when its provider is configured here (the ranks and editorial fields are the stand-in's own).
     */
    private static ModelCatalogue catalogue() {
        List<ImageModel> models = new java.util.ArrayList<>();
        for (ImageModels.Model m : ImageModels.ALL) {
            boolean sdxl = m.provider().equals(ImageModels.STABILITY);
            models.add(new ImageModel(m.id(), m.provider(), m.providerModel(), m.id(), models.size() + 1, 1.0, 8,
                    m.maxReferenceImages(), m.generates(), m.inpaints(), sdxl, Plan.FREE, sdxl, !UNCONFIGURED.contains(m.provider()), ""));
        }
        return new ModelCatalogue("1.0.0", models);
    }

    /**
     * texture-service's POST /texture/preview as documented: the image back in its format with the score headers
     * (here the image unchanged, and scores made from the intensity so a test sees it arrived; "auto" answers as if
     * the engine chose 37 for the face). Intensity 99 is held until the test releases it; intensity 98 is answered with
     * texture-service's 415 problem; 97 with its 503 "busy" and Retry-After: 3; 96 with a 429 problem and Retry-After: 7;
     * 95 with a 503 and Retry-After: 86400; 94 with a 503 and Retry-After as an HTTP date.
     */
    private static void texture(HttpExchange x) throws IOException {
        if (!authorized(x, "texture-service")) {
            return;
        }
        if (x.getRequestMethod().equals("GET") && x.getRequestURI().getPath().equals("/texture/thumbnail")) {
            thumbnail(x);
            return;
        }
        if (x.getRequestMethod().equals("GET") && x.getRequestURI().getPath().equals("/texture/profile")) {
            profile(x);
            return;
        }
        if (!x.getRequestMethod().equals("POST") || !x.getRequestURI().getPath().equals("/texture/preview")) {
            send(x, 404, "application/problem+json", "{\"status\":404}");
            return;
        }
        String query = x.getRequestURI().getQuery();
        String asked = query != null && query.startsWith("intensity=") ? query.substring(10) : "40";
        int intensity = asked.equals("auto") ? 37 : Integer.parseInt(asked);
        byte[] image = x.getRequestBody().readAllBytes();
        if (intensity == 98) {
            send(x, 415, "application/problem+json", "{\"type\":\"https://realskin.io/problems/unsupported-image\","
                    + "\"title\":\"Unsupported image\",\"status\":415,\"detail\":\"texture-service cannot decode it\","
                    + "\"instance\":\"/texture/preview\"}");
            return;
        }
        String retryAfter = switch (intensity) {
            case 97 -> "3";
            case 96 -> "7";
            case 95 -> "86400";
            case 94 -> "Wed, 21 Oct 2037 07:28:00 GMT";
            default -> null;
        };
        if (retryAfter != null) {
            int status = intensity == 96 ? 429 : 503;
            x.getResponseHeaders().set("Retry-After", retryAfter);
            send(x, status, "application/problem+json", "{\"type\":\"https://realskin.io/problems/" + (status == 429 ? "rate-limited" : "busy")
                    + "\",\"title\":\"Try again later\",\"status\":" + status + ",\"detail\":\"retry in a moment\"}");
            return;
        }
        if (intensity == 99) {
            PREVIEW_GATE.hold();
        }
        x.getResponseHeaders().set("Content-Type", "image/png");
        x.getResponseHeaders().set("X-Faces", "1");
        x.getResponseHeaders().set("X-Face-Intensities", String.valueOf(intensity));
        x.getResponseHeaders().set("X-Plastic-Score-Before", "0.8000");
        x.getResponseHeaders().set("X-Plastic-Score-After", String.format(java.util.Locale.ROOT, "%.4f", 0.8 - intensity / 200.0));
        x.sendResponseHeaders(200, image.length);
        x.getResponseBody().write(image);
        x.close();
    }

    /**
     * texture-service's thumbnail: reads the blob under key from the test stack's blob directory (claim check, as the
     * real one does), 404 when there is none, 415 when it is no image ImageIO reads; scales it to the width asked, never
     * larger; PNG when it has alpha, else JPEG. A source 333 px wide is held until released.
     */
    private static void thumbnail(HttpExchange x) throws IOException {
        Map<String, String> query = query(x);
        java.awt.image.BufferedImage source = storedImage(x, query.get("key"), true);
        if (source == null) {
            return;
        }
        if (source.getWidth() == 333) {
            THUMBNAIL_GATE.hold();
        }
        int width = Math.min(Integer.parseInt(query.get("width")), source.getWidth());
        int height = Math.max(1, Math.round(source.getHeight() * (float) width / source.getWidth()));
        boolean alpha = source.getColorModel().hasAlpha();
        var small = new java.awt.image.BufferedImage(width, height, alpha ? java.awt.image.BufferedImage.TYPE_INT_ARGB
                : java.awt.image.BufferedImage.TYPE_INT_RGB);
        var graphics = small.createGraphics();
        graphics.drawImage(source, 0, 0, width, height, null);
        graphics.dispose();
        var out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(small, alpha ? "png" : "jpeg", out);
        x.getResponseHeaders().set("Content-Type", alpha ? "image/png" : "image/jpeg");
        x.sendResponseHeaders(200, out.size());
        x.getResponseBody().write(out.toByteArray());
        x.close();
    }

    /**
     * texture-service's texture profile: reads the blob under key (claim check) when its second segment is the service
     * token's tenant, 404 otherwise or when there is none, 415 when it is no image ImageIO reads, 422
     * reference-without-face for a photo 222 px wide (the tests' faceless photo); else the engine's document, its
     * numbers made from the image's size (the same photo, the same document). A photo 444 px wide is held until released.
     */
    private static void profile(HttpExchange x) throws IOException {
        String key = query(x).getOrDefault("key", "");
        String[] segments = key.split("/");
        java.awt.image.BufferedImage source = storedImage(x, key, segments.length >= 3 && segments[1].equals(tokenSubject(x)));
        if (source == null) {
            return;
        }
        if (source.getWidth() == 444) {
            PROFILE_GATE.hold();
        }
        if (source.getWidth() == 222) {
            var faceless = io.realskin.support.problem.ProblemTypes.REFERENCE_WITHOUT_FACE;
            send(x, 422, "application/problem+json", JSON.createObjectNode().put("type", faceless.uri()).put("title", faceless.title())
                    .put("status", 422).put("detail", "the reference image shows no face with measurable skin").toString());
            return;
        }
        var document = JSON.createObjectNode().put("version", 1).put("fineOverContrast", source.getWidth() / 1000.0)
                .put("midOverFine", source.getHeight() / 100.0).put("noiseOverFine", 0.31).put("skewness", -0.12).put("faces", 1);
        var spectrum = document.putArray("radialSpectrum");
        for (int i = 0; i < 16; i++) {
            spectrum.add(1.0 / (1 + i));
        }
        var noise = document.putArray("noiseVsLuminance");
        for (int i = 0; i < 8; i++) {
            noise.add(0.02 - i * 0.001);
        }
        document.putArray("histogram").add(0.1).add(0.4).add(0.4).add(0.1);
        send(x, 200, "application/json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document));
    }

    private static Map<String, String> query(HttpExchange x) {
        Map<String, String> query = new java.util.HashMap<>();
        for (String pair : x.getRequestURI().getQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    /**
     * The image under the key in the test stack's blob directory (claim check, as texture-service reads it), when the
     * caller may read it; else null, with the 404 (no such blob, or not the caller's) or 415 (no image) answered.
     */
    private static java.awt.image.BufferedImage storedImage(HttpExchange x, String key, boolean callersKey) throws IOException {
        var stored = callersKey ? new io.realskin.contracts.blob.FileSystemBlobStore(io.realskin.local.LocalStack.shared().blobDir()).get(key)
                : java.util.Optional.<byte[]>empty();
        if (stored.isEmpty()) {
            send(x, 404, "application/problem+json", "{\"type\":\"https://realskin.io/problems/not-found\",\"title\":\"Not found\","
                    + "\"status\":404,\"detail\":\"no image under that key\"}");
            return null;
        }
        java.awt.image.BufferedImage source = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(stored.get()));
        if (source == null) {
            send(x, 415, "application/problem+json", "{\"type\":\"https://realskin.io/problems/unsupported-image\","
                    + "\"title\":\"Not a supported image\",\"status\":415,\"detail\":\"the stored bytes are no image texture-service reads\"}");
        }
        return source;
    }

    /** The tenant the request's service token (already verified by {@link #authorized}) names. */
    private static String tokenSubject(HttpExchange x) {
        try {
            String token = x.getRequestHeaders().getFirst("Authorization").substring(7);
            return String.valueOf(JSON.readValue(ServiceKeys.shared().verifiedClaims(token), Map.class).get("sub"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Requests a stand-in holds until the test releases them, and how many it holds now. */
    private static final class Gate {
        private volatile java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);
        private final java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();

        void hold() {
            held.incrementAndGet();
            try {
                latch.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                held.decrementAndGet();
            }
        }

        int held() {
            return held.get();
        }

        /** Answers every request held now; later ones are held again. */
        void release() {
            java.util.concurrent.CountDownLatch released = latch;
            latch = new java.util.concurrent.CountDownLatch(1);
            released.countDown();
        }

        /** Answers every request held now and later (the stand-ins stop). */
        void open() {
            latch.countDown();
        }
    }

    private static void receiver(HttpExchange x) throws IOException {
        Map<String, String> received = new ConcurrentHashMap<>();
        x.getRequestHeaders().forEach((k, v) -> received.put(k.toLowerCase(), String.join(",", v)));
        received.put("body", new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        received.put("path", x.getRequestURI().getPath());
        WEBHOOKS.add(received);
        Integer status = WEBHOOK_STATUSES.poll();
        x.sendResponseHeaders(status == null ? 204 : status, -1);
        x.close();
    }

    /**
     * Holds each request until the test releases it (a receiver that answers after a long time), except under
     * /at-once/, answered at once as the receiver does: another tenant's receiver behind the same host and port.
     */
    private static void slowReceiver(HttpExchange x) throws IOException {
        if (x.getRequestURI().getPath().startsWith("/at-once/")) {
            receiver(x);
            return;
        }
        int now = SLOW_IN_FLIGHT.incrementAndGet();
        SLOW_MAX.accumulateAndGet(now, Math::max);
        SLOW_RECEIVED.incrementAndGet();
        try {
            x.getRequestBody().readAllBytes();
            SLOW_GATE.await(120, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            SLOW_IN_FLIGHT.decrementAndGet();
        }
        x.sendResponseHeaders(204, -1);
        x.close();
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    /** One stub server; stop() and start() keep its port. */
    public static final class Stub {
        private final Handler handler;
        private final int threads;
        private HttpServer server;
        int port;

        Stub(Handler handler) {
            this(handler, 4);
        }

        Stub(Handler handler, int threads) {
            this.handler = handler;
            this.threads = threads;
        }

        public synchronized Stub start() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
                server.createContext("/", x -> {
                    try {
                        handler.handle(x);
                    } catch (RuntimeException e) {
                        x.sendResponseHeaders(500, -1);
                        x.close();
                    }
                });
                server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(threads));
                server.start();
                port = server.getAddress().getPort();
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public synchronized void stop() {
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }
    }
}
