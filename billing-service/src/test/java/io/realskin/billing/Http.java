package io.realskin.billing;

import io.realskin.contracts.EventJson;
import io.realskin.local.ServiceKeys;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A plain HTTP client for the tests that need real parallel requests. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static CompletableFuture<HttpResponse<String>> postAsync(String baseUrl, String path, Object body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .header("Authorization", ServiceKeys.shared().bearer("billing-service", "admin", "admin"))
                .timeout(Duration.ofSeconds(120)) // a bound for a busy machine, not a speed claim
                .POST(HttpRequest.BodyPublishers.ofString(EventJson.write(body)))
                .build();
        return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    static String quarkusBaseUrl() {
        return "http://127.0.0.1:" + RestAssured.port;
    }

    private Http() {
    }
}
