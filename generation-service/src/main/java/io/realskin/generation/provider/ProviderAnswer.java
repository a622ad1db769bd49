package io.realskin.generation.provider;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.realskin.contracts.EventJson;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * An answer as received: its body is the first {@code length} bytes of an array that goes back to the provider's
 * {@link BodyBuffers} when the answer is closed; nothing of it may be used after that. Close every answer (an
 * image answer's array is megabytes, kept for the next answers); one not closed is only garbage.
 */
public final class ProviderAnswer implements AutoCloseable {
    private final int status;
    private final HttpHeaders headers;
    private final byte[] body;
    private final int length;
    private final long receivedAt;
    private final BodyBuffers buffers;
    private boolean closed;

    /** An answer whose body is all of {@code body}, given back nowhere. */
    public ProviderAnswer(int status, HttpHeaders headers, byte[] body, long receivedAt) {
        this(status, headers, body, body.length, receivedAt, null);
    }

    ProviderAnswer(int status, HttpHeaders headers, byte[] body, int length, long receivedAt, BodyBuffers buffers) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.length = length;
        this.receivedAt = receivedAt;
        this.buffers = buffers;
    }

    public int status() {
        return status;
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** {@link System#nanoTime()} when its last byte arrived. */
    public long receivedAt() {
        return receivedAt;
    }

    /** A copy of the body, of its exact length: what outlives the answer (a downloaded image). */
    public byte[] bytes() {
        return Arrays.copyOf(open(), length);
    }

    public String text() {
        return new String(open(), 0, length, StandardCharsets.UTF_8);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** Gives the body's array back to be reused; closing twice does nothing. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (buffers != null) {
                buffers.give(body);
            }
        }
    }

    private synchronized byte[] open() {
        if (closed) {
            throw new IllegalStateException("the answer's body was given back");
        }
        return body;
    }

    /** The body as JSON, or an empty object when it is not JSON (an error page, say). */
    public JsonNode json() {
        try {
            JsonNode node = EventJson.MAPPER.readTree(open(), 0, length);
            return node == null || node.isMissingNode() ? EventJson.MAPPER.createObjectNode() : node;
        } catch (IOException e) {
            return EventJson.MAPPER.createObjectNode();
        }
    }

    /**
     * The body as a JSON object whose string values under {@code base64Fields} are binary nodes, decoded from the
     * body's bytes without a text copy ({@link Base64Values}); or a {@code provider_rejected} failure naming the
     * provider when it is not a JSON object or such a value is not base64.
     */
    public JsonNode requireJsonWithImages(String provider, Set<String> base64Fields) {
        JsonNode node;
        byte[] bytes = open();
        try (JsonParser parser = new Base64Values(EventJson.MAPPER.createParser(bytes, 0, length), base64Fields, bytes, length)) {
            node = EventJson.MAPPER.readTree(parser);
        } catch (Base64Values.NotBase64 e) {
            throw ProviderFailure.rejected(provider + ": " + e.field() + " is not base64");
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw ProviderFailure.rejected(provider + ": the answer (HTTP " + status + ") is not a JSON object");
        }
        return node;
    }

    /** The body as a JSON object, or a {@code provider_rejected} failure naming the provider. */
    public JsonNode requireJson(String provider) {
        JsonNode node = json();
        if (!node.isObject() || node.isEmpty()) {
            throw ProviderFailure.rejected(provider + ": the answer (HTTP " + status + ") is not a JSON object");
        }
        return node;
    }
}
