package io.realskin.gateway.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.realskin.gateway.client.WebhookSender;
import io.realskin.gateway.client.WebhookSender.Outcome;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.repository.WebhookRepository;
import io.realskin.gateway.repository.WebhookRepository.Attempt;
import io.realskin.gateway.repository.WebhookRepository.Delivery;
import io.realskin.gateway.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Sends due webhook deliveries every second. A failed attempt is retried after the next delay of
 * {@code realskin.webhooks.retry-schedule} (+-10 % jitter, so a receiver that came back is not hit by every sender at
 * once); after the last one the delivery is failed for good. The URL is checked again before each attempt.
 */
@ApplicationScoped
public class WebhookDispatcher {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 50;

    private final Pool pool;
    private final WebhookRepository repository;
    private final WebhookService webhooks;
    private final WebhookUrlPolicy policy;
    private final WebhookSender sender;
    private final List<Duration> schedule;
    private final MeterRegistry registry;
    private volatile boolean started;

    public WebhookDispatcher(Pool pool, WebhookRepository repository, WebhookService webhooks, WebhookUrlPolicy policy,
                             WebhookSender sender, GatewayConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.repository = repository;
        this.webhooks = webhooks;
        this.policy = policy;
        this.sender = sender;
        this.schedule = config.webhooks().retrySchedule();
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> dispatch() {
        if (!started) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(tx -> repository.lockDue(tx, BATCH).chain(batch -> sendAll(tx, batch, 0)))
                .onFailure().invoke(e -> LOG.warnf("webhook dispatch: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> sendAll(SqlClient tx, List<Delivery> batch, int index) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Outcome>> sends = batch.stream().map(this::attempt).toList();
        return Uni.join().all(sends).andFailFast().chain(outcomes -> record(tx, batch, outcomes, 0));
    }

    private Uni<Void> record(SqlClient tx, List<Delivery> batch, List<Outcome> outcomes, int index) {
        if (index == batch.size()) {
            return Uni.createFrom().voidItem();
        }
        Delivery d = batch.get(index);
        Outcome o = outcomes.get(index);
        int attempt = d.attempts() + 1;
        String status;
        Instant next = null;
        if (o.delivered()) {
            status = "delivered";
        } else if (attempt > schedule.size() || o.error() != null && o.error().startsWith("refused:")) {
            status = "failed";
        } else {
            status = "pending";
            next = Instant.now().plus(jittered(schedule.get(attempt - 1)));
        }
        registry.counter("realskin.gateway.webhook.attempts", "outcome", o.delivered() ? "delivered" : "failed").increment();
        return repository.recordAttempt(tx, d, new Attempt(d.id(), attempt, null, o.status(), o.error(), o.durationMs()), status, next)
                .chain(() -> record(tx, batch, outcomes, index + 1));
    }

    /** One attempt, never failing: its outcome says what happened. DNS and signing run on a worker thread. */
    private Uni<Outcome> attempt(Delivery d) {
        return webhooks.signingSecrets(d.tenantId()).chain(secrets -> Uni.createFrom().completionStage(() ->
                CompletableFuture.supplyAsync(() -> {
                    URI url;
                    try {
                        url = policy.check(d.url());
                    } catch (ProblemException e) {
                        return CompletableFuture.completedFuture(new Outcome(null, "refused: " + e.problem().detail(), 0));
                    }
                    if (secrets.isEmpty()) {
                        return CompletableFuture.completedFuture(new Outcome(null,
                                "no signing secret: create one with POST /v1/webhooks/secrets", 0));
                    }
                    long timestamp = Instant.now().getEpochSecond();
                    return sender.send(url, d.id(), timestamp, WebhookSigner.signatureHeader(secrets, d.id(), timestamp, d.payload()),
                            d.payload());
                }, Infrastructure.getDefaultWorkerPool()).thenCompose(f -> f)))
                .onFailure().recoverWithItem(e -> new Outcome(null, e.toString(), 0));
    }

    private static Duration jittered(Duration delay) {
        double factor = 0.9 + ThreadLocalRandom.current().nextDouble() * 0.2;
        return Duration.ofMillis((long) (delay.toMillis() * factor));
    }
}
