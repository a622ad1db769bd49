package io.realskin.gateway;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** The tests' side of {@link StubBackends}: its state, reached over its control port. */
final class Stubs {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static void up(String backend, boolean up) {
        call("/" + backend + "/" + (up ? "up" : "down"));
    }

    static void holdMode(String tenant, String mode) {
        call("/hold-mode/" + tenant + "/" + mode);
    }

    static String hold(String jobId) {
        return call("/holds/" + jobId);
    }

    /** Sets the job's hold as billing would after settling it (CAPTURED, RELEASED, EXPIRED). */
    static void holdState(String jobId, String state) {
        call("/hold-state/" + jobId + "/" + state);
    }

    /** The states (HELD, RELEASED) of every hold placed for the tenant. */
    static List<String> holdsOf(String tenant) {
        try {
            return new ObjectMapper().readValue(call("/holds-of/" + tenant), new TypeReference<>() { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void nextWebhookStatus(int status) {
        call("/webhook-statuses/" + status);
    }

    static List<Map<String, String>> webhooks() {
        try {
            return new ObjectMapper().readValue(call("/webhooks"), new TypeReference<>() { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String receiverUrl(String path) {
        return "http://127.0.0.1:" + System.getProperty("stub.receiverPort") + path;
    }

    private static String call(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + System.getProperty("stub.controlPort") + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Stubs() {
    }
}
