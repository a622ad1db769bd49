package io.realskin.generation.provider;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An answer body read into memory up to a limit: a larger one is cut off (the exchange canceled), never buffered.
 * With a Content-Length the body is read straight into one array of that size (no growing, no final copy: an image
 * answer is megabytes). The body carries when its last byte arrived, where a job's own time starts.
 */
final class CappedBody implements HttpResponse.BodySubscriber<CappedBody.Body> {
    /** The answer was larger than the limit. */
    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("the answer is larger than " + limit + " bytes");
        }
    }

    /** The bytes, and {@link System#nanoTime()} when the last of them arrived. */
    record Body(byte[] bytes, long receivedAt) {
    }

    private final long limit;
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private byte[] buffer;
    private int size;
    private Flow.Subscription subscription;

    CappedBody(long limit, long expectedLength) {
        this.limit = limit;
        this.buffer = new byte[(int) Math.max(8192, Math.min(expectedLength, limit))];
    }

    static HttpResponse.BodyHandler<Body> handler(long limit) {
        return info -> new CappedBody(limit, info.headers().firstValueAsLong("content-length").orElse(0));
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer item : items) {
            long needed = size + (long) item.remaining();
            if (needed > limit) {
                subscription.cancel();
                result.completeExceptionally(new TooLarge(limit));
                return;
            }
            if (needed > buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(limit, Math.max(needed, 2L * buffer.length)));
            }
            int count = item.remaining();
            item.get(buffer, size, count);
            size += count;
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        long at = System.nanoTime();
        result.complete(new Body(size == buffer.length ? buffer : Arrays.copyOf(buffer, size), at));
    }

    @Override
    public CompletionStage<Body> getBody() {
        return result;
    }
}
