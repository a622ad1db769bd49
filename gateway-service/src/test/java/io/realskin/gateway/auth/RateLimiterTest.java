package io.realskin.gateway.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token bucket on a clock the test moves by hand: no sleeping, nothing measured from the wall clock. */
class RateLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    /** Starts far from zero, as System.nanoTime may. */
    private final AtomicLong clock = new AtomicLong(-7_000 * SECOND);
    private final RateLimiter limiter = new RateLimiter(clock::get);

    private void advance(long nanos) {
        clock.addAndGet(nanos);
    }

    @Test
    void peekTakesNothingAndSeesWhatAcquireTook() {
        RateLimiter limiter = new RateLimiter();
        assertTrue(limiter.peek("address:203.0.113.7", 2).allowed(), "an unknown bucket is full");
        assertTrue(limiter.peek("address:203.0.113.7", 2).allowed(), "peeking twice took nothing");
        assertTrue(limiter.acquire("address:203.0.113.7", 2).allowed());
        assertTrue(limiter.acquire("address:203.0.113.7", 2).allowed());
        RateLimiter.Decision empty = limiter.peek("address:203.0.113.7", 2);
        assertFalse(empty.allowed());
        assertTrue(empty.retryAfterSeconds() >= 1);
        assertTrue(limiter.peek("address:203.0.113.8", 2).allowed(), "another address has its own bucket");
    }

    /** A token given back is there again, and never beyond the bucket's capacity. */
    @Test
    void aTokenGivenBackIsThereAgainUpToCapacity() {
        assertTrue(limiter.acquire("key:k1", 2).allowed());
        assertTrue(limiter.acquire("key:k1", 2).allowed());
        assertFalse(limiter.peek("key:k1", 2).allowed());
        assertEquals(1, limiter.giveBack("key:k1", 2).remaining());
        assertTrue(limiter.acquire("key:k1", 2).allowed(), "the token given back serves the next request");
        limiter.giveBack("key:k1", 2);
        assertEquals(2, limiter.giveBack("key:k1", 2).remaining(), "never more than the capacity");
        assertEquals(2, limiter.giveBack("key:k2", 2).remaining(), "an unknown bucket is full");
    }

    @Test
    void ipv6AddressesShareTheBucketOfTheirSlash64() {
        assertEquals("2001:db8:1:2::/64", ClientAddresses.bucketOf("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals(ClientAddresses.bucketOf("2001:db8:1:2::1"), ClientAddresses.bucketOf("2001:db8:1:2:ffff::9"));
        assertEquals("203.0.113.7", ClientAddresses.bucketOf("203.0.113.7"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 60, 600, 3000})
    void aFreshKeyMayBurstItsWholeMinuteAndNotOneMore(int limit) {
        for (int i = 1; i <= limit; i++) {
            RateLimiter.Decision d = limiter.acquire("key", limit);
            assertTrue(d.allowed(), "request " + i + " of " + limit);
            assertEquals(limit - i, d.remaining());
            assertEquals(0, d.retryAfterSeconds());
        }
        RateLimiter.Decision over = limiter.acquire("key", limit);
        assertFalse(over.allowed());
        assertEquals(0, over.remaining());
        assertEquals(limit, over.limit());
        assertEquals((long) Math.ceil(60.0 / limit), over.retryAfterSeconds(), "one token's refill time, rounded up");
        assertEquals(60, over.resetSeconds(), "an empty bucket is full again after the window");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 60, 600, 1000, 3000})
    void aClientThatWaitsRetryAfterIsServedAndOneThatWaitsLessIsNot(int limit) {
        RateLimiter.Decision refused = drain("key", limit);
        long retryAfter = refused.retryAfterSeconds();
        long oneToken = (60 * SECOND + limit - 1) / limit; // nanoseconds per token, rounded up
        advance(oneToken - 1);
        assertFalse(limiter.acquire("key", limit).allowed(), "a nanosecond short of one token");
        advance(retryAfter * SECOND - (oneToken - 1));
        assertTrue(limiter.acquire("key", limit).allowed(), "after the Retry-After it was told (" + retryAfter + " s)");
    }

    @Test
    void tokensComeBackAtLimitPerMinute() {
        drain("key", 60);
        advance(10 * SECOND);
        for (int i = 0; i < 10; i++) {
            assertTrue(limiter.acquire("key", 60).allowed(), "10 s at 60/min refill 10 tokens: request " + (i + 1));
        }
        assertFalse(limiter.acquire("key", 60).allowed(), "not an 11th");
    }

    @Test
    void anIdleBucketFillsToItsCapacityAndNoFurther() {
        drain("key", 5);
        advance(3600 * SECOND);
        assertEquals(5, limiter.peek("key", 5).remaining());
        assertEquals(0, limiter.peek("key", 5).resetSeconds(), "a full bucket has nothing to reset");
        assertEquals(5, drainCount("key", 5), "an hour idle still allows one burst of the limit");
    }

    @Test
    void theResetHeaderSaysWhenTheBucketIsFullAgain() {
        drain("key", 6);
        RateLimiter.Decision empty = limiter.peek("key", 6);
        assertEquals(60, empty.resetSeconds());
        advance((empty.resetSeconds() - 1) * SECOND);
        assertEquals(5, limiter.peek("key", 6).remaining(), "one token short of full a second before the reset");
        advance(SECOND);
        assertEquals(6, limiter.peek("key", 6).remaining());
    }

    @Test
    void keysDoNotShareTokens() {
        drain("key-a", 3);
        assertFalse(limiter.acquire("key-a", 3).allowed());
        assertEquals(3, drainCount("key-b", 3), "another key still has its whole burst");
        assertFalse(limiter.peek("key-a", 3).allowed(), "and key-a is still empty");
    }

    @Test
    void peekingNeverTakesATokenNorMovesTheRefill() {
        drain("key", 2);
        advance(30 * SECOND);
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.peek("key", 2).allowed());
        }
        assertTrue(limiter.acquire("key", 2).allowed(), "the token refilled in 30 s is still there after peeking");
        assertFalse(limiter.acquire("key", 2).allowed());
    }

    @Test
    void aClockThatStepsBackMintsNoTokens() {
        drain("key", 4);
        advance(-120 * SECOND);
        assertFalse(limiter.acquire("key", 4).allowed());
        advance(120 * SECOND + 15 * SECOND);
        assertTrue(limiter.acquire("key", 4).allowed(), "15 s after the latest instant seen: one token at 4/min");
        assertFalse(limiter.acquire("key", 4).allowed());
    }

    @Test
    void aLoweredLimitCapsTheTokensLeftAtOnce() {
        limiter.acquire("key", 100);
        assertEquals(9, limiter.acquire("key", 10).remaining(), "99 tokens left under the old limit, at most 10 under the new");
    }

    /**
     * More buckets than the bound (a flood of names a client can make up) forgets the full ones, which loses nothing: a
     * drained bucket stays drained. Before, the whole map was cleared, refilling every tenant's bucket at once.
     */
    @Test
    void aFloodOfOtherBucketsLeavesADrainedOneDrained() {
        drain("tenant:a", 1); // one a minute: a token comes back only after 60 s
        for (int i = 1; i < RateLimiter.MAX_BUCKETS; i++) {
            limiter.acquire("address:" + i, 6_000); // each refilled within 10 ms
        }
        advance(SECOND);
        limiter.acquire("address:one-more", 6_000); // one over the bound
        limiter.acquire("address:two-more", 6_000); // finds it over: the full ones go
        assertFalse(limiter.acquire("tenant:a", 1).allowed(), "the drained bucket was kept");
    }

    @Test
    void headersFollowTheRateLimitFieldsDraft() {
        RateLimiter.Decision d = limiter.acquire("key", 600);
        assertEquals("\"per-tenant\";q=600;w=60", d.policyItem("per-tenant"));
        assertEquals("\"per-tenant\";r=599;t=" + d.resetSeconds(), d.rateLimitItem("per-tenant"));
        assertEquals(1, d.resetSeconds(), "one token at 600/min comes back within a second");
    }

    @Test
    void concurrentRequestsAtOneInstantGetExactlyTheLimit() throws Exception {
        int limit = 50;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                calls.add(() -> limiter.acquire("key", limit).allowed());
            }
            int allowed = 0;
            for (Future<Boolean> f : pool.invokeAll(calls)) {
                allowed += f.get() ? 1 : 0;
            }
            assertEquals(limit, allowed, "no lost update, no double spend");
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    /** Takes the whole bucket; returns the first refusal. */
    private RateLimiter.Decision drain(String key, int limit) {
        assertEquals(limit, drainCount(key, limit));
        return limiter.acquire(key, limit);
    }

    private int drainCount(String key, int limit) {
        int allowed = 0;
        while (limiter.acquire(key, limit).allowed()) {
            allowed++;
            assertTrue(allowed <= limit, "more than the limit allowed at one instant");
        }
        return allowed;
    }
}
