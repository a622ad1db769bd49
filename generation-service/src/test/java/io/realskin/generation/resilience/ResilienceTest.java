package io.realskin.generation.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.FailureCodes;
import io.realskin.generation.provider.CallContext;
import io.realskin.generation.provider.ProgressListener;
import io.realskin.generation.provider.ProviderFailure;
import io.realskin.generation.provider.ProviderSettings;
import io.realskin.generation.provider.TaskJournal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Backoff, circuit breaker, bulkhead and the guard that combines them; clocks and waits are the test's own. */
class ResilienceTest {
    private final List<Duration> pauses = new ArrayList<>();
    private final Pauser recording = pauses::add;

    private static CallContext context(Duration budget) {
        return new CallContext(System.nanoTime() + budget.toNanos(), ProgressListener.NONE, TaskJournal.NONE);
    }

    @Test
    void backoffDoublesWithJitterInItsUpperHalfAndRetryAfterWins() {
        Backoff low = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.0);
        Backoff high = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 1.0);
        assertEquals(Duration.ofMillis(500), low.delay(1, null));
        assertEquals(Duration.ofSeconds(1), high.delay(1, null));
        assertEquals(Duration.ofSeconds(2), low.delay(3, null));
        assertEquals(Duration.ofSeconds(4), high.delay(3, null));
        assertEquals(Duration.ofSeconds(30), high.delay(20, null), "capped");
        assertEquals(Duration.ofSeconds(7), low.delay(1, Duration.ofSeconds(7)), "a longer Retry-After wins");
        assertEquals(Duration.ofSeconds(4), high.delay(3, Duration.ofMillis(10)), "a shorter one does not cut the backoff");
    }

    @Test
    void theBreakerOpensOnProviderFaultsOnlyAndTriesOneCallWhenItsTimeIsUp() {
        AtomicLong now = new AtomicLong();
        CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), now::get);
        for (int i = 0; i < 5; i++) {
            assertTrue(breaker.tryAcquire());
            breaker.onFailure(false); // moderation, 4xx: the provider is fine
        }
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        for (int i = 0; i < 3; i++) {
            assertTrue(breaker.tryAcquire());
            breaker.onFailure(true);
        }
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.tryAcquire());
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertTrue(breaker.tryAcquire(), "one trial call");
        assertFalse(breaker.tryAcquire(), "only one at a time");
        breaker.onFailure(true);
        assertEquals(CircuitBreaker.State.OPEN, breaker.state(), "a failed trial opens it again");
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertTrue(breaker.tryAcquire());
        breaker.onSuccess();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    }

    @Test
    void theBulkheadHoldsAtMostItsSlots() {
        Bulkhead bulkhead = new Bulkhead(2);
        assertTrue(bulkhead.acquire("t", Duration.ZERO));
        assertTrue(bulkhead.acquire("t", Duration.ZERO));
        assertFalse(bulkhead.acquire("t", Duration.ZERO));
        assertEquals(2, bulkhead.inFlight());
        bulkhead.release();
        assertTrue(bulkhead.acquire("t", Duration.ZERO));
    }

    @Test
    void theGuardRetriesOnlyWhatMayHelpAndStopsAtItsAttempts() {
        ProviderSettings settings = ProviderSettings.defaults("p", "k", "https://p.example").withRetries(3, Duration.ofMillis(100),
                Duration.ofSeconds(1));
        ProviderGuard guard = new ProviderGuard(settings, recording);
        AtomicInteger calls = new AtomicInteger();

        ProviderFailure quota = assertThrows(ProviderFailure.class, () -> guard.call(() -> {
            calls.incrementAndGet();
            throw ProviderFailure.quota("out of credits");
        }, context(Duration.ofMinutes(1)), ProviderGuard.RetryListener.NONE));
        assertEquals(FailureCodes.PROVIDER_QUOTA, quota.code());
        assertEquals(1, calls.get());

        calls.set(0);
        ProviderFailure down = assertThrows(ProviderFailure.class, () -> guard.call(() -> {
            calls.incrementAndGet();
            throw ProviderFailure.unavailable("503", null);
        }, context(Duration.ofMinutes(1)), ProviderGuard.RetryListener.NONE));
        assertEquals(3, calls.get());
        assertTrue(down.getMessage().contains("3 attempts"), down.getMessage());
        assertEquals(2, pauses.size());
        assertEquals(0, guard.bulkhead().inFlight(), "every slot was given back");
    }

    @Test
    void aRetryAfterBeyondTheDeadlineEndsTheCallNow() {
        ProviderGuard guard = new ProviderGuard(ProviderSettings.defaults("p", "k", "https://p.example"), recording);
        ProviderFailure f = assertThrows(ProviderFailure.class, () -> guard.call(() -> {
            throw ProviderFailure.rateLimited("429", Duration.ofMinutes(5));
        }, context(Duration.ofSeconds(10)), ProviderGuard.RetryListener.NONE));
        assertEquals(FailureCodes.PROVIDER_QUOTA, f.code());
        assertTrue(f.getMessage().contains("deadline"), f.getMessage());
        assertTrue(pauses.isEmpty(), "no pointless wait");
    }

    @Test
    void anOpenCircuitFailsFastWithoutCalling() {
        ProviderSettings settings = ProviderSettings.defaults("p", "k", "https://p.example").withBreaker(2, Duration.ofMinutes(1), 4)
                .withRetries(1, Duration.ofMillis(1), Duration.ofMillis(1));
        ProviderGuard guard = new ProviderGuard(settings, recording);
        for (int i = 0; i < 2; i++) {
            assertThrows(ProviderFailure.class, () -> guard.call(() -> {
                throw ProviderFailure.unavailable("timeout", null);
            }, context(Duration.ofMinutes(1)), ProviderGuard.RetryListener.NONE));
        }
        AtomicInteger calls = new AtomicInteger();
        ProviderFailure open = assertThrows(ProviderFailure.class, () -> guard.call(() -> calls.incrementAndGet(),
                context(Duration.ofMinutes(1)), ProviderGuard.RetryListener.NONE));
        assertEquals(FailureCodes.PROVIDER_UNAVAILABLE, open.code());
        assertTrue(open.getMessage().contains("circuit open"), open.getMessage());
        assertEquals(0, calls.get());
    }

    @Test
    void noFreeSlotBeforeTheDeadlineIsProviderUnavailable() {
        ProviderSettings settings = ProviderSettings.defaults("p", "k", "https://p.example").withBreaker(5, Duration.ofMinutes(1), 1);
        ProviderGuard guard = new ProviderGuard(settings, recording);
        assertTrue(guard.bulkhead().acquire("t", Duration.ZERO)); // another job holds the only slot
        ProviderFailure f = assertThrows(ProviderFailure.class, () -> guard.call(() -> "image", context(Duration.ofMillis(50)),
                ProviderGuard.RetryListener.NONE));
        assertTrue(f.getMessage().contains("no free slot"), f.getMessage());
    }

    /**
     * A half-open circuit's trial call is taken with a bulkhead slot in hand: a job that waits for a slot holds no
     * trial, so another job is not refused "circuit open" meanwhile, and both go out once slots free up.
     */
    @Test
    void aCallWaitingForASlotHoldsNoTrial() throws Exception {
        AtomicLong now = new AtomicLong();
        CircuitBreaker breaker = new CircuitBreaker(1, Duration.ofSeconds(30), now::get);
        ProviderSettings settings = ProviderSettings.defaults("p", "k", "https://p.example");
        ProviderGuard guard = new ProviderGuard(settings, new Bulkhead(1), breaker,
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(1)), recording);
        assertTrue(breaker.tryAcquire());
        breaker.onFailure(true);
        now.addAndGet(Duration.ofSeconds(30).toNanos()); // open, and its time is up: the next call is the trial
        assertTrue(guard.bulkhead().acquire("t", Duration.ZERO)); // another job holds the only slot

        List<Object> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread first = waitingCall(guard, outcomes);
        Thread second = waitingCall(guard, outcomes);
        guard.bulkhead().release();
        first.join(10_000);
        second.join(10_000);
        assertEquals(List.of("image", "image"), outcomes, "both calls went out, neither was refused as circuit open");
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    }

    /** A call on its own thread, returned once it waits for the bulkhead (or has ended, refused). */
    private static Thread waitingCall(ProviderGuard guard, List<Object> outcomes) throws InterruptedException {
        Thread call = new Thread(() -> {
            try {
                outcomes.add(guard.call(() -> "image", context(Duration.ofSeconds(30)), ProviderGuard.RetryListener.NONE));
            } catch (ProviderFailure f) {
                outcomes.add(f.getMessage());
            }
        });
        startWaiting(call);
        return call;
    }

    /** A job canceled while it waited for a slot gives the slot back and makes no call. */
    @Test
    void aCallCanceledWhileWaitingForASlotMakesNoCallAndGivesTheSlotBack() throws Exception {
        ProviderGuard guard = new ProviderGuard(ProviderSettings.defaults("p", "k", "https://p.example").withBreaker(5, Duration.ofMinutes(1), 1),
                recording);
        assertTrue(guard.bulkhead().acquire("t", Duration.ZERO)); // another job holds the only slot
        java.util.concurrent.atomic.AtomicBoolean canceled = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicInteger calls = new AtomicInteger();
        CallContext context = new CallContext(System.nanoTime() + Duration.ofSeconds(30).toNanos(), ProgressListener.NONE,
                TaskJournal.NONE, canceled::get, "t1");
        java.util.concurrent.CompletableFuture<Throwable> outcome = new java.util.concurrent.CompletableFuture<>();
        Thread call = new Thread(() -> {
            try {
                guard.call(calls::incrementAndGet, context, ProviderGuard.RetryListener.NONE);
                outcome.complete(null);
            } catch (RuntimeException e) {
                outcome.complete(e);
            }
        });
        startWaiting(call);
        canceled.set(true);
        guard.bulkhead().release();
        assertTrue(outcome.get(10, java.util.concurrent.TimeUnit.SECONDS) instanceof io.realskin.generation.provider.JobCanceled);
        assertEquals(0, calls.get(), "no call went out");
        assertEquals(0, guard.bulkhead().inFlight(), "the slot was given back");
    }

    /**
     * Waiting calls are served by tenant in turn: tenant a's three queued calls do not go before tenant b's one, which
     * comes second, and a call that gave up waiting leaves its turn to the next.
     */
    @Test
    void theBulkheadServesWaitingTenantsInTurn() throws Exception {
        Bulkhead bulkhead = new Bulkhead(1);
        assertTrue(bulkhead.acquire("a", Duration.ZERO));
        List<String> served = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> callers = new ArrayList<>();
        for (String caller : List.of("a1", "a2", "a3", "b1")) {
            callers.add(waitFor(bulkhead, caller.substring(0, 1), caller, served, Duration.ofSeconds(30)));
        }
        assertFalse(bulkhead.acquire("c", Duration.ofMillis(1)), "no slot: c gave up, and is no one's turn");
        for (int i = 0; i < 4; i++) {
            bulkhead.release();
            int expected = i + 1;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (served.size() < expected && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
        for (Thread caller : callers) {
            caller.join(10_000);
        }
        assertEquals(List.of("a1", "b1", "a2", "a3"), served);
        assertEquals(1, bulkhead.inFlight(), "the last one still holds its slot");
        bulkhead.release();
        assertEquals(0, bulkhead.inFlight());
        assertTrue(bulkhead.acquire("c", Duration.ZERO), "a free slot is taken at once");
    }

    /** A thread waiting for a slot as {@code tenant}; it records {@code name} once served. Returned once it waits. */
    private static Thread waitFor(Bulkhead bulkhead, String tenant, String name, List<String> served, Duration wait)
            throws InterruptedException {
        Thread caller = new Thread(() -> {
            if (bulkhead.acquire(tenant, wait)) {
                served.add(name);
            }
        });
        startWaiting(caller);
        return caller;
    }

    /** Starts the thread and returns once it waits (for a bulkhead slot, here) or has ended. */
    private static void startWaiting(Thread thread) throws InterruptedException {
        thread.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (thread.getState() != Thread.State.TIMED_WAITING && thread.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }
}
