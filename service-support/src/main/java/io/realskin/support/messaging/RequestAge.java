package io.realskin.support.messaging;

import io.realskin.contracts.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A job request that reached its worker later than the worker's maximum age is not worked: its credit hold lives an
 * hour from the submit (billing's {@code realskin.billing.holds.ttl}), so a result could come after the hold expired,
 * when it is neither charged nor taken by the gateway (its stale-job check has ended the job {@code no_result}).
 */
public final class RequestAge {
    /** Why the request is too old to work (a FAILED {@code expired} event's message), or empty. */
    public static Optional<String> tooOld(EventEnvelope request, Duration maxAge, Instant now) {
        Duration age = Duration.between(request.occurredAt(), now);
        if (age.compareTo(maxAge) <= 0) {
            return Optional.empty();
        }
        return Optional.of("the request waited " + age.toMinutes() + " min for a worker, more than " + maxAge.toMinutes()
                + " min: its credit hold would expire before the result; nothing was charged, submit it again");
    }

    private RequestAge() {
    }
}
