package io.realskin.gateway.rest;

import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.gateway.common.TenantSlots;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.problems.Problems;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bodies held in memory at once on this replica, in KiB: a route reads its whole request body (an upload up to 30
 * MiB) before it looks at it, and an image's content is sent from memory, so without a budget one tenant's parallel
 * uploads or downloads fill the heap for every tenant (docs/security.md). At most
 * {@code realskin.bodies.max-in-flight-mib} in all and {@code realskin.bodies.max-in-flight-mib-per-tenant} of one
 * tenant's; a body larger than a tenant's whole share takes the whole share (it goes through alone).
 */
@ApplicationScoped
public class BodyBudget {
    private final TenantSlots kib;
    private final long perTenantBytes;
    private final TransferDeadline deadline;

    public BodyBudget(GatewayConfig config, MeterRegistry registry, TransferDeadline deadline) {
        this.deadline = deadline;
        this.kib = new TenantSlots(config.bodies().maxInFlightMibPerTenant() * 1024, config.bodies().maxInFlightMib() * 1024,
                registry, "realskin.gateway.bodies.refused");
        this.perTenantBytes = config.bodies().maxInFlightMibPerTenant() * 1024L * 1024L;
        registry.gauge("realskin.gateway.bodies.in.flight.bytes", this, BodyBudget::inFlightBytes);
    }

    /** Bytes of the bodies taken and not given back, over every tenant. */
    public long inFlightBytes() {
        return kib.total() * 1024L;
    }

    /** {@link #take} for the body of {@code exchange}'s request, given back when the exchange has ended or been cut. */
    public void takeForRequestBody(RoutingContext exchange, String tenantId, long bytes) {
        takeUntilEnd(exchange, tenantId, bytes, false);
    }

    /**
     * {@link #take} for the body of {@code exchange}'s answer, given back when the exchange has ended or been cut; the
     * returned action gives them back too (once), for an answer streamed by RESTEasy, whose end Vert.x does not report
     * when the client goes away.
     */
    public Runnable takeForAnswerBody(RoutingContext exchange, String tenantId, long bytes) {
        return takeUntilEnd(exchange, tenantId, bytes, true);
    }

    /** A body that moves too slowly ends the exchange ({@link TransferDeadline}). */
    private Runnable takeUntilEnd(RoutingContext exchange, String tenantId, long bytes, boolean answer) {
        Runnable release = take(tenantId, bytes);
        AtomicReference<Runnable> stopClock = new AtomicReference<>();
        Runnable giveBack = () -> {
            release.run();
            Runnable stop = stopClock.get();
            if (stop != null) {
                stop.run();
            }
        };
        stopClock.set(deadline.watch(exchange, bytes, answer, giveBack));
        exchange.addEndHandler(done -> giveBack.run());
        return giveBack;
    }

    /**
     * Takes a body's bytes from the tenant's budget and the replica's, or throws 429 too-many-transfers (the tenant's
     * are in use) or 503 server-busy (the replica's are); run the returned action to give them back (once).
     */
    public Runnable take(String tenantId, long bytes) {
        TenantSlots.Taken taken = kib.tryTake(tenantId, (int) ((Math.min(bytes, perTenantBytes) + 1023) / 1024));
        if (taken.refusal() == TenantSlots.Refusal.TENANT) {
            throw Problems.tooManyTransfers(perTenantBytes);
        }
        if (taken.refusal() == TenantSlots.Refusal.REPLICA) {
            throw Problems.serverBusy("uploads and downloads");
        }
        return taken.release();
    }
}
