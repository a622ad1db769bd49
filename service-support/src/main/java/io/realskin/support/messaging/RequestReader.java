package io.realskin.support.messaging;

import io.realskin.contracts.ContractSchemas;
import io.realskin.contracts.ContractViolation;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.FailureCodes;
import io.realskin.contracts.Identifiers;
import io.realskin.contracts.JobFailed;
import java.util.function.Consumer;

/**
 * A worker's first step on a request record: read it and check it against its topic's contract schema. A record that
 * breaks the contract still ends its job when its key names one: a FAILED {@code bad_request} event goes out (tenant
 * {@link EventEnvelope#UNKNOWN_TENANT}, since the record cannot say whose job it is) before the record is rejected as
 * poison, for the dead-letter topic. A key that is no job id ({@link Identifiers#isId}: over 100 characters, say) names
 * no job, and a FAILED event under it would break job.events' own schema: such a record is poison only.
 */
public final class RequestReader {
    private final String topic;
    private final Class<?> payloadType;
    private final String what;
    private final JobEventSender events;
    private final Consumer<String> failedWithCode;

    /**
     * {@code what} names the request in the reason ("texture request"); {@code failedWithCode} hears the code of each
     * FAILED event this reader sends (for the worker's failure metric).
     */
    public RequestReader(String topic, Class<?> payloadType, String what, JobEventSender events, Consumer<String> failedWithCode) {
        this.topic = topic;
        this.payloadType = payloadType;
        this.what = what;
        this.events = events;
        this.failedWithCode = failedWithCode;
    }

    /**
     * The request, its payload checked to read as {@code payloadType}.
     *
     * @throws PoisonRecordException {@code bad_request}, after the FAILED event, for a record that breaks the contract
     */
    public EventEnvelope read(String key, String value) {
        try {
            return ContractSchemas.readValid(topic, value, payloadType);
        } catch (ContractViolation e) {
            String reason = "not a " + what + ": " + e.getMessage();
            if (key != null && Identifiers.isId(key)) {
                failedWithCode.accept(FailureCodes.BAD_REQUEST);
                events.publish(EventEnvelope.of(EventTypes.FAILED, EventEnvelope.UNKNOWN_TENANT, key,
                        new JobFailed(FailureCodes.BAD_REQUEST, reason)));
            }
            throw new PoisonRecordException(FailureCodes.BAD_REQUEST, reason);
        }
    }
}
