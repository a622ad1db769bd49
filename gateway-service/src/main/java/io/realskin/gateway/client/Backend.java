package io.realskin.gateway.client;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.gateway.rest.ProblemException;
import io.realskin.gateway.rest.Problems;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.ws.rs.ProcessingException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;

/**
 * One backend's fault tolerance: a whole-call timeout, a retry of transport failures (for calls that are safe to
 * repeat) and a circuit breaker. Whatever gets through as a failure becomes the caller's 503 backend-unavailable.
 * Answers the backend meant (4xx, mapped by each client) pass untouched and do not open the breaker.
 */
final class Backend {
    private static final Logger LOG = Logger.getLogger(Backend.class);

    private final String name;
    private final Guard once;
    private final Guard retrying;
    private final Counter failures;

    Backend(String name, Duration timeout, MeterRegistry registry) {
        this.name = name;
        this.once = guard(name, timeout, false);
        this.retrying = guard(name + "-retrying", timeout, true);
        this.failures = Counter.builder("realskin.gateway.backend.failures").tag("backend", name)
                .description("calls to a backend that ended in 503 for the caller").register(registry);
    }

    private static Guard guard(String name, Duration timeout, boolean retry) {
        Guard.Builder builder = Guard.create().withDescription(name)
                .withTimeout().duration(timeout.toMillis(), ChronoUnit.MILLIS).done()
                .withCircuitBreaker().requestVolumeThreshold(20).failureRatio(0.5).delay(5, ChronoUnit.SECONDS)
                .successThreshold(2).failOn(List.of(BackendFailure.class, ProcessingException.class,
                        org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException.class)).done();
        if (retry) {
            builder.withRetry().maxRetries(2).delay(100, ChronoUnit.MILLIS).jitter(50, ChronoUnit.MILLIS)
                    .retryOn(List.of(BackendFailure.class, ProcessingException.class)).done();
        }
        return builder.build();
    }

    /** A call that must not be repeated blindly. */
    <T> T call(Callable<T> action) {
        return run(once, action);
    }

    /** A call that is safe to repeat (a GET, or a POST the backend de-duplicates). */
    <T> T callIdempotent(Callable<T> action) {
        return run(retrying, action);
    }

    @SuppressWarnings("unchecked")
    private <T> T run(Guard guard, Callable<T> action) {
        try {
            return (T) guard.call((Callable<Object>) action, Object.class);
        } catch (ProblemException e) {
            throw e;
        } catch (Exception e) {
            failures.increment();
            LOG.warnf("%s unavailable: %s", name, e.toString());
            throw Problems.unavailable(name);
        }
    }

    String name() {
        return name;
    }
}
