package io.realskin.generation.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.realskin.contracts.EventJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A provider's API on loopback (the JDK's HttpServer): answers as the provider documents by default, records every
 * request, and takes scripted answers for the next requests to a path (errors, delays) in the order given.
 */
public abstract class StubServer implements AutoCloseable {
    /** A request as received. Header names are lower case. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return EventJson.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + text(), e);
            }
        }

        public List<FormData.Part> form() {
            return FormData.parse(header("content-type"), body);
        }

        public String param(String name) {
            if (query == null) {
                return null;
            }
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].equals(name)) {
                    return kv.length > 1 ? kv[1] : "";
                }
            }
            return null;
        }
    }

    /** An answer: status, headers, body, and how long to wait before sending it. */
    public record Answer(int status, Map<String, String> headers, byte[] body, Duration delay) {
        public static Answer json(int status, String json) {
            return new Answer(status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
        }

        public static Answer json(int status, JsonNode json) {
            return json(status, EventJson.write(json));
        }

        public static Answer bytes(int status, String contentType, byte[] body) {
            return new Answer(status, Map.of("Content-Type", contentType), body, Duration.ZERO);
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Answer(status, all, body, delay);
        }

        public Answer after(Duration wait) {
            return new Answer(status, headers, body, wait);
        }
    }

    /** Computes an answer to a request. */
    @FunctionalInterface
    public interface Responder {
        Answer answer(Request request) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "provider-stub");
        t.setDaemon(true);
        return t;
    });
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Responder>> scripts = new LinkedHashMap<>();
    private final Map<String, Responder> overrides = new LinkedHashMap<>();
    private volatile Consumer<Answer> sent = answer -> { };

    protected StubServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a provider stub", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** http://127.0.0.1:port */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next requests whose path contains {@code pathPart} get these answers, one each, in order. */
    public synchronized void script(String pathPart, Responder... answers) {
        scripts.computeIfAbsent(pathPart, p -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    /** Every request whose path contains {@code pathPart} gets this answer until {@link #reset()}. */
    public synchronized void always(String pathPart, Responder answer) {
        overrides.put(pathPart, answer);
    }

    public List<Request> requests() {
        return List.copyOf(received);
    }

    public List<Request> requests(String pathPart) {
        return received.stream().filter(r -> r.path().contains(pathPart)).toList();
    }

    /** Called with each answer once all of it is written (a benchmark times from there). */
    public void afterEachAnswer(Consumer<Answer> listener) {
        sent = listener;
    }

    /** Forgets scripts, overrides and recorded requests. */
    public synchronized void reset() {
        scripts.clear();
        overrides.clear();
        received.clear();
        resetState();
    }

    protected void resetState() {
    }

    protected abstract Answer answer(Request request) throws Exception;

    private synchronized Responder pick(Request request) {
        for (Map.Entry<String, Deque<Responder>> e : scripts.entrySet()) {
            if (request.path().contains(e.getKey()) && !e.getValue().isEmpty()) {
                return e.getValue().poll();
            }
        }
        for (Map.Entry<String, Responder> e : overrides.entrySet()) {
            if (request.path().contains(e.getKey())) {
                return e.getValue();
            }
        }
        return this::answer;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), headers, exchange.getRequestBody().readAllBytes());
            received.add(request);
            Answer answer;
            try {
                answer = pick(request).answer(request);
            } catch (Exception e) {
                answer = Answer.json(500, "{\"stub_error\":\"" + e.getClass().getSimpleName() + "\"}");
            }
            if (!answer.delay().isZero()) {
                try {
                    Thread.sleep(answer.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
            sent.accept(answer);
        } catch (IOException e) {
            // the client went away (a timeout test): nothing to answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
