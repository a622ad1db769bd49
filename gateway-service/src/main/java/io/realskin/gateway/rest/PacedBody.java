package io.realskin.gateway.rest;

import io.smallrye.mutiny.Multi;
import java.util.Arrays;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * An answer's body from memory, sent in pieces, each after the one before has been written to the connection. A
 * byte[] entity ends the exchange at once with its bytes still in the connection's buffer, so the
 * {@link BodyBudget}'s share, given back when the exchange ends, was free again while a slow reader kept the whole
 * body in memory as long as it liked; paced, the exchange lasts until the last piece is on its way, and a reader slower
 * than {@code realskin.bodies.min-kib-per-second} is cut by the {@link TransferDeadline}.
 */
public final class PacedBody {
    static final int PIECE_BYTES = 64 * 1024;

    private PacedBody() {
    }

    /**
     * 200 to {@code exchange} with {@code body} as {@code contentType}, its length, and {@code headers}; {@code whenStopped}
     * runs if the client goes away first (RESTEasy then cancels the pieces, and the exchange never reports an end).
     */
    public static RestMulti<byte[]> of(RoutingContext exchange, byte[] body, String contentType, Map<String, String> headers,
                                       Runnable whenStopped) {
        // RESTEasy streams a Multi chunked; the length is known, and a message may not carry both
        exchange.addHeadersEndHandler(v -> exchange.response().setChunked(false));
        Multi<byte[]> pieces = Multi.createFrom().range(0, (body.length + PIECE_BYTES - 1) / PIECE_BYTES)
                .map(i -> Arrays.copyOfRange(body, i * PIECE_BYTES, Math.min(body.length, (i + 1) * PIECE_BYTES)))
                .onCancellation().invoke(whenStopped);
        RestMulti.SyncRestMulti.Builder<byte[]> answer = RestMulti.fromMultiData(pieces).withDemand(1).status(200)
                .header("Content-Type", contentType).header("Content-Length", String.valueOf(body.length));
        headers.forEach(answer::header);
        return answer.build();
    }
}
