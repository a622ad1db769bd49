package io.realskin.gateway.webhooks;

import io.micrometer.core.instrument.Counter;
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
 * failed for good; a receiver's 429 or 503 whose {@code Retry-After} asks for longer than the next delay gets that,
 * up to the schedule's longest delay. The URL is checked again before each attempt: a host name that does not resolve now, or not to
 * public addresses only, is a failed attempt like any other (DNS can change); a URL no attempt could pass (its scheme,
 * an address written in it) fails the delivery at once. An attempt whose host could not be looked up at all (the
 * tenant's or the replica's lookups in progress at their bound: the gateway's congestion, not the receiver's) is
 * postponed, not counted, for {@code realskin.webhooks.max-postponement} after it was due at most; then it counts.
 */
@ApplicationScoped
public class WebhookDispatcher {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    static final String NOT_ATTEMPTED = "not attempted: an error on RealSkin's side, retried on the schedule";
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
    private final Duration maxPostponement;
    private final Duration lease;
    private final EndpointSlots slots;
    private final Counter postponements;
    private final Counter deliveredAttempts;
    private final Counter failedAttempts;
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
        this.maxPostponement = config.webhooks().maxPostponement();
        // the attempt's own timeout, twice over, plus the time to sign and record it
        this.lease = config.webhooks().timeout().multipliedBy(2).plusSeconds(30);
        this.slots = new EndpointSlots(config.webhooks().endpointConcurrency(),
                Math.max(config.webhooks().endpointConcurrency(), config.webhooks().endpointTotalConcurrency()));
        this.postponements = registry.counter("realskin.gateway.webhook.postponements");
        // both outcomes from the start (the bean starts with the gateway): a series that first appears at 1 loses that
        // attempt from rate(), and WebhookDeliveriesFailing's ratio has no denominator until then
        this.deliveredAttempts = registry.counter("realskin.gateway.webhook.attempts", "outcome", "delivered");
        this.failedAttempts = registry.counter("realskin.gateway.webhook.attempts", "outcome", "failed");
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
                .chain(tried -> record(d, tried))
                .eventually(() -> slots.release(d.tenantId(), d.endpoint()))
                .subscribe().with(ignored -> { }, e -> LOG.warnf("webhook %s: attempt not recorded (%s); it runs again after its lease",
                        d.id(), e.getMessage()));
    }

    /**
     * What follows an attempt: {@code counted} false when it was postponed (no lookup could be made for it, the
     * lookups it needed at their bound, while it has been due less than {@code maxPostponement}): it is due again at
     * once, at the time it was due, and the attempt is not counted. {@code dueSince}: when the attempt was due.
     */
    record Next(String status, Instant at, boolean counted) {
    }

    static Next next(int attemptsBefore, Outcome o, boolean congested, Instant dueSince, List<Duration> schedule,
                     Duration maxPostponement, Instant now) {
        if (congested && dueSince != null && now.isBefore(dueSince.plus(maxPostponement))) {
            return new Next("pending", dueSince, false);
        }
        int attempt = attemptsBefore + 1;
        if (o.delivered()) {
            return new Next("delivered", null, true);
        }
        if (attempt > schedule.size() || o.error() != null && o.error().startsWith(REFUSED)) {
            return new Next("failed", null, true);
        }
        Duration delay = jittered(schedule.get(attempt - 1));
        if (o.retryAfter() != null) {
            // the receiver asked to wait: granted up to the schedule's longest delay, never sooner than the schedule
            Duration asked = min(o.retryAfter(), schedule.stream().max(Duration::compareTo).orElseThrow());
            delay = asked.compareTo(delay) > 0 ? asked : delay;
        }
        return new Next("pending", now.plus(delay), true);
    }

    private Uni<Void> record(Delivery d, Tried tried) {
        Outcome o = tried.outcome();
        Next next = next(d.attempts(), o, tried.congested(), d.nextAttemptAt(), schedule, maxPostponement, Instant.now());
        if (!next.counted()) {
            postponements.increment();
            return pool.withTransaction(tx -> repository.postpone(tx, d, next.at())).ifNoItem().after(dbTimeout).fail();
        }
        int attempt = d.attempts() + 1;
        (o.delivered() ? deliveredAttempts : failedAttempts).increment();
        return pool.withTransaction(tx -> repository.recordAttempt(tx, d,
                        new Attempt(d.id(), attempt, null, o.status(), o.error(), o.durationMs()), next.status(), next.at()))
                .ifNoItem().after(dbTimeout).fail();
    }

    /** An attempt's outcome; {@code congested}: not made, the lookups it needed at their bound (it may be postponed). */
    private record Tried(Outcome outcome, boolean congested) {
        Tried(Outcome outcome) {
            this(outcome, false);
        }
    }

    /** One attempt, never failing: its outcome says what happened. DNS and signing run on a worker thread. */
    private Uni<Tried> attempt(Delivery d) {
        return webhooks.signingSecrets(d.tenantId()).chain(secrets -> Uni.createFrom().completionStage(() ->
                CompletableFuture.supplyAsync(() -> {
                    WebhookTarget target;
                    try {
                        target = policy.checkBeforeAttempt(d.tenantId(), d.url());
                    } catch (ProblemException e) {
                        return CompletableFuture.completedFuture(new Tried(new Outcome(null, REFUSED + e.problem().detail(), 0)));
                    } catch (WebhookUrlPolicy.NotNow e) {
                        return CompletableFuture.completedFuture(new Tried(new Outcome(null, e.getMessage(), 0), e.congested));
                    }
                    if (secrets.isEmpty()) {
                        return CompletableFuture.completedFuture(new Tried(new Outcome(null,
                                "no signing secret: create one with POST /v1/webhooks/secrets", 0)));
                    }
                    long timestamp = Instant.now().getEpochSecond();
                    return sender.send(target, d.id(), timestamp, WebhookSigner.signatureHeader(secrets, d.id(), timestamp, d.payload()),
                            d.payload()).thenApply(Tried::new);
                }, Infrastructure.getDefaultWorkerPool()).thenCompose(f -> f)))
                .onFailure().recoverWithItem(e -> new Tried(notAttempted(d, e)));
    }

    /**
     * An attempt our side could not make (the signing secrets' read failed, no worker thread, a fault of ours): the
     * tenant's delivery log says so, and the cause goes to this service's log only (until 2026-12-07 the exception's
     * text went to the delivery log, where a database error's message reached the tenant).
     */
    static Outcome notAttempted(Delivery d, Throwable e) {
        LOG.warnf(e, "webhook %s: attempt not made on our side", d.id());
        return new Outcome(null, NOT_ATTEMPTED, 0);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration jittered(Duration delay) {
        double factor = 0.9 + ThreadLocalRandom.current().nextDouble() * 0.2;
        return Duration.ofMillis((long) (delay.toMillis() * factor));
    }
}
