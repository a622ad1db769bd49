package io.realskin.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.realskin.contracts.ApiKeys;
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
    public static final String ADMIN_KEY = ApiKeys.generate(false);

    /** How billing answers a hold, by tenant id: ok (default), broke (402), plan (403). */
    public static final Map<String, String> HOLD_MODE = new ConcurrentHashMap<>();
    /** Hold state by job id: HELD or RELEASED. */
    public static final Map<String, String> HOLDS = new ConcurrentHashMap<>();

    public record Received(Map<String, String> headers, String body) {
    }

    public static final List<Received> WEBHOOKS = new CopyOnWriteArrayList<>();
    /** Statuses the receiver answers with, in order; 204 when empty. */
    public static final ConcurrentLinkedQueue<Integer> WEBHOOK_STATUSES = new ConcurrentLinkedQueue<>();

    public static Stub billing;
    public static Stub prompt;
    public static Stub receiver;

    @Override
    public Map<String, String> start() {
        billing = new Stub(StubBackends::billing).start();
        prompt = new Stub(StubBackends::prompt).start();
        receiver = new Stub(StubBackends::receiver).start();
        return Map.of(
                "quarkus.rest-client.billing.url", "http://127.0.0.1:" + billing.port,
                "quarkus.rest-client.prompt.url", "http://127.0.0.1:" + prompt.port,
                "quarkus.rest-client.billing.connect-timeout", "500",
                "quarkus.rest-client.prompt.connect-timeout", "500",
                "realskin.admin-key", ADMIN_KEY,
                "realskin.webhooks.allowed-hosts", "127.0.0.1:" + receiver.port,
                "realskin.webhooks.retry-schedule", "2s,2s,2s",
                "realskin.jobs.sse-poll", "500ms");
    }

    @Override
    public void stop() {
        billing.stop();
        prompt.stop();
        receiver.stop();
    }

    public static String receiverUrl(String path) {
        return "http://127.0.0.1:" + receiver.port + path;
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
                    send(x, fresh ? 201 : 200, "application/json", "{\"holdId\":\"00000000-0000-0000-0000-000000000001\",\"jobId\":\""
                            + job + "\",\"tenantId\":\"" + tenant + "\",\"amount\":10,\"available\":90,\"held\":10}");
                }
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
        Map<String, String> headers = new ConcurrentHashMap<>();
        x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        WEBHOOKS.add(new Received(headers, new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
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
