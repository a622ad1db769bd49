package io.realskin.gateway.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realskin.gateway.config.TestGatewayConfig;
import io.realskin.gateway.webhooks.WebhookDispatcher.Next;
import io.realskin.gateway.webhooks.WebhookSender.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What follows an attempt ({@link WebhookDispatcher#next}): delivered, failed for good, retried or postponed. */
class WebhookRetriesTest {
    private static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30));
    private static final Duration MAX_POSTPONEMENT = Duration.ofMinutes(5);
    private static final Instant NOW = Instant.parse("2026-12-07T23:00:00Z");
    private static final Outcome NOT_LOOKED_UP = new Outcome(null,
            "not looked up now: this tenant's webhook host lookups in progress are at their bound (4)", 0);

    /**
     * An attempt whose host could not be looked up because the lookups in progress were at their bound (the gateway's
     * congestion: a burst of the tenant's own deliveries, or many tenants' slow name servers) reached no receiver.
     * Until 2026-12-07 it counted as one of the delivery's 8 attempts, so a burst could spend them all without a
     * request sent; now it is postponed, due again at the time it was due, its attempts as they were.
     */
    @Test
    void anAttemptTheLookupsBoundKeptFromRunningIsPostponedNotCounted() {
        Instant due = NOW.minusSeconds(30);
        for (int before = 0; before < SCHEDULE.size() + 1; before++) {
            Next next = WebhookDispatcher.next(before, NOT_LOOKED_UP, true, due, SCHEDULE, MAX_POSTPONEMENT, NOW);
            assertFalse(next.counted(), "attempts before: " + before);
            assertEquals("pending", next.status(), "the last attempt too is postponed, not failed: " + before);
            assertEquals(due, next.at());
        }
    }

    /** Not forever: once it has been due for realskin.webhooks.max-postponement, such an attempt counts and fails. */
    @Test
    void aPostponementEndsAfterTheMostItMayLastAndTheAttemptThenCounts() {
        Instant due = NOW.minus(MAX_POSTPONEMENT);
        Next next = WebhookDispatcher.next(0, NOT_LOOKED_UP, true, due, SCHEDULE, MAX_POSTPONEMENT, NOW);
        assertTrue(next.counted());
        assertEquals("pending", next.status());
        assertTrue(next.at().isAfter(NOW), next.toString());

        Next last = WebhookDispatcher.next(SCHEDULE.size(), NOT_LOOKED_UP, true, due, SCHEDULE, MAX_POSTPONEMENT, NOW);
        assertEquals(new Next("failed", null, true), last);
    }

    /** A name that did not resolve, or a receiver's failure, is an attempt like any other: retried on the schedule. */
    @Test
    void anyOtherFailureCountsAndIsRetriedOnTheSchedule() {
        Outcome dns = new Outcome(null, "gone.example does not resolve (DNS)", 0);
        Next next = WebhookDispatcher.next(1, dns, false, NOW, SCHEDULE, MAX_POSTPONEMENT, NOW);
        assertTrue(next.counted());
        assertEquals("pending", next.status());
        Duration delay = Duration.between(NOW, next.at());
        assertTrue(delay.compareTo(Duration.ofMinutes(4)) > 0 && delay.compareTo(Duration.ofMinutes(6)) < 0, delay.toString());

        assertEquals(new Next("failed", null, true), WebhookDispatcher.next(SCHEDULE.size(), new Outcome(500, "HTTP 500", 3), false,
                NOW, SCHEDULE, MAX_POSTPONEMENT, NOW));
        assertEquals(new Next("failed", null, true), WebhookDispatcher.next(0, new Outcome(null, "refused: localhost is not a public "
                + "address", 0), false, NOW, SCHEDULE, MAX_POSTPONEMENT, NOW));
        assertEquals(new Next("delivered", null, true), WebhookDispatcher.next(2, new Outcome(204, null, 3), false, NOW, SCHEDULE,
                MAX_POSTPONEMENT, NOW));
    }

    /**
     * A receiver that answers 429 or 503 with Retry-After asks to be left alone that long: until 2026-12-07 the next
     * attempt came on the schedule all the same (5 s after the first), into the same refusal, an attempt spent. Now the
     * wait is the longer of the two, up to the schedule's longest delay (a receiver cannot push a delivery out for days).
     */
    @Test
    void aReceiversRetryAfterIsHonouredWithinTheSchedulesLongestDelay() {
        Next asked = WebhookDispatcher.next(0, new Outcome(429, "HTTP 429", 2, Duration.ofMinutes(10)), false, NOW, SCHEDULE,
                MAX_POSTPONEMENT, NOW);
        assertEquals(new Next("pending", NOW.plus(Duration.ofMinutes(10)), true), asked);

        Next capped = WebhookDispatcher.next(0, new Outcome(503, "HTTP 503", 2, Duration.ofDays(30)), false, NOW, SCHEDULE,
                MAX_POSTPONEMENT, NOW);
        assertEquals(new Next("pending", NOW.plus(Duration.ofMinutes(30)), true), capped, "the schedule's longest delay");

        Next sooner = WebhookDispatcher.next(1, new Outcome(429, "HTTP 429", 2, Duration.ofSeconds(1)), false, NOW, SCHEDULE,
                MAX_POSTPONEMENT, NOW);
        assertTrue(Duration.between(NOW, sooner.at()).compareTo(Duration.ofMinutes(4)) > 0, "never sooner than the schedule: " + sooner);

        assertEquals(new Next("failed", null, true), WebhookDispatcher.next(SCHEDULE.size(), new Outcome(429, "HTTP 429", 2,
                Duration.ofMinutes(1)), false, NOW, SCHEDULE, MAX_POSTPONEMENT, NOW), "the attempts are as many as before");
    }

    /**
     * An attempt our side could not make (here the signing secrets' read failed with the database's message) is retried
     * and says so in the tenant's delivery log, without the cause: until 2026-12-07 the exception's text was the log's
     * error, so a database or driver message reached the tenant.
     */
    @Test
    void anAttemptOurSideCouldNotMakeTellsTheTenantNothingOfItsCause() {
        WebhookRepository.Delivery delivery = new WebhookRepository.Delivery("whd_1", "ten_1", "job_1", "job.completed",
                "https://hooks.example.com/x", null, "{}", "pending", 0, NOW, NOW, null, null, NOW, null);
        Outcome o = WebhookDispatcher.notAttempted(delivery, new IllegalStateException(
                "io.vertx.pgclient.PgException: ERROR: relation \"webhook_signing_secrets\" does not exist (42P01)"));
        assertEquals(WebhookDispatcher.NOT_ATTEMPTED, o.error());
        assertFalse(o.error().contains("Pg") || o.error().contains("relation"), o.error());
        assertEquals(new Next("pending", NOW.plus(SCHEDULE.get(0)), true).status(),
                WebhookDispatcher.next(0, o, false, NOW, SCHEDULE, MAX_POSTPONEMENT, NOW).status(), "retried");
    }

    /**
     * Both outcomes' attempt counters exist at 0 once the dispatcher is made (it starts with the gateway): until
     * 2026-12-07 each appeared with its first attempt, so rate() lost that attempt and the WebhookDeliveriesFailing
     * ratio had no series to divide by on a fresh replica.
     */
    @Test
    void theAttemptCountersOfBothOutcomesExistBeforeTheFirstAttempt() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new WebhookDispatcher(null, null, null, null, null, TestGatewayConfig.with(Map.of()), registry);
        for (String outcome : List.of("delivered", "failed")) {
            Counter attempts = registry.find("realskin.gateway.webhook.attempts").tag("outcome", outcome).counter();
            assertTrue(attempts != null && attempts.count() == 0, outcome + ": " + attempts);
        }
    }
}
