package io.realskin.generation.resilience;

import io.realskin.generation.provider.CallContext;
import io.realskin.generation.provider.JobCanceled;
import io.realskin.generation.provider.ProviderFailure;
import io.realskin.generation.provider.ProviderSettings;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs one provider call with the provider's resilience: a bulkhead slot per attempt (released while waiting to
 * retry; waiting calls served by tenant in turn), the circuit breaker, and retries of what the failure says is
 * retryable (timeouts, and the answers the provider's own retry rule calls transient) with jittered backoff that honours
 * the provider's Retry-After, all within the job's deadline. A job canceled meanwhile makes no further attempt
 * ({@link CallContext#requireNotCanceled}).
 */
public final class ProviderGuard {
    /** What happened to one failed attempt, for logs and metrics. */
    @FunctionalInterface
    public interface RetryListener {
        RetryListener NONE = (attempt, failure, delay) -> { };

        void retrying(int attempt, ProviderFailure failure, Duration delay);
    }

    private final ProviderSettings settings;
    private final Bulkhead bulkhead;
    private final CircuitBreaker breaker;
    private final Backoff backoff;
    private final Pauser pauser;

    public ProviderGuard(ProviderSettings settings, Pauser pauser) {
        this(settings, new Bulkhead(settings.concurrency()), new CircuitBreaker(settings.breakerFailures(), settings.breakerOpenFor()),
                new Backoff(settings.backoffBase(), settings.backoffMax()), pauser);
    }

    public ProviderGuard(ProviderSettings settings, Bulkhead bulkhead, CircuitBreaker breaker, Backoff backoff, Pauser pauser) {
        this.settings = settings;
        this.bulkhead = bulkhead;
        this.breaker = breaker;
        this.backoff = backoff;
        this.pauser = pauser;
    }

    public <T> T call(Supplier<T> attempt, CallContext context, RetryListener listener) {
        return call(attempt, () -> Duration.ZERO, context, listener);
    }

    /**
     * {@code leastToStart}: how much of the job's time an attempt needs left when it gets its slot (BFL: a new task is
     * submitted only with {@code submit-min-time} left), asked before each wait for a slot. The wait ends that much
     * before the deadline: a slot that comes later could only be given back, and the job, or its fallback model, would
     * have waited for nothing.
     */
    public <T> T call(Supplier<T> attempt, Supplier<Duration> leastToStart, CallContext context, RetryListener listener) {
        int counted = 0; // attempts that count against max-attempts: all but refusals for now (ProviderFailure.untilCapacity)
        for (int n = 1; ; n++) {
            context.requireNotCanceled();
            if (breaker.refusing()) {
                throw circuitOpen();
            }
            Duration least = leastToStart.get();
            if (!bulkhead.acquire(context.tenant(), context.remaining().minus(least))) {
                throw ProviderFailure.unavailableFinal(settings.name() + ": no free slot (" + bulkhead.slots() + " calls in flight) "
                        + (least.isZero() ? "before the job's deadline" : "while at least " + least.toSeconds() + " s of the job's time"
                        + " were left, the least a new task needs (submit-min-time); nothing was submitted or paid"));
            }
            try {
                context.requireNotCanceled(); // again: the wait for a slot may have lasted minutes
            } catch (JobCanceled e) {
                bulkhead.release();
                throw e;
            }
            // the half-open circuit's one trial is taken with a slot in hand: a trial waiting for a slot would refuse
            // every other call for as long as it waits
            if (!breaker.tryAcquire()) {
                bulkhead.release();
                throw circuitOpen();
            }
            ProviderFailure failure;
            try {
                T result = attempt.get();
                breaker.onSuccess();
                return result;
            } catch (ProviderFailure f) {
                breaker.onFailure(f.providerFault());
                failure = f;
            } catch (RuntimeException e) {
                breaker.onFailure(false);
                throw e;
            } finally {
                bulkhead.release();
            }
            if (!failure.retryable()) {
                throw failure;
            }
            if (!failure.waitsForCapacity() && ++counted >= settings.maxAttempts()) {
                throw failure.exhausted(n + " attempts");
            }
            Duration delay = backoff.delay(n, failure.retryAfter());
            Duration needed = leastToStart.get();
            if (delay.compareTo(context.remaining().minus(needed)) >= 0) {
                throw failure.exhausted(n + " attempts; the next would come " + (needed.isZero() ? "after the job's deadline"
                        : "with less than the " + needed.toSeconds() + " s a new task needs (submit-min-time)"));
            }
            listener.retrying(n, failure, delay);
            pauser.pause(delay);
        }
    }

    private ProviderFailure circuitOpen() {
        return ProviderFailure.unavailableFinal(settings.name() + ": circuit open after repeated failures; next try in "
                + breaker.retryIn().toSeconds() + " s");
    }

    public Bulkhead bulkhead() {
        return bulkhead;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }
}
