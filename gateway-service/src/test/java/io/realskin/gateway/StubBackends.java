package io.realskin.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
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
 * again on its port, to show the gateway's answer when a backend is down.
 */
public class StubBackends implements QuarkusTestResourceLifecycleManager {
    static final ObjectMapper JSON = new ObjectMapper();
    /** A fixed, well-formed test key: the resource and the tests may live in different class loaders. */
    public static final String ADMIN_KEY = "rsk_test_bgmO03ou4dp4pyoWxcKV12oizZ6kDkkU23wjaz";

    /** How billing answers a hold, by tenant id: ok (default), broke (402), plan (403). */
    private static final Map<String, String> HOLD_MODE = new ConcurrentHashMap<>();
    /** Hold state by job id: HELD or RELEASED. */
    private static final Map<String, String> HOLDS = new ConcurrentHashMap<>();
    /** Tenant of each hold, by job id. */
    private static final Map<String, String> HOLD_TENANTS = new ConcurrentHashMap<>();
    /** Webhooks received: each a map of lower-case header names plus "body" and "path". */
    private static final List<Map<String, String>> WEBHOOKS = new CopyOnWriteArrayList<>();
    /** Statuses the receiver answers with, in order; 204 when empty. */
    private static final ConcurrentLinkedQueue<Integer> WEBHOOK_STATUSES = new ConcurrentLinkedQueue<>();

    private static Stub billing;
    private static Stub prompt;
    private static Stub receiver;
    private static Stub control;

    @Override
    public Map<String, String> start() {
        billing = new Stub(StubBackends::billing).start();
        prompt = new Stub(StubBackends::prompt).start();
        receiver = new Stub(StubBackends::receiver).start();
        control = new Stub(StubBackends::control).start();
        // The tests may be loaded by another class loader than this resource: they reach the stubs' state over HTTP.
        System.setProperty("stub.controlPort", String.valueOf(control.port));
        System.setProperty("stub.receiverPort", String.valueOf(receiver.port));
        return Map.of(
                "quarkus.rest-client.billing.url", "http://127.0.0.1:" + billing.port,
                "quarkus.rest-client.prompt.url", "http://127.0.0.1:" + prompt.port,
                "quarkus.rest-client.billing.connect-timeout", "500",
                "quarkus.rest-client.prompt.connect-timeout", "500",
                "realskin.admin-key", ADMIN_KEY,
                "realskin.webhooks.allowed-hosts", "127.0.0.1:" + receiver.port,
                "realskin.webhooks.retry-schedule", "2s,2s,2s",
                // streams wake up on PostgreSQL notifications only: the sweep, their safety net, never runs in a test
                "realskin.jobs.sse.sweep", "1h",
                "realskin.jobs.sse.max-streams-per-key", "2");
    }

    @Override
    public void stop() {
        billing.stop();
        prompt.stop();
        receiver.stop();
        control.stop();
    }

    /**
     * The tests' remote control: /{billing|prompt}/{up|down}, /hold-mode/{tenant}/{mode}, /holds/{job},
     * /hold-state/{job}/{state}, /webhooks, /webhook-statuses/{s}.
     */
    private static void control(HttpExchange x) throws IOException {
        String[] p = x.getRequestURI().getPath().split("/");
        switch (p[1]) {
            case "billing", "prompt" -> {
                Stub stub = p[1].equals("billing") ? billing : prompt;
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
            case "hold-state" -> {
                HOLDS.put(p[2], p[3]);
                send(x, 200, "text/plain", "ok");
            }
            case "holds-of" -> send(x, 200, "application/json", JSON.writeValueAsString(HOLD_TENANTS.entrySet().stream()
                    .filter(e -> e.getValue().equals(p[2])).map(e -> HOLDS.get(e.getKey())).toList()));
            case "webhooks" -> send(x, 200, "application/json", JSON.writeValueAsString(WEBHOOKS));
            case "webhook-statuses" -> {
                WEBHOOK_STATUSES.add(Integer.parseInt(p[2]));
                send(x, 200, "text/plain", "ok");
            }
            default -> send(x, 404, "text/plain", "no");
        }
    }



    private static void billing(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String method = x.getRequestMethod();
        if (method.equals("POST") && path.equals("/holds")) {
            JsonNode body = JSON.readTree(x.getRequestBody());
            String tenant = body.path("tenantId").asText();
            String job = body.path("jobId").asText();
            switch (HOLD_MODE.getOrDefault(tenant, "ok")) {
                case "broke" -> send(x, 402, "application/problem+json", "{\"type\":\"https://realskin.io/problems/billing/insufficient-credits\","
                        + "\"title\":\"Insufficient credits\",\"status\":402,\"required\":10,\"available\":4,\"shortfall\":6}");
                case "plan" -> send(x, 403, "application/problem+json", "{\"type\":\"https://realskin.io/problems/billing/plan-excludes\","
                        + "\"title\":\"Not included in the plan\",\"status\":403,\"detail\":\"the free plan does not include nano-banana-pro\"}");
                default -> {
                    boolean fresh = HOLDS.putIfAbsent(job, "HELD") == null;
                    HOLD_TENANTS.put(job, tenant);
                    send(x, fresh ? 201 : 200, "application/json", "{\"holdId\":\"00000000-0000-0000-0000-000000000001\",\"jobId\":\""
                            + job + "\",\"tenantId\":\"" + tenant + "\",\"amount\":10,\"available\":90,\"held\":10}");
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
            HOLDS.put(job, "RELEASED");
            send(x, 200, "application/json", "{\"jobId\":\"" + job + "\",\"status\":\"RELEASED\"}");
        } else if (method.equals("PUT") && path.startsWith("/accounts/")) {
            send(x, 200, "application/json", "{}");
        } else if (method.equals("GET") && path.matches("/accounts/[^/]+/balance")) {
            String tenant = path.split("/")[2];
            if (tenant.startsWith("ten_nobody")) {
                send(x, 404, "application/problem+json", "{\"status\":404}");
            } else {
                send(x, 200, "application/json", "{\"tenantId\":\"" + tenant + "\",\"plan\":\"pro\",\"available\":90,\"held\":10}");
            }
        } else if (method.equals("GET") && path.matches("/accounts/[^/]+/ledger")) {
            String query = x.getRequestURI().getQuery();
            send(x, 200, "application/json", "{\"items\":[{\"id\":1,\"kind\":\"GRANT\",\"amount\":100,\"query\":\""
                    + (query == null ? "" : query) + "\"}],\"nextCursor\":null}");
        } else {
            send(x, 404, "application/problem+json", "{\"status\":404}");
        }
    }

    private static void prompt(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        if (x.getRequestMethod().equals("GET") && path.equals("/models")) {
            send(x, 200, "application/json", "{\"version\":\"1.0.0\",\"models\":[{\"id\":\"nano-banana-pro\",\"skinRealismRank\":1}]}");
            return;
        }
        JsonNode body = JSON.readTree(x.getRequestBody());
        String prompt = body.path("prompt").asText("");
        if ((path.equals("/prompts/enhance") || path.equals("/prompts/lint")) && prompt.isBlank()) {
            send(x, 400, "application/problem+json", "{\"type\":\"https://realskin.io/problems/prompt-empty\",\"title\":\"Empty prompt\",\"status\":400}");
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
        private HttpServer server;
        int port;


        Stub(Handler handler) {
            this.handler = handler;
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
                server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
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
