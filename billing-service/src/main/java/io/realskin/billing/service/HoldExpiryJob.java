package io.realskin.billing.service;

import io.quarkus.scheduler.Scheduled;
import io.realskin.billing.domain.Settlement;
import io.realskin.billing.repository.HoldRepository;
import io.realskin.billing.repository.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Releases holds nobody settled within their TTL (a job lost between gateway and worker must not keep credits). */
@ApplicationScoped
public class HoldExpiryJob {
    private static final Logger LOG = Logger.getLogger(HoldExpiryJob.class);
    private static final int BATCH = 500;

    private final HoldRepository holds;
    private final SettlementService settlements;
    private final CatalogService catalog;
    private final Transactions tx;

    public HoldExpiryJob(HoldRepository holds, SettlementService settlements, CatalogService catalog, Transactions tx) {
        this.holds = holds;
        this.settlements = settlements;
        this.catalog = catalog;
        this.tx = tx;
    }

    @Scheduled(every = "${realskin.billing.holds.expiry-check-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return releaseExpired()
                .onFailure().invoke(f -> LOG.warnf("hold expiry: %s (will retry)", f.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Releases every expired hold; returns how many. */
    public Uni<Integer> releaseExpired() {
        return catalog.catalog().flatMap(cat -> tx.inTransaction(conn -> holds.expired(conn, BATCH).flatMap(jobIds ->
                        settlements.settle(conn, jobIds.stream()
                                .map(id -> new Settlement(id, Settlement.Outcome.EXPIRE, null, "hold expired")).toList(), cat))))
                .flatMap(n -> n == BATCH ? releaseExpired().map(more -> n + more) : Uni.createFrom().item(n));
    }
}
