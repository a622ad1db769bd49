package io.realskin.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per API key: capacity = the key's per-minute limit, refilled continuously at limit/60 per second.
 * Per replica: behind N replicas a key gets up to N times its limit in the worst case (documented in docs/api.md).
 */
@ApplicationScoped
public class RateLimiter {
    public static final int WINDOW_SECONDS = 60;
    private static final int MAX_BUCKETS = 200_000;

    /** The outcome of one request: allowed or not, and what the RateLimit headers say. */
    public record Decision(boolean allowed, int limit, long remaining, long resetSeconds, long retryAfterSeconds) {
        public String policyHeader() {
            return "\"per-key\";q=" + limit + ";w=" + WINDOW_SECONDS;
        }

        public String rateLimitHeader() {
            return "\"per-key\";r=" + remaining + ";t=" + resetSeconds;
        }
    }

    private static final class Bucket {
        private double tokens;
        private long lastNanos;
        private int capacity;

        Bucket(int capacity, long now) {
            this.capacity = capacity;
            this.tokens = capacity;
            this.lastNanos = now;
        }

        synchronized Decision take(int limit, long now) {
            if (limit != capacity) {
                tokens = Math.min(tokens, limit);
                capacity = limit;
            }
            double perNano = limit / (WINDOW_SECONDS * 1e9);
            tokens = Math.min(capacity, tokens + (now - lastNanos) * perNano);
            lastNanos = now;
            boolean allowed = tokens >= 1;
            if (allowed) {
                tokens -= 1;
            }
            long reset = (long) Math.ceil((capacity - tokens) / perNano / 1e9);
            long retryAfter = allowed ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
            return new Decision(allowed, limit, (long) Math.floor(tokens), reset, retryAfter);
        }
    }

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public Decision acquire(String keyId, int limitPerMinute) {
        long now = System.nanoTime();
        if (buckets.size() > MAX_BUCKETS) {
            buckets.clear(); // a flood of distinct keys: forget (refill) rather than grow without bound
        }
        return buckets.computeIfAbsent(keyId, k -> new Bucket(limitPerMinute, now)).take(limitPerMinute, now);
    }
}
