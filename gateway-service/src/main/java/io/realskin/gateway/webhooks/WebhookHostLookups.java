package io.realskin.gateway.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * DNS lookups of webhook hosts, bounded in time and per tenant. The JVM's resolver has no timeout of its own, so a
 * tenant whose names resolve slowly (its own name server, a new name each time so that no answer is cached) held the
 * calling worker thread for as long as the resolver took, and a few requests a second could fill the gateway's shared
 * worker pool for every tenant. Each lookup runs on a thread of its own and is waited for at most {@code timeout} (then
 * it counts as a name that does not resolve); a tenant has at most {@code perTenant} lookups in progress, counted
 * until the lookup itself ends, so no tenant holds more than that many threads however slow its names are, and the
 * replica at most {@code total} over all tenants (until 2026-12-07 only the tenant's were bounded: many tenants with slow
 * name servers started a thread each, 4 x the tenants, without end).
 */
final class WebhookHostLookups {
    /** Name to addresses: the JVM's resolver, or a test's. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The tenant has {@link #perTenant} lookups in progress ({@code replica} false), or the replica {@link #total}. */
    static final class Busy extends RuntimeException {
        final boolean replica;

        Busy(boolean replica) {
            super(null, null, false, false);
            this.replica = replica;
        }
    }

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Resolver resolver;
    private final Duration timeout;
    final int perTenant;
    final int total;
    private final Map<String, Integer> inProgress = new ConcurrentHashMap<>();
    private final AtomicInteger inProgressTotal = new AtomicInteger();
    // never more than perTenant threads a tenant, total over all: a lookup the resolver does not end keeps its thread
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "webhook-dns-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    WebhookHostLookups(Resolver resolver, Duration timeout, int perTenant, int total) {
        if (perTenant < 1) {
            throw new IllegalArgumentException("realskin.webhooks.lookups-per-tenant must be at least 1, not " + perTenant);
        }
        if (total < perTenant) {
            throw new IllegalArgumentException("realskin.webhooks.lookups-total must be at least realskin.webhooks.lookups-per-tenant ("
                    + perTenant + "), not " + total);
        }
        this.resolver = resolver;
        this.timeout = timeout;
        this.perTenant = perTenant;
        this.total = total;
    }

    /**
     * Blocking, at most the timeout. The host's addresses; {@link UnknownHostException} when it does not resolve in
     * time; {@link Busy} when the tenant, or the replica, has its most lookups in progress.
     */
    InetAddress[] resolve(String tenantId, String host) throws UnknownHostException {
        if (inProgressTotal.incrementAndGet() > total) {
            inProgressTotal.decrementAndGet();
            throw new Busy(true);
        }
        boolean[] admitted = {false};
        inProgress.compute(tenantId, (tenant, count) -> {
            int now = count == null ? 0 : count;
            if (now >= perTenant) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            inProgressTotal.decrementAndGet();
            throw new Busy(false);
        }
        Future<InetAddress[]> lookup = threads.submit(() -> {
            try {
                return resolver.resolve(host);
            } finally {
                inProgress.computeIfPresent(tenantId, (tenant, count) -> count <= 1 ? null : count - 1);
                inProgressTotal.decrementAndGet();
            }
        });
        try {
            return lookup.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new UnknownHostException(host + " did not resolve within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            throw (UnknownHostException) new UnknownHostException(host + ": " + e.getCause()).initCause(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnknownHostException(host + ": interrupted");
        }
    }

    /** Lookups in progress now over all tenants: the threads they hold (the gauge). */
    int inProgress() {
        return inProgressTotal.get();
    }

    /** Lookups of the tenant's in progress now (tests). */
    int inProgress(String tenantId) {
        return inProgress.getOrDefault(tenantId, 0);
    }
}
