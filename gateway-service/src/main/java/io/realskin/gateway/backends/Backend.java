package io.realskin.gateway.backends;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.gateway.problems.Problems;
import io.realskin.support.problem.ProblemException;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.ws.rs.ProcessingException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/**
 * One backend's fault tolerance, built so that no tenant's requests can open a breaker for the others:
 * <ul>
 * <li>each tenant has its own guard: a per-attempt timeout and a circuit breaker counting that tenant's calls
 * that failed in the backend's infrastructure (a timeout, a 5xx, a dropped connection);</li>
 * <li>one shared guard per backend: two retries with jitter (for calls safe to repeat; after a read timeout only where
 * the backend's work is cheap to repeat, see {@link #worthRepeating}) and a circuit breaker counting only the failures
 * nobody's input can cause: the backend refusing or not accepting connections.</li>
 * </ul>
 * Answers the backend meant are no failures: a 4xx (a {@link BackendProblem}, or what each client makes of it), and
 * "busy, come back then" (a 503 or 429 with Retry-After, {@link BackendBusy}), which is neither retried nor counted by
 * any breaker and reaches the caller at once with the backend's Retry-After. Whatever gets through as a failure
 * becomes the caller's 503 backend-unavailable with Retry-After: 5. At most {@link #MAX_TENANTS}
 * tenant guards are kept (least recently used first out: a tenant dropped starts again with a closed breaker).
 * <p>
 * The tenants' breakers share one FT description, so their FT state gauges would collide (Micrometer kept the first
 * tenant's and logged a warning for each next one; {@link TenantBreakerGauges} drops them): their state is exported as
 * {@code realskin.gateway.backend.tenant.breakers.open}, how many tenants' breakers are open, bounded whatever the
 * number of tenants.
 */
final class Backend {
    private static final Logger LOG = Logger.getLogger(Backend.class);
    static final int MAX_TENANTS = 10_000;
    /** The description of every tenant's guard of a backend, after its name: its FT metrics' {@code method} tag. */
    static final String TENANT_GUARD = "-tenant";

    private final String name;
    private final Duration timeout;
    private final Guard once;
    private final Guard retrying;
    private final Map<String, Guard> tenants = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Guard> eldest) {
            if (size() > MAX_TENANTS) {
                openTenants.remove(eldest.getKey());
                return true;
            }
            return false;
        }
    };
    /** The tenants whose own breaker is open or half-open (one per tenant: no gauge of its own, see the class). */
    private final Set<String> openTenants = ConcurrentHashMap.newKeySet();
    private final Counter failures;
    private final Counter busy;

    /**
     * {@code repeatAfterTimeout}: whether a call safe to repeat is also repeated after a read timeout. Not where each call
     * costs the backend seconds of its cores (texture-service): the first attempt may still be running, and asking again
     * would add that work to a backend already too slow, at a tenant's say. Billing dedupes its writes by key, and a
     * repeat is what tells whether a slow hold was placed.
     */
    Backend(String name, Duration timeout, boolean repeatAfterTimeout, MeterRegistry registry) {
        this.name = name;
        this.timeout = timeout;
        this.once = shared(name, null);
        this.retrying = shared(name + "-retrying", e -> worthRepeating(e, repeatAfterTimeout));
        this.failures = Counter.builder("realskin.gateway.backend.failures").tag("backend", name)
                .description("calls to a backend that failed (503 backend-unavailable for the caller)").register(registry);
        this.busy = Counter.builder("realskin.gateway.backend.busy").tag("backend", name)
                .description("calls a backend answered busy (503 or 429 with Retry-After), passed on to the caller").register(registry);
        Gauge.builder("realskin.gateway.backend.tenant.breakers.open", openTenants, Set::size).tag("backend", name)
                .description("tenants whose own circuit breaker for the backend is open or half-open, on this replica")
                .register(registry);
    }

    /** {@code retry}: which failures are tried again (twice); null: none. */
    private static Guard shared(String name, Predicate<Throwable> retry) {
        Guard.Builder builder = Guard.create().withDescription(name)
                .withCircuitBreaker().requestVolumeThreshold(20).failureRatio(0.5).delay(5, ChronoUnit.SECONDS)
                .successThreshold(2).when(Backend::unreachable).done();
        if (retry != null) {
            builder.withRetry().maxRetries(2).delay(100, ChronoUnit.MILLIS).jitter(50, ChronoUnit.MILLIS)
                    .whenException(retry).done();
        }
        return builder.build();
    }

    private Guard forTenant(String tenantId) {
        synchronized (tenants) {
            return tenants.computeIfAbsent(tenantId == null ? "" : tenantId, t -> Guard.create().withDescription(name + TENANT_GUARD)
                    .withTimeout().duration(timeout.toMillis(), ChronoUnit.MILLIS).done()
                    .withCircuitBreaker().requestVolumeThreshold(20).failureRatio(0.5).delay(5, ChronoUnit.SECONDS)
                    .successThreshold(2).when(Backend::infrastructure).onStateChange(state -> breakerOf(t, state)).done()
                    .build());
        }
    }

    private void breakerOf(String tenantId, CircuitBreakerState state) {
        if (state == CircuitBreakerState.CLOSED) {
            openTenants.remove(tenantId);
            return;
        }
        synchronized (tenants) {
            if (tenants.containsKey(tenantId)) { // not a guard already dropped, whose tenant would never leave the set
                openTenants.add(tenantId);
            }
        }
    }

    /** Nothing a tenant sends can cause it: the backend refuses connections, or its name or route is gone. */
    static boolean unreachable(Throwable e) {
        return e instanceof BackendFailure f && f.unreachable();
    }

    /**
     * A failure a second attempt may not meet: any but a timeout, and that too where {@code repeatAfterTimeout}. The
     * attempt's own timeout counts as one: it fires with the REST client's read timeout of the same length, and usually first.
     */
    static boolean worthRepeating(Throwable e, boolean repeatAfterTimeout) {
        if (e instanceof TimeoutException) {
            return repeatAfterTimeout;
        }
        return e instanceof BackendFailure f && (repeatAfterTimeout || !f.timedOut());
    }

    static boolean infrastructure(Throwable e) {
        return e instanceof BackendFailure || e instanceof TimeoutException;
    }

    /** A call that must not be repeated blindly. */
    <T> T call(String tenantId, Callable<T> action) {
        return run(once, tenantId, action);
    }

    /** A call that is safe to repeat (a GET, or a POST the backend de-duplicates). */
    <T> T callIdempotent(String tenantId, Callable<T> action) {
        return run(retrying, tenantId, action);
    }

    @SuppressWarnings("unchecked")
    private <T> T run(Guard shared, String tenantId, Callable<T> action) {
        Guard own = forTenant(tenantId);
        try {
            return (T) shared.call(() -> own.call(() -> transportFailuresAsBackendFailures(action), Object.class), Object.class);
        } catch (ProblemException e) {
            throw e;
        } catch (BackendProblem e) {
            throw e.toCaller(name);
        } catch (BackendBusy e) {
            busy.increment();
            LOG.debugf("%s busy for tenant %s: retry after %d s", name, tenantId, e.retryAfterSeconds());
            throw e.toCaller(name);
        } catch (Exception e) {
            failures.increment();
            LOG.warnf("%s unavailable for tenant %s: %s", name, tenantId, e.toString());
            throw Problems.unavailable(name);
        }
    }

    /**
     * The REST client's connect and read failures, sorted into what the breakers count and what is retried (a read
     * timeout is Vert.x's {@code NoStackTraceTimeoutException}, a {@code java.util.concurrent.TimeoutException}).
     */
    private static Object transportFailuresAsBackendFailures(Callable<?> action) throws Exception {
        try {
            return action.call();
        } catch (ProcessingException e) {
            boolean unreachable = unreachableCause(e);
            boolean timedOut = causedBy(e, java.util.concurrent.TimeoutException.class, SocketTimeoutException.class);
            throw new BackendFailure(e.toString(), unreachable, timedOut);
        }
    }

    /** The request never reached the backend: the connection was refused, or the backend's name or route is gone. */
    static boolean unreachableCause(Throwable e) {
        return causedBy(e, ConnectException.class, UnknownHostException.class, NoRouteToHostException.class);
    }

    @SafeVarargs
    private static boolean causedBy(Throwable e, Class<? extends Throwable>... kinds) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (Class<? extends Throwable> kind : kinds) {
                if (kind.isInstance(t)) {
                    return true;
                }
            }
        }
        return false;
    }

    String name() {
        return name;
    }
}
