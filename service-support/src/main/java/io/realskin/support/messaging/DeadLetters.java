package io.realskin.support.messaging;

import io.realskin.contracts.ContractViolation;
import io.realskin.contracts.Topics;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * What RealSkin adds to a dead letter, whoever writes it: a stable code ({@code realskin-dlq-code}) and the reason
 * ({@code realskin-dlq-reason}). The key and value stay as they came, so a replay copies them back unchanged.
 */
public final class DeadLetters {
    /** The codes of a job.events consumer's dead letters: a record that is not a job event of the contract... */
    public static final String CONTRACT_VIOLATION = "contract_violation";
    /** ... or one whose effect failed for a reason that is not an outage (a statement the data breaks, a missing blob). */
    public static final String PROCESSING_FAILED = "processing_failed";

    /** A job.events consumer's code for a failure it dead-letters: a contract violation, or processing failed. */
    public static String codeOf(Throwable failure) {
        return failure instanceof ContractViolation ? CONTRACT_VIOLATION : PROCESSING_FAILED;
    }

    /** A reason longer than this is cut: it travels in a header, beside a value that may be near the size limit. */
    static final int MAX_REASON_CHARS = 1000;

    public static RecordHeaders headers(String code, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.DLQ_CODE_HEADER, bytes(code));
        String told = reason == null ? code : reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS) + "…";
        headers.add(Topics.DLQ_REASON_HEADER, bytes(told));
        return headers;
    }

    /**
     * For {@code message.nack(failure, DeadLetters.nack(code, reason))} on a channel whose failure strategy is
     * {@code dead-letter-queue}: the connector writes the dead letter with these headers beside its own
     * {@code dead-letter-*} ones.
     */
    public static Metadata nack(String code, String reason) {
        return Metadata.of(OutgoingKafkaRecordMetadata.builder().withHeaders(headers(code, reason)).build());
    }

    static byte[] bytes(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }

    private DeadLetters() {
    }
}
