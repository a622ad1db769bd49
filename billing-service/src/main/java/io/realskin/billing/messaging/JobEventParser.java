package io.realskin.billing.messaging;

import io.realskin.billing.domain.JobOutcome;
import io.realskin.billing.domain.Settlement;
import io.realskin.billing.domain.Workload;
import io.realskin.contracts.ContractSchemas;
import io.realskin.contracts.ContractViolation;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.JobCompleted;
import io.realskin.contracts.JobFailed;
import io.realskin.contracts.Topics;
import java.util.Optional;

/**
 * Turns a job.events value into what billing does with it. The value is checked against the topic's schema first
 * ({@link ContractSchemas#readValid}): one that breaks it, a CANCELED whose payload is not a failure's included, is a
 * {@link ContractViolation}, dead-lettered before it books anything. Until 2026-12-07 any payload was taken, and a
 * CANCELED of {@code "payload":[1,2]} for a completed job refunded its charge while the gateway kept the job completed.
 */
final class JobEventParser {

    /** Empty for the events billing has nothing to do with (STARTED, PROGRESS). */
    static Optional<JobOutcome> parse(String value) {
        EventEnvelope envelope = ContractSchemas.readValid(Topics.JOB_EVENTS, value);
        return switch (envelope.type()) {
            case EventTypes.STARTED, EventTypes.PROGRESS -> Optional.empty();
            case EventTypes.COMPLETED -> Optional.of(outcome(envelope,
                    new Settlement(envelope.jobId(), Settlement.Outcome.CAPTURE, actual(envelope), EventTypes.COMPLETED,
                    envelope)));
            case EventTypes.FAILED, EventTypes.CANCELED -> Optional.of(outcome(envelope,
                    new Settlement(envelope.jobId(), Settlement.Outcome.RELEASE, null, failureReason(envelope),
                    envelope)));
            default -> throw new ContractViolation("unknown job.events type " + envelope.type());
        };
    }

    private static JobOutcome outcome(EventEnvelope envelope, Settlement settlement) {
        return new JobOutcome(envelope.eventId(), envelope.type(), envelope.tenantId(), settlement);
    }

    /**
     * What the job used, or null (the quote stands) without one or with numbers outside a quote's ranges: priced, a
     * megapixels count past a long overflowed to the base price and a negative masked fraction to the minimum.
     */
    private static Workload actual(EventEnvelope envelope) {
        JobCompleted.Usage usage = envelope.payloadAs(JobCompleted.class).usage();
        if (usage == null || usage.operation() == null) {
            return null;
        }
        Workload actual = new Workload(usage.operation(), usage.model(), usage.megapixels(), usage.maskedFraction());
        return actual.inRange() ? actual : null;
    }

    /** The schema holds a FAILED's and a CANCELED's payload to a failure with its code. */
    private static String failureReason(EventEnvelope envelope) {
        JobFailed failed = envelope.payloadAs(JobFailed.class);
        return failed.code() == null ? envelope.type() : envelope.type() + ": " + failed.code();
    }

    private JobEventParser() {
    }
}
