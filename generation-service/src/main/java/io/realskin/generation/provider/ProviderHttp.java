package io.realskin.generation.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.realskin.generation.imaging.DecodeSlots;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * One provider's HTTP exchanges (the JDK client): connect and read timeouts bounded by the job's deadline, answers
 * read up to a size limit, redirects never followed. A network failure (a connect, reset or timeout) is a retryable
 * {@code provider_unavailable}; an answer that is not HTTP is {@code provider_rejected} like any other answer not as
 * documented; anything else the client throws (a bug of ours, an Error) goes on as it is, never retried as transient.
 * Nothing here logs; {@link #redact} keeps the key out of any text we pass on.
 */
public final class ProviderHttp {
    /** C0 and C1 controls (line breaks, ESC, DEL) and Unicode's line and paragraph separators. */
    private static final Pattern CONTROLS = Pattern.compile("[\\p{Cc}\\u2028\\u2029]+");
    /** Base64 of a 30 MiB image in JSON, with room to spare. */
    public static final long MAX_ANSWER_BYTES = 48L * 1024 * 1024;

    private final ProviderSettings settings;
    private final HttpClient client;
    private final AllowedHosts hosts;
    private final DecodeSlots slots;
    private final BodyBuffers buffers;

    public ProviderHttp(ProviderSettings settings) {
        this(settings, DecodeSlots.PROCESS);
    }

    /** With the process's image slots, where an answer's images are read out of its JSON ({@link #readImages}). */
    public ProviderHttp(ProviderSettings settings, DecodeSlots slots) {
        this.settings = settings;
        this.slots = slots;
        this.client = HttpClient.newBuilder()
                // HTTP/2 by ALPN over TLS; over cleartext (a proxy, a stub) plain HTTP/1.1: an h2c upgrade in flight
                // would hold back the other requests to the host
                .version("https".equals(settings.baseUrl().getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.hosts = new AllowedHosts(settings.baseUrl(), settings.allowedHosts());
        this.buffers = BodyBuffers.forConcurrency(settings.concurrency());
    }

    public ProviderSettings settings() {
        return settings;
    }

    public AllowedHosts hosts() {
        return hosts;
    }

    /**
     * {@link ProviderAnswer#requireJsonWithImages} in an image slot, in turn by the answer's arrival: reading megabytes of
     * base64 is the first of the job's CPU steps after the answer, and the check of the image that follows goes
     * before the answers that arrived later, so a burst of answers is finished one job after another.
     */
    public JsonNode readImages(ProviderAnswer answer, String provider, Set<String> base64Fields) {
        return slots.run(answer.receivedAt(), () -> answer.requireJsonWithImages(provider, base64Fields));
    }

    /** A request builder for the provider's base URL plus {@code path}, with the settings' headers (never the key). */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(settings.base() + path));
        settings.headers().forEach(builder::header);
        return builder;
    }

    /**
     * Sends and reads the whole answer within the read timeout and the job's deadline. Close the answer once read.
     *
     * @throws ProviderFailure unavailable (retryable) for a timeout or network failure; rejected for an oversize answer
     *                         or one that is not HTTP
     * @throws RuntimeException what the client threw that is none of those (a failing body publisher or handler: a bug),
     *                          as it is: the job fails {@code internal}, no further attempt
     */
    public ProviderAnswer exchange(HttpRequest.Builder builder, CallContext context, long maxBytes) {
        Duration remaining = context.remaining();
        if (remaining.isZero()) {
            throw ProviderFailure.unavailableFinal(settings.name() + ": the job's deadline has passed before this call");
        }
        Duration timeout = remaining.compareTo(settings.readTimeout()) < 0 ? remaining : settings.readTimeout();
        HttpRequest request = builder.timeout(timeout).build();
        CompletableFuture<HttpResponse<CappedBody.Body>> pending = client.sendAsync(request, CappedBody.handler(maxBytes, buffers));
        try {
            HttpResponse<CappedBody.Body> response = pending.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            CappedBody.Body body = response.body();
            return new ProviderAnswer(response.statusCode(), response.headers(), body.buffer(), body.length(), body.receivedAt(), body.buffers());
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw timedOut(request, timeout);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw ProviderFailure.unavailableFinal(settings.name() + ": interrupted");
        } catch (ExecutionException e) {
            throw failure(request, e.getCause(), timeout);
        }
    }

    private ProviderFailure failure(HttpRequest request, Throwable cause, Duration timeout) {
        if (cause instanceof CappedBody.TooLarge tooLarge) {
            return ProviderFailure.rejected(settings.name() + ": " + tooLarge.getMessage());
        }
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            // no host: the message is the tenant's job error, and a base URL may point at an internal proxy
            return ProviderFailure.unavailable(settings.name() + ": cannot connect", null);
        }
        if (cause instanceof HttpTimeoutException) {
            return timedOut(request, timeout);
        }
        if (cause instanceof ProtocolException) {
            // a status line or header no HTTP parser takes: the provider's answer, not the network; the same request
            // would get it again (the JDK's message quotes the bad line, which may be anything: not passed on)
            return ProviderFailure.rejected(settings.name() + ": the answer to " + request.method() + " " + request.uri().getPath()
                    + " is not HTTP (" + cause.getClass().getSimpleName() + ")");
        }
        if (cause instanceof IOException) {
            return ProviderFailure.unanswered(settings.name() + ": " + request.method() + " " + request.uri().getPath()
                    + " failed: " + cause.getClass().getSimpleName());
        }
        if (cause instanceof RuntimeException bug) {
            throw new IllegalStateException(settings.name() + ": " + request.method() + " " + request.uri().getPath()
                    + " failed in the HTTP client", bug);
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(settings.name() + ": the HTTP client failed", cause);
    }

    private ProviderFailure timedOut(HttpRequest request, Duration timeout) {
        return ProviderFailure.unanswered(settings.name() + ": no complete answer to " + request.method() + " "
                + request.uri().getPath() + " within " + timeout.toMillis() + " ms");
    }

    /**
     * The text with anything key-shaped masked ({@link KeyMask}: our key whole or in part, as a provider may echo it,
     * masked or not), each run of control characters and line separators one space (it goes into a log line and a FAILED
     * message: until 2026-12-07 a line break in a provider's or proxy's error text began a log line of its making); long
     * texts shortened for an event message.
     */
    public String redact(String text) {
        if (text == null) {
            return "";
        }
        // cut before masking, with room for a key across the cut, and once more after
        String oneLine = CONTROLS.matcher(text.length() > 600 ? text.substring(0, 600) : text).replaceAll(" ");
        String clean = KeyMask.mask(oneLine, settings.apiKey());
        return clean.length() > 300 ? clean.substring(0, 300) + "..." : clean;
    }
}
