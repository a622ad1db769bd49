package io.realskin.gateway.webhooks;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.webhooks.WebhookRepository.Attempt;
import io.realskin.gateway.webhooks.WebhookRepository.Delivery;
import io.realskin.gateway.webhooks.WebhookSender.Outcome;
import io.realskin.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Sends due webhook deliveries. Every second, a short transaction picks due deliveries and leases them to this replica
 * ({@link WebhookRepository#lease}); the attempts then run outside any transaction, each recorded in its own when it
 * ends. At most {@code realskin.webhooks.endpoint-concurrency} attempts per tenant and endpoint are in flight (and four
 * times that per endpoint over all tenants: {@link EndpointSlots}), each waiting {@code realskin.webhooks.timeout} at
 * most, so a slow receiver holds only its tenant's deliveries to it, never another tenant's. A failed attempt is
 * retried after the next delay of {@code realskin.webhooks.retry-schedule} (+-10 % jitter, so a receiver that came
 * back is not hit by every sender at once); after the last one the delivery is
 * failed for good. The URL is checked again before each attempt: a host name that does not resolve now, or not to
 * public addresses only, is a failed attempt like any other (DNS can change); a URL no attempt could pass (its scheme,
 * an address written in it) fails the delivery at once.
 */
@ApplicationScoped
public class WebhookDispatcher {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 50;
    /** An attempt's error that starts so: the URL itself is refused, and no later attempt could pass; failed at once. */
    private static final String REFUSED = "refused: ";
    /** realskin.database.timeout: how long recording an attempt waits for the database. */
    private final Duration dbTimeout;

    private final Pool pool;
    private final WebhookRepository repository;
    private final WebhookService webhooks;
    private final WebhookUrlPolicy policy;
    private final WebhookSender sender;
    private final List<Duration> schedule;
    private final Duration lease;
    private final EndpointSlots slots;
    private final MeterRegistry registry;
    private volatile boolean started;

    public WebhookDispatcher(Pool pool, WebhookRepository repository, WebhookService webhooks, WebhookUrlPolicy policy,
                             WebhookSender sender, GatewayConfig config, MeterRegistry registry) {
        this.dbTimeout = config.database().timeout();
        this.pool = pool;
        this.repository = repository;
        this.webhooks = webhooks;
        this.policy = policy;
        this.sender = sender;
        this.schedule = config.webhooks().retrySchedule();
        // the attempt's own timeout, twice over, plus the time to sign and record it
        this.lease = config.webhooks().timeout().multipliedBy(2).plusSeconds(30);
        this.slots = new EndpointSlots(config.webhooks().endpointConcurrency(),
                Math.max(config.webhooks().endpointConcurrency(), config.webhooks().endpointTotalConcurrency()));
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    /** Picks and leases what is due now and starts those attempts; does not wait for them. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> dispatch() {
        if (!started) {
            return Uni.createFrom().voidItem();
        }
        List<Delivery> taken = new ArrayList<>();
        return pool.withTransaction(tx -> repository.lockDue(tx, BATCH, slots.perTenant(), slots.perEndpoint(),
                                List.copyOf(slots.fullPairs()), List.copyOf(slots.fullEndpoints()))
                        .chain(due -> {
                            for (Delivery d : due) {
                                if (slots.tryTake(d.tenantId(), d.endpoint())) {
                                    taken.add(d);
                                }
                            }
                            return taken.isEmpty() ? Uni.createFrom().voidItem()
                                    : repository.lease(tx, taken.stream().map(Delivery::id).toList(), lease);
                        }))
                .invoke(() -> taken.forEach(this::start))
                .onFailure().invoke(e -> {
                    taken.forEach(d -> slots.release(d.tenantId(), d.endpoint()));
                    LOG.warnf("webhook dispatch: %s", e.getMessage());
                })
                .onFailure().recoverWithNull();
    }

    private void start(Delivery d) {
        attempt(d)
                .chain(outcome -> record(d, outcome))
                .eventually(() -> slots.release(d.tenantId(), d.endpoint()))
                .subscribe().with(ignored -> { }, e -> LOG.warnf("webhook %s: attempt not recorded (%s); it runs again after its lease",
                        d.id(), e.getMessage()));
    }

    private Uni<Void> record(Delivery d, Outcome o) {
        int attempt = d.attempts() + 1;
        String status;
        Instant next = null;
        if (o.delivered()) {
            status = "delivered";
        } else if (attempt > schedule.size() || o.error() != null && o.error().startsWith(REFUSED)) {
            status = "failed";
        } else {
            status = "pending";
            next = Instant.now().plus(jittered(schedule.get(attempt - 1)));
        }
        registry.counter("realskin.gateway.webhook.attempts", "outcome", o.delivered() ? "delivered" : "failed").increment();
        Instant nextAttempt = next;
        return pool.withTransaction(tx -> repository.recordAttempt(tx, d,
                        new Attempt(d.id(), attempt, null, o.status(), o.error(), o.durationMs()), status, nextAttempt))
                .ifNoItem().after(dbTimeout).fail();
    }

    /** One attempt, never failing: its outcome says what happened. DNS and signing run on a worker thread. */
    private Uni<Outcome> attempt(Delivery d) {
        return webhooks.signingSecrets(d.tenantId()).chain(secrets -> Uni.createFrom().completionStage(() ->
                CompletableFuture.supplyAsync(() -> {
                    WebhookTarget target;
                    try {
                        target = policy.checkBeforeAttempt(d.tenantId(), d.url());
                    } catch (ProblemException e) {
                        return CompletableFuture.completedFuture(new Outcome(null, REFUSED + e.problem().detail(), 0));
                    } catch (WebhookUrlPolicy.NotNow e) {
                        return CompletableFuture.completedFuture(new Outcome(null, e.getMessage(), 0));
                    }
                    if (secrets.isEmpty()) {
                        return CompletableFuture.completedFuture(new Outcome(null,
                                "no signing secret: create one with POST /v1/webhooks/secrets", 0));
                    }
                    long timestamp = Instant.now().getEpochSecond();
                    return sender.send(target, d.id(), timestamp, WebhookSigner.signatureHeader(secrets, d.id(), timestamp, d.payload()),
                            d.payload());
                }, Infrastructure.getDefaultWorkerPool()).thenCompose(f -> f)))
                .onFailure().recoverWithItem(e -> new Outcome(null, e.toString(), 0));
    }

    private static Duration jittered(Duration delay) {
        double factor = 0.9 + ThreadLocalRandom.current().nextDouble() * 0.2;
        return Duration.ofMillis((long) (delay.toMillis() * factor));
    }
}
