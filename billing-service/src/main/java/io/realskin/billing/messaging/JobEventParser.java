package io.realskin.billing.messaging;

import io.realskin.billing.domain.JobOutcome;
import io.realskin.billing.domain.Settlement;
import io.realskin.billing.domain.Workload;
import io.realskin.contracts.ContractViolation;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.JobCompleted;
import io.realskin.contracts.JobFailed;
import java.util.Optional;

/** Turns a job.events value into what billing does with it; a value it cannot read is a {@link ContractViolation}. */
final class JobEventParser {

    /** Empty for the events billing has nothing to do with (STARTED, PROGRESS). */
    static Optional<JobOutcome> parse(String value) {
        EventEnvelope envelope = EventJson.readEnvelope(value);
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

    /** The reason is informative only: a FAILED payload that does not parse still releases the hold. */
    private static String failureReason(EventEnvelope envelope) {
        try {
            JobFailed failed = envelope.payloadAs(JobFailed.class);
            return failed.code() == null ? envelope.type() : envelope.type() + ": " + failed.code();
        } catch (ContractViolation e) {
            return envelope.type();
        }
    }

    private JobEventParser() {
    }
}
