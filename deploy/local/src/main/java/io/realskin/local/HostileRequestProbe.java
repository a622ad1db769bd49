package io.realskin.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Sends every operation of a service's OpenAPI document the headers and bodies a client could send that no route can
 * read: a {@code Content-Type} or an {@code Accept} that is no media type, a {@code Content-Encoding} other than
 * {@code identity}, a body that is no JSON. With the gateway's service token each is a 4xx problem (415, 406, 415 with
 * {@code Accept-Encoding: identity}, 400 on a JSON route), without a valid one each is 401 {@code unauthorized}, so
 * nothing of the request is read before its caller is known; never a 500, and nothing is logged at ERROR. A backend's
 * test runs it in the service's own JVM (the log is read there); it returns what was answered wrong, empty when all was
 * right.
 */
public final class HostileRequestProbe {
    public static final List<String> UNREADABLE_CONTENT_TYPES = List.of(";;;", "image/", "/", "a/b/c", "text", "image/*/x");
    public static final List<String> UNREADABLE_ACCEPTS = List.of(";;;", ";", ",;", "image/", "/");
    public static final List<String> CODINGS = List.of("gzip", "GZIP", "br", "identity, gzip");
    /** One refused by the check before authentication, one by authentication: ServiceTokenProbe tries every other. */
    private static final Set<String> REFUSED_BEFORE_AND_BY_AUTHENTICATION = Set.of("no token", "signed by another key");
    private static final String NOT_JSON = "{\"a\":";
    private static final List<String> BODY_METHODS = List.of("POST", "PUT", "PATCH");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One operation of the document, its path parameters filled with {@code x}. */
    private record Operation(String method, String path, boolean readsJson) {
        boolean hasBody() {
            return BODY_METHODS.contains(method);
        }
    }

    /** One request's header beyond the credentials, and its body. */
    private record Row(String header, String value, String body) {
        @Override
        public String toString() {
            return header + ": " + value + (body.equals("{}") ? "" : " body " + body);
        }
    }

    /**
     * What {@code base} (a backend's application port) answered wrong, with {@code authorization} (the gateway's service
     * token, {@code Bearer <JWT>}, for the {@code audience}) and with none or one signed by another key; and every
     * record logged at ERROR meanwhile.
     */
    public static List<String> wrongAnswers(String base, String authorization, ServiceKeys keys, String audience) {
        List<Operation> operations = operations(base, authorization);
        if (operations.isEmpty()) {
            return List.of("the OpenAPI document of " + base + " names no operation");
        }
        Map<String, String> wrongCredentials = new LinkedHashMap<>(ServiceTokenProbe.wrongCredentials(keys, audience, "ten_probe", "admin"));
        wrongCredentials.keySet().retainAll(REFUSED_BEFORE_AND_BY_AUTHENTICATION);
        List<String> wrong = new ArrayList<>();
        try (ErrorLog log = new ErrorLog()) {
            for (Operation operation : operations) {
                for (Row row : rows(operation)) {
                    HttpResponse<String> answer = send(base, operation, row, authorization);
                    String problem = expected(operation, row, answer);
                    if (problem != null) {
                        wrong.add(operation.method() + " " + operation.path() + " " + row + ": " + problem + "; got " + answer.statusCode()
                                + " " + answer.headers().firstValue("Content-Type").orElse("") + " " + answer.body());
                    }
                    for (Map.Entry<String, String> credentials : wrongCredentials.entrySet()) {
                        HttpResponse<String> refused = send(base, operation, row, credentials.getValue());
                        if (refused.statusCode() != 401 || !refused.body().contains("/problems/unauthorized")) {
                            wrong.add(operation.method() + " " + operation.path() + " " + row + " with " + credentials.getKey()
                                    + ": expected 401 unauthorized; got " + refused.statusCode() + " " + refused.body());
                        }
                    }
                }
            }
            log.records().forEach(r -> wrong.add("logged at ERROR by " + r.getLoggerName() + ": " + r.getMessage()
                    + (r.getThrown() == null ? "" : " " + r.getThrown())));
        }
        return wrong;
    }

    private static List<Row> rows(Operation operation) {
        List<Row> rows = new ArrayList<>();
        if (operation.hasBody()) {
            UNREADABLE_CONTENT_TYPES.forEach(type -> rows.add(new Row("Content-Type", type, "{}")));
            CODINGS.forEach(coding -> rows.add(new Row("Content-Encoding", coding, "{}")));
            rows.add(new Row("Content-Type", "application/json", NOT_JSON));
        }
        UNREADABLE_ACCEPTS.forEach(accept -> rows.add(new Row("Accept", accept, "{}")));
        return rows;
    }

    /** Null when the answer is the one the row calls for, else what was expected. */
    private static String expected(Operation operation, Row row, HttpResponse<String> answer) {
        int status = answer.statusCode();
        String body = answer.body();
        boolean problem = answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
        return switch (row.header()) {
            case "Accept" -> status == 406 && body.contains("/problems/not-acceptable") ? null : "expected 406 not-acceptable";
            case "Content-Encoding" -> status == 415 && body.contains("/problems/unsupported-media-type")
                    && body.contains("Content-Encoding " + row.value())
                    && answer.headers().firstValue("Accept-Encoding").orElse("").equals("identity")
                    ? null : "expected 415 unsupported-media-type naming the coding, with Accept-Encoding: identity";
            default -> row.body().equals(NOT_JSON)
                    ? (operation.readsJson() ? status == 400 && body.contains("/problems/invalid-request")
                            : status >= 400 && status < 500 && problem) ? null : operation.readsJson()
                            ? "expected 400 invalid-request" : "expected a 4xx problem"
                    : status == 415 && body.contains("/problems/unsupported-media-type") ? null : "expected 415 unsupported-media-type";
        };
    }

    private static List<Operation> operations(String base, String authorization) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base).resolve("/q/openapi"))
                .header("Authorization", authorization).header("Accept", "application/json").build();
        JsonNode document;
        try {
            document = MAPPER.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + base + "/q/openapi failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase(Locale.ROOT);
                if (List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    boolean json = operation.getValue().path("requestBody").path("content").has("application/json");
                    operations.add(new Operation(method, path.getKey().replaceAll("\\{[^}]+}", "x"), json));
                }
            }
        }
        return operations;
    }

    private static HttpResponse<String> send(String base, Operation operation, Row row, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base).resolve(operation.path())).timeout(Duration.ofSeconds(30))
                .header(row.header(), row.value()).method(operation.method(), HttpRequest.BodyPublishers.ofString(row.body()));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(operation.method() + " " + operation.path() + " " + row + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The records logged at ERROR (SEVERE) or above in this JVM while it is open. */
    private static final class ErrorLog extends Handler implements AutoCloseable {
        private final List<LogRecord> records = new CopyOnWriteArrayList<>();
        private final Logger root = Logger.getLogger("");

        ErrorLog() {
            root.addHandler(this);
        }

        List<LogRecord> records() {
            return records;
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            root.removeHandler(this);
        }
    }

    private HostileRequestProbe() {
    }
}
