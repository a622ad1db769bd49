package io.realskin.billing.service;

import io.realskin.billing.domain.JobOutcome;
import io.realskin.billing.domain.Settlement;
import io.realskin.billing.repository.Transactions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.realskin.support.inbox.Inbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Applies terminal job events: the inbox, the ledger, the balances and the outbox in ONE transaction, so a crash
 * anywhere leaves either all of a batch or none of it, and a redelivered event finds its id in the inbox.
 */
@ApplicationScoped
public class JobEventService {
    private final Inbox inbox;
    private final SettlementService settlements;
    private final CatalogService catalog;
    private final Transactions tx;
    private final Timer batchTimer;

    public JobEventService(Inbox inbox, SettlementService settlements, CatalogService catalog, Transactions tx,
                           MeterRegistry registry) {
        this.inbox = inbox;
        this.settlements = settlements;
        this.catalog = catalog;
        this.tx = tx;
        this.batchTimer = Timer.builder("billing.job_events.batch").description("one transaction applying a batch of job events")
                .register(registry);
    }

    /** Returns what the batch did, per event id: the entries it booked, or why it booked none (the log says it). */
    public Uni<Map<UUID, String>> apply(List<JobOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Inbox.Entry> events = outcomes.stream().map(o -> new Inbox.Entry(o.eventId(), o.settlement().jobId(), o.type()))
                .distinct().toList();
        long start = System.nanoTime();
        return catalog.catalog().flatMap(cat -> tx.inTransaction(conn -> inbox.recordNew(conn, events).flatMap(fresh -> {
            List<Settlement> toSettle = freshInOrder(outcomes, fresh);
            Map<Settlement, String> effects = new HashMap<>();
            return settlements.settle(conn, toSettle, cat, effects)
                    .flatMap(n -> settlements.giveBackCanceled(conn, toSettle, effects))
                    .map(v -> effects(outcomes, fresh, effects));
        }))).invoke(n -> batchTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    }

    private static Map<UUID, String> effects(List<JobOutcome> outcomes, Set<UUID> fresh, Map<Settlement, String> booked) {
        Map<UUID, String> effects = new HashMap<>();
        for (JobOutcome o : outcomes) {
            effects.putIfAbsent(o.eventId(), !fresh.contains(o.eventId()) ? "nothing: applied before (inbox)"
                    : booked.getOrDefault(o.settlement(), "nothing: the job's hold had ended before, or it has none"));
        }
        return effects;
    }

    private static List<Settlement> freshInOrder(List<JobOutcome> outcomes, Set<UUID> fresh) {
        return outcomes.stream().filter(o -> fresh.contains(o.eventId())).map(JobOutcome::settlement).toList();
    }
}
