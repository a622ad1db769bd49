package io.realskin.billing.service;

import io.quarkus.scheduler.Scheduled;
import io.realskin.billing.domain.Catalog;
import io.realskin.billing.domain.Settlement;
import io.realskin.billing.repository.HoldRepository;
import io.realskin.billing.repository.Transactions;
import io.realskin.support.messaging.Outages;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Releases holds nobody settled within their TTL (a job lost between gateway and worker must not keep credits). A batch
 * that fails for a reason of its own data is settled one hold at a time, so one hold that cannot be settled (its
 * account's balances drifted: the CHECK refuses) does not keep every other tenant's expired holds.
 */
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

    /** Releases every expired hold it can; returns how many. */
    public Uni<Integer> releaseExpired() {
        return catalog.catalog().flatMap(cat -> releaseExpired(cat, new HashSet<>()));
    }

    /** {@code failing}: holds of this run that could not be settled, left out of its next batches. */
    private Uni<Integer> releaseExpired(Catalog cat, Set<String> failing) {
        return holds.expired(tx.pool(), BATCH, failing).flatMap(jobIds -> {
            if (jobIds.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return tx.inTransaction(conn -> settlements.settle(conn, expire(jobIds), cat))
                    .onFailure(f -> !Outages.isOutage(f)).recoverWithUni(f -> {
                        LOG.warnf("hold expiry: a batch of %d failed (%s); settling them one by one", jobIds.size(), f.toString());
                        return oneByOne(jobIds, cat, failing);
                    })
                    .flatMap(n -> jobIds.size() == BATCH ? releaseExpired(cat, failing).map(more -> n + more) : Uni.createFrom().item(n));
        });
    }

    private Uni<Integer> oneByOne(List<String> jobIds, Catalog cat, Set<String> failing) {
        return Multi.createFrom().iterable(jobIds)
                .onItem().transformToUniAndConcatenate(id -> tx.inTransaction(conn -> settlements.settle(conn, expire(List.of(id)), cat))
                        .onFailure(f -> !Outages.isOutage(f)).recoverWithItem(f -> {
                            LOG.errorf("hold expiry: the hold of job %s cannot be settled (%s); /reconciliation shows its account",
                                    id, f.toString());
                            failing.add(id);
                            return 0;
                        }))
                .collect().with(java.util.stream.Collectors.summingInt(n -> n));
    }

    private static List<Settlement> expire(List<String> jobIds) {
        return jobIds.stream().map(Settlement::expiry).toList();
    }
}
