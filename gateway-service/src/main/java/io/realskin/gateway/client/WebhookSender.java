package io.realskin.gateway.client;

import io.realskin.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * POSTs one signed webhook. Redirects are not followed (a redirect could lead to an internal address); only the status
 * counts: 2xx is delivered, anything else (or no complete answer within {@code realskin.webhooks.timeout}, 5 s) is a
 * failed attempt.
 */
@ApplicationScoped
public class WebhookSender {
    public record Outcome(Integer status, String error, int durationMs) {
        public boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final HttpClient http;
    private final Duration timeout;

    public WebhookSender(GatewayConfig config) {
        this.timeout = config.webhooks().timeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public CompletableFuture<Outcome> send(URI url, String id, long timestamp, String signature, String body) {
        long start = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "RealSkin-Webhooks/1")
                .header("webhook-id", id)
                .header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        // the request timeout covers the answer's headers only: this bounds the whole attempt, a dripping body included
        CompletableFuture<HttpResponse<Void>> bounded = exchange.copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        bounded.whenComplete((response, error) -> {
            if (error != null) {
                exchange.cancel(true);
            }
        });
        return bounded
                .handle((response, error) -> {
                    int ms = (int) ((System.nanoTime() - start) / 1_000_000);
                    if (error != null) {
                        Throwable cause = error.getCause() == null ? error : error.getCause();
                        if (cause instanceof java.util.concurrent.TimeoutException) {
                            return new Outcome(null, "no complete answer within " + timeout.toMillis() + " ms", ms);
                        }
                        return new Outcome(null, cause.getClass().getSimpleName() + ": " + cause.getMessage(), ms);
                    }
                    return new Outcome(response.statusCode(), response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode(), ms);
                });
    }
}
