package io.realskin.generation.provider;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An answer body read into memory up to a limit: a larger one is cut off (the exchange canceled), never buffered.
 * With a Content-Length the body is read straight into one array at least that large (no growing, no final copy: an
 * image answer is megabytes), taken from {@link BodyBuffers} and given back there when the body is closed, or at
 * once when the exchange fails or is cut off. The body carries when its last byte arrived, where a job's own time
 * starts.
 */
final class CappedBody implements HttpResponse.BodySubscriber<CappedBody.Body> {
    /** The answer was larger than the limit. */
    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("the answer is larger than " + limit + " bytes");
        }
    }

    /**
     * The first {@code length} bytes of {@code buffer} (which may be longer), and {@link System#nanoTime()} when the
     * last of them arrived; {@code buffers} takes the array back.
     */
    record Body(byte[] buffer, int length, long receivedAt, BodyBuffers buffers) {
    }

    private final long limit;
    private final BodyBuffers buffers;
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private byte[] buffer;
    private int size;
    private boolean ended;
    private Flow.Subscription subscription;

    CappedBody(long limit, long expectedLength) {
        this(limit, expectedLength, new BodyBuffers(0, 0));
    }

    CappedBody(long limit, long expectedLength, BodyBuffers buffers) {
        this.limit = limit;
        this.buffers = buffers;
        this.buffer = buffers.take((int) Math.max(8192, Math.min(expectedLength, limit)));
    }

    static HttpResponse.BodyHandler<Body> handler(long limit, BodyBuffers buffers) {
        return info -> new CappedBody(limit, info.headers().firstValueAsLong("content-length").orElse(0), buffers);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (ended) {
            return; // cut off: what still comes after the cancel is dropped, and the array is no longer ours
        }
        for (ByteBuffer item : items) {
            long needed = size + (long) item.remaining();
            if (needed > limit) {
                subscription.cancel();
                end();
                result.completeExceptionally(new TooLarge(limit));
                return;
            }
            if (needed > buffer.length) {
                byte[] larger = buffers.take((int) Math.min(limit, Math.max(needed, 2L * buffer.length)));
                System.arraycopy(buffer, 0, larger, 0, size);
                buffers.give(buffer);
                buffer = larger;
            }
            int count = item.remaining();
            item.get(buffer, size, count);
            size += count;
        }
    }

    @Override
    public void onError(Throwable error) {
        if (!ended) {
            end();
        }
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        long at = System.nanoTime();
        if (ended) {
            return;
        }
        ended = true;
        result.complete(new Body(buffer, size, at, buffers)); // the array is the body's now: given back when it is closed
    }

    /** No more bytes are taken: the array goes back (the subscriber's signals come one at a time, never together). */
    private void end() {
        ended = true;
        buffers.give(buffer);
        buffer = null;
    }

    @Override
    public CompletionStage<Body> getBody() {
        return result;
    }
}
