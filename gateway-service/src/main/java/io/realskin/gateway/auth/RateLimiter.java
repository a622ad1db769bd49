package io.realskin.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Token buckets by name (a tenant's, a key's with a limit of its own, a client address's for failed authentications):
 * capacity = the per-minute limit, refilled continuously at limit/60 per second.
 * Per replica: behind N replicas a tenant gets up to N times its limit in the worst case (documented in docs/api.md).
 */
@ApplicationScoped
public class RateLimiter {
    public static final int WINDOW_SECONDS = 60;
    static final int MAX_BUCKETS = 200_000;

    /** The outcome of one request: allowed or not, and what the RateLimit headers say. */
    public record Decision(boolean allowed, int limit, long remaining, long resetSeconds, long retryAfterSeconds) {
        /** This bucket's item of the RateLimit-Policy field, under the policy's name. */
        public String policyItem(String policy) {
            return "\"" + policy + "\";q=" + limit + ";w=" + WINDOW_SECONDS;
        }

        /** This bucket's item of the RateLimit field, under the policy's name. */
        public String rateLimitItem(String policy) {
            return "\"" + policy + "\";r=" + remaining + ";t=" + resetSeconds;
        }
    }

    /** Lock-free (compare-and-set), so that a thread descheduled mid-update never holds up the others. */
    private static final class Bucket {
        private record State(double tokens, long lastNanos, int capacity) {
        }

        private final AtomicReference<State> state;

        Bucket(int capacity, long now) {
            this.state = new AtomicReference<>(new State(capacity, now, capacity));
        }

        /** Whether it has refilled to its capacity by {@code now}: then it is no different from a new one. */
        boolean isFull(long now) {
            State at = state.get();
            return Math.min(at.capacity(), at.tokens() + Math.max(0, now - at.lastNanos()) * (at.capacity() / (WINDOW_SECONDS * 1e9)))
                    >= at.capacity();
        }

        /** What {@link #take} would decide, without taking. */
        Decision peek(int limit, long now) {
            double perNano = limit / (WINDOW_SECONDS * 1e9);
            State before = state.get();
            double tokens = Math.min(limit, Math.min(before.tokens(), limit) + Math.max(0, now - before.lastNanos()) * perNano);
            boolean allowed = tokens >= 1;
            long reset = (long) Math.ceil((limit - tokens) / perNano / 1e9);
            long retryAfter = allowed ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
            return new Decision(allowed, limit, (long) Math.floor(tokens), reset, retryAfter);
        }

        /** Puts back the token a refused request took (never over capacity); what {@link #peek} then sees. */
        Decision giveBack(int limit, long now) {
            while (true) {
                State before = state.get();
                State after = new State(Math.min(limit, before.tokens() + 1), before.lastNanos(), limit);
                if (state.compareAndSet(before, after)) {
                    return peek(limit, now);
                }
            }
        }

        Decision take(int limit, long now) {
            double perNano = limit / (WINDOW_SECONDS * 1e9);
            while (true) {
                State before = state.get();
                double tokens = Math.min(before.tokens(), limit);
                long elapsed = Math.max(0, now - before.lastNanos());
                tokens = Math.min(limit, tokens + elapsed * perNano);
                boolean allowed = tokens >= 1;
                double after = allowed ? tokens - 1 : tokens;
                if (state.compareAndSet(before, new State(after, Math.max(now, before.lastNanos()), limit))) {
                    long reset = (long) Math.ceil((limit - after) / perNano / 1e9);
                    long retryAfter = allowed ? 0 : Math.max(1, (long) Math.ceil((1 - after) / perNano / 1e9));
                    return new Decision(allowed, limit, (long) Math.floor(after), reset, retryAfter);
                }
            }
        }
    }

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    public RateLimiter() {
        this(System::nanoTime);
    }

    /** The clock seam: unit tests move time by hand instead of sleeping. */
    RateLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Whether a request under this key would be allowed now; takes nothing (a bucket only failures drain). */
    public Decision peek(String key, int limitPerMinute) {
        Bucket bucket = buckets.get(key);
        return bucket == null ? new Decision(true, limitPerMinute, limitPerMinute, 0, 0) : bucket.peek(limitPerMinute, nanoTime.getAsLong());
    }

    /**
     * Returns the token {@link #acquire} took for a request another bucket refused, so that only requests served
     * spend it; the decision is what the bucket holds then.
     */
    public Decision giveBack(String key, int limitPerMinute) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.get(key);
        return bucket == null ? new Decision(true, limitPerMinute, limitPerMinute, 0, 0) : bucket.giveBack(limitPerMinute, now);
    }

    public Decision acquire(String bucket, int limitPerMinute) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > MAX_BUCKETS) {
            // full buckets first: forgetting one loses nothing (a new one starts full), so a flood of other names cannot
            // refill a drained one; only a flood of that many drained at once is forgotten whole, rather than grow
            buckets.values().removeIf(kept -> kept.isFull(now));
            if (buckets.size() > MAX_BUCKETS) {
                buckets.clear();
            }
        }
        return buckets.computeIfAbsent(bucket, k -> new Bucket(limitPerMinute, now)).take(limitPerMinute, now);
    }
}
