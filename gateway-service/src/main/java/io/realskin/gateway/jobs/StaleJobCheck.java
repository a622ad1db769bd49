package io.realskin.gateway.jobs;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.Topics;
import io.realskin.gateway.backends.BillingClient;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.config.StaleJobsConfig;
import io.realskin.gateway.messaging.OutboxRelay;
import io.realskin.gateway.messaging.OutboxRepository.Requests;
import io.realskin.gateway.messaging.OutboxRepository;
import io.realskin.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Finds jobs queued or running longer than their type's timeout and reconciles them (docs/operations.md). The truth
 * is job.events as the workers and billing recorded it: billing's hold says whether an outcome was ever published
 * (CAPTURED: a COMPLETED; RELEASED: a FAILED or CANCELED; EXPIRED: none within the hold's lifetime), and a texture
 * worker answers a repeated request from its stored result (the same COMPLETED event) without working again. So:
 * a texture job whose hold is HELD or CAPTURED gets its original request once more (a few times at most, a timeout
 * apart); a job whose hold was RELEASED or EXPIRED ends FAILED {@code no_result} (nothing was charged); anything
 * else (a generation job, no hold, billing unreachable) is reported for an operator.
 */
@ApplicationScoped
public class StaleJobCheck {
    private static final Logger LOG = Logger.getLogger(StaleJobCheck.class);
    /** realskin.database.timeout: how long a check's read or write waits for the database. */
    private final Duration dbTimeout;
    private static final int LISTED = 20;
    public static final String NO_RESULT = "no_result";

    public enum Action { REQUESTED_AGAIN, ENDED_FAILED, REPORTED }

    /** One stale job and what the check did about it. */
    public record Finding(String jobId, String type, String status, Instant createdAt, String hold, Action action) {
    }

    private final Pool pool;
    private final JobRepository jobs;
    private final OutboxRepository outbox;
    private final BillingClient billing;
    private final JobEventService events;
    private final JobUpdates updates;
    private final OutboxRelay relay;
    private final StaleJobsConfig config;
    private final AtomicInteger staleGauge = new AtomicInteger();
    private final MeterRegistry registry;

    public StaleJobCheck(Pool pool, JobRepository jobs, OutboxRepository outbox, BillingClient billing, JobEventService events,
                         JobUpdates updates, OutboxRelay relay, StaleJobsConfig config, MeterRegistry registry,
                         GatewayConfig gatewayConfig) {
        this.dbTimeout = gatewayConfig.database().timeout();
        this.pool = pool;
        this.jobs = jobs;
        this.outbox = outbox;
        this.billing = billing;
        this.events = events;
        this.updates = updates;
        this.relay = relay;
        this.config = config;
        this.registry = registry;
        registry.gauge("realskin.gateway.jobs.stale", staleGauge);
    }

    @Scheduled(every = "${realskin.stale-jobs.check-every}", delayed = "${realskin.stale-jobs.first-check-after}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warnf("stale-job check skipped: %s", e.toString());
        }
    }

    /** Blocking (billing calls). Returns what it found and did, and logs it. */
    public List<Finding> check() {
        Instant now = Instant.now();
        Duration shortest = java.util.stream.Stream.concat(config.timeout().values().stream(), java.util.stream.Stream.of(
                config.defaultTimeout())).min(Duration::compareTo).orElseThrow();
        List<Finding> findings = new ArrayList<>();
        for (Job job : jobs.openCreatedBefore(now.minus(shortest), config.batch()).await().atMost(dbTimeout)) {
            Duration timeout = config.timeoutOf(job.type());
            if (job.createdAt().isBefore(now.minus(timeout))) {
                findings.add(reconcile(job, now.minus(timeout)));
            }
        }
        staleGauge.set(findings.size());
        report(findings);
        return findings;
    }

    private Finding reconcile(Job job, Instant requestedBefore) {
        String hold;
        try {
            hold = billing.holdState(job.tenantId(), job.id()).orElse("NONE");
        } catch (ProblemException billingUnavailable) {
            return found(job, "UNKNOWN", Action.REPORTED);
        }
        Optional<Requests> requests = outbox.requestsOf(job.id()).await().atMost(dbTimeout);
        Action action = decide(hold, requests.map(Requests::topic).orElse(null), requests.map(Requests::count).orElse(0),
                requests.map(r -> r.lastQueuedAt().isBefore(requestedBefore)).orElse(false), config.maxRequestsAgain());
        switch (action) {
            case REQUESTED_AGAIN -> {
                outbox.requeue(Topics.TEXTURE_REQUESTS, job.id()).await().atMost(dbTimeout);
                relay.wakeUp();
            }
            case ENDED_FAILED -> endFailed(job, hold);
            case REPORTED -> {
            }
        }
        return found(job, hold, action);
    }

    /**
     * HELD or CAPTURED: the outcome is (or will be) with the worker; only a texture worker answers a repeated request
     * from its stored result, and only a request older than the timeout is repeated. RELEASED or EXPIRED: the job will
     * never be charged, so it ends. Anything else is for an operator.
     */
    public static Action decide(String hold, String requestTopic, int requestsSoFar, boolean lastRequestOld, int maxRequestsAgain) {
        if ("RELEASED".equals(hold) || "EXPIRED".equals(hold)) {
            return Action.ENDED_FAILED;
        }
        boolean open = "HELD".equals(hold) || "CAPTURED".equals(hold);
        if (open && Topics.TEXTURE_REQUESTS.equals(requestTopic) && lastRequestOld && requestsSoFar <= maxRequestsAgain) {
            return Action.REQUESTED_AGAIN;
        }
        return Action.REPORTED;
    }

    private void endFailed(Job job, String hold) {
        var error = EventJson.MAPPER.createObjectNode().put("code", NO_RESULT).put("message", "EXPIRED".equals(hold)
                ? "no result arrived before the credit hold expired; nothing was charged"
                : "billing released the hold (the job failed or was canceled) but that outcome never reached the gateway; nothing was charged");
        List<String> changed = pool.withTransaction(tx -> jobs.findForUpdate(tx, job.id()).chain(now -> now.isEmpty()
                        || now.get().status().terminal() ? Uni.createFrom().item(List.<String>of())
                        : events.end(tx, now.get(), JobStatus.FAILED, null, error)))
                .await().atMost(dbTimeout);
        changed.forEach(updates::publish);
    }

    private Finding found(Job job, String hold, Action action) {
        registry.counter("realskin.gateway.jobs.reconciled", "action", action.name().toLowerCase(java.util.Locale.ROOT)).increment();
        return new Finding(job.id(), job.type(), job.status().wire(), job.createdAt(), hold, action);
    }

    private static void report(List<Finding> findings) {
        if (findings.isEmpty()) {
            LOG.debug("stale-job check: no job is queued or running past its type's timeout");
            return;
        }
        Map<Action, Integer> byAction = new EnumMap<>(Action.class);
        findings.forEach(f -> byAction.merge(f.action(), 1, Integer::sum));
        StringBuilder lines = new StringBuilder();
        findings.stream().limit(LISTED).forEach(f -> lines.append("\n  ").append(f.jobId()).append(' ').append(f.type()).append(' ')
                .append(f.status()).append(" since ").append(f.createdAt()).append(", hold ").append(f.hold()).append(": ")
                .append(f.action().name().toLowerCase(java.util.Locale.ROOT)));
        if (findings.size() > LISTED) {
            lines.append("\n  … and ").append(findings.size() - LISTED).append(" more");
        }
        LOG.warnf("stale-job check: %d jobs queued or running past their type's timeout %s%s", findings.size(), byAction, lines);
    }
}
