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
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Releases holds nobody settled within their TTL (a job lost between gateway and worker must not keep credits), once
 * every job event produced before the TTL's end is applied ({@link AppliedHorizon}): a COMPLETED still queued behind a
 * backlog or an outage then captures its hold instead of finding it expired. Holds kept for that are counted in
 * {@code billing_holds_expiry_deferred}. A batch that fails for a reason of its own data is settled one hold at a time,
 * so one hold that cannot be settled (its account's balances drifted: the CHECK refuses) does not keep every other
 * tenant's expired holds.
 */
@ApplicationScoped
public class HoldExpiryJob {
    private static final Logger LOG = Logger.getLogger(HoldExpiryJob.class);
    private static final int BATCH = 500;

    private final HoldRepository holds;
    private final SettlementService settlements;
    private final CatalogService catalog;
    private final Transactions tx;
    private final AppliedHorizon applied;
    private final MeterRegistry registry;
    private final AtomicLong deferred = new AtomicLong();
    private final AtomicReference<Double> oldestDeferred = new AtomicReference<>(0.0);
    private volatile boolean registered;

    public HoldExpiryJob(HoldRepository holds, SettlementService settlements, CatalogService catalog, Transactions tx,
                         AppliedHorizon applied, MeterRegistry registry) {
        this.holds = holds;
        this.settlements = settlements;
        this.catalog = catalog;
        this.tx = tx;
        this.applied = applied;
        this.registry = registry;
    }

    @Scheduled(every = "${realskin.billing.holds.expiry-check-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return releaseExpired()
                .onFailure().invoke(f -> LOG.warnf("hold expiry: %s (will retry)", f.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Releases every expired hold it can (past its TTL before the applied horizon); returns how many. */
    public Uni<Integer> releaseExpired() {
        return applied.horizon()
                .onFailure(f -> !Outages.isOutage(f)).recoverWithItem(f -> {
                    LOG.warnf("hold expiry: which job events are applied is not known (%s); every hold past its TTL waits", f.toString());
                    return Instant.EPOCH;
                })
                .flatMap(horizon -> holds.deferred(tx.pool(), horizon).invoke(this::measured)
                        .flatMap(d -> catalog.catalog()).flatMap(cat -> releaseExpired(cat, new HashSet<>(), horizon)));
    }

    /** {@code failing}: holds of this run that could not be settled, left out of its next batches. */
    private Uni<Integer> releaseExpired(Catalog cat, Set<String> failing, Instant horizon) {
        return holds.expired(tx.pool(), BATCH, failing, horizon).flatMap(jobIds -> {
            if (jobIds.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return tx.inTransaction(conn -> settlements.settle(conn, expire(jobIds), cat))
                    .onFailure(f -> !Outages.isOutage(f)).recoverWithUni(f -> {
                        LOG.warnf("hold expiry: a batch of %d failed (%s); settling them one by one", jobIds.size(), f.toString());
                        return oneByOne(jobIds, cat, failing);
                    })
                    .flatMap(n -> jobIds.size() == BATCH ? releaseExpired(cat, failing, horizon).map(more -> n + more) : Uni.createFrom().item(n));
        });
    }

    private void measured(HoldRepository.Deferred now) {
        deferred.set(now.holds());
        oldestDeferred.set(now.oldestSecondsPastTtl());
        if (registered) {
            return;
        }
        Gauge.builder("billing.holds.expiry.deferred", deferred, AtomicLong::get)
                .description("holds past their TTL kept HELD because job events produced before their expiry are not applied yet")
                .register(registry);
        Gauge.builder("billing.holds.expiry.deferred.oldest", oldestDeferred, AtomicReference::get).baseUnit("seconds")
                .description("how long past its TTL the oldest deferred hold is").register(registry);
        registered = true;
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
