package io.realskin.gateway.webhooks;

import io.realskin.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * POSTs one signed webhook to the address the URL policy checked ({@link WebhookTarget#pinned()}), naming the URL's
 * host in the Host header, TLS SNI and the certificate check, so no second DNS lookup decides where it goes.
 * Redirects are not followed (a redirect could lead to an internal address); only the status counts: 2xx is
 * delivered, anything else (or no complete answer within {@code realskin.webhooks.timeout}, 5 s) is a failed
 * attempt; a status followed by a closed connection is that status. The answer's body is read and dropped, never kept;
 * of its headers only a 429's or 503's {@code Retry-After} is read (the dispatcher waits for it, within its limits).
 */
@ApplicationScoped
public class WebhookSender {
    /**
     * {@code retryAfter}: what the receiver's {@code Retry-After} asked for with a 429 or 503 (delta-seconds or an
     * HTTP date, never less than zero), else null.
     */
    public record Outcome(Integer status, String error, int durationMs, Duration retryAfter) {
        public Outcome(Integer status, String error, int durationMs) {
            this(status, error, durationMs, null);
        }

        public boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final HttpClient http;
    private final Duration timeout;

    @Inject
    public WebhookSender(Vertx vertx, GatewayConfig config) {
        this(vertx, config.webhooks().timeout(), new HttpClientOptions(),
                Math.max(config.webhooks().endpointConcurrency(), config.webhooks().endpointTotalConcurrency()));
    }

    /** {@code options}: the JVM's trust store unless a test names its own. */
    WebhookSender(Vertx vertx, Duration timeout, HttpClientOptions options) {
        this(vertx, timeout, options, 16);
    }

    /**
     * {@code perEndpoint}: the attempts in flight to one endpoint the dispatcher allows (its endpoint slots), each given
     * a connection of its own. Vert.x's default of 5 per host and port queued the others, their wait counted in their
     * timeout: behind 5 attempts held by a slow receiver, the rest failed without a request sent (until 2026-12-07).
     */
    WebhookSender(Vertx vertx, Duration timeout, HttpClientOptions options, int perEndpoint) {
        this.timeout = timeout;
        this.http = vertx.createHttpClient(options
                .setConnectTimeout((int) timeout.toMillis())
                .setVerifyHost(true)
                .setMaxRedirects(0), new PoolOptions().setHttp1MaxSize(perEndpoint).setHttp2MaxSize(perEndpoint));
    }

    public CompletableFuture<Outcome> send(WebhookTarget target, String id, long timestamp, String signature, String body) {
        long start = System.nanoTime();
        // characters outside ASCII in the path or query go out percent-encoded (UTF-8), never as raw bytes
        URI url = URI.create(target.uri().toASCIIString());
        boolean tls = "https".equalsIgnoreCase(url.getScheme());
        int port = WebhookTarget.portOf(url);
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setSsl(tls)
                .setHost(url.getHost()) // an IPv6 literal keeps its brackets: the Host header needs them
                .setPort(port)
                .setURI(url.getRawQuery() == null ? pathOf(url) : pathOf(url) + "?" + url.getRawQuery())
                .setFollowRedirects(false)
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "RealSkin-Webhooks/1")
                .putHeader("webhook-id", id)
                .putHeader("webhook-timestamp", String.valueOf(timestamp))
                .putHeader("webhook-signature", signature);
        if (target.pinned() != null) {
            options.setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(target.pinned(), port)));
        }
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        AtomicReference<Integer> answered = new AtomicReference<>();
        AtomicReference<Duration> retryAfter = new AtomicReference<>();
        CompletableFuture<Integer> exchange = http.request(options)
                .compose(request -> {
                    sent.set(request);
                    return request.send(Buffer.buffer(body));
                })
                .compose(response -> {
                    answered.set(response.statusCode());
                    if (response.statusCode() == 429 || response.statusCode() == 503) {
                        retryAfter.set(retryAfter(response.getHeader("Retry-After"), Instant.now()));
                    }
                    try {
                        response.handler(ignored -> { }); // the body is not read: its bytes are dropped as they come
                    } catch (IllegalStateException alreadyEnded) {
                        // an answer without a body can end before this runs (a loaded CI run saw "HTTP 302, then
                        // IllegalStateException: Response already ended"): nothing is left to drop, end() is complete
                    }
                    return response.end().map(done -> response.statusCode());
                })
                .toCompletionStage().toCompletableFuture();
        // bounds the whole attempt, connecting and a dripping answer included; a late answer is cut off
        return exchange.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((status, error) -> {
                    int ms = (int) ((System.nanoTime() - start) / 1_000_000);
                    if (error != null) {
                        HttpClientRequest request = sent.get();
                        if (request != null) {
                            request.reset();
                        }
                        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                        if (cause instanceof TimeoutException) {
                            return new Outcome(null, "no complete answer within " + timeout.toMillis() + " ms", ms);
                        }
                        String what = cause.getClass().getSimpleName() + ": " + cause.getMessage();
                        Integer said = answered.get(); // a receiver that closes the connection after its status has said it
                        return said == null ? new Outcome(null, what, ms)
                                : new Outcome(said, "HTTP " + said + ", then " + what, ms, retryAfter.get());
                    }
                    return new Outcome(status, status / 100 == 2 ? null : "HTTP " + status, ms, retryAfter.get());
                });
    }

    /**
     * A {@code Retry-After} value (RFC 9110: delta-seconds, or an HTTP date) as a wait from {@code now}; null when there
     * is none or it is neither (then the schedule alone counts). A date in the past is no wait.
     */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.matches("[0-9]{1,18}")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Duration until = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String pathOf(URI url) {
        String path = url.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }
}
