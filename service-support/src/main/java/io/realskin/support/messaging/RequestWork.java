package io.realskin.support.messaging;

import io.opentelemetry.context.Scope;
import io.realskin.contracts.FailureCodes;
import io.realskin.contracts.JobTrace;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * How a worker works one request record, on a channel whose failure strategy is {@code dead-letter-queue}: in the
 * job's trace (the record's {@code traceparent}, its key as the job id), then settled by how the work ended. Returned:
 * acknowledged. Thrown: nacked with {@link DeadLetters#nack}, so the connector writes the dead letter with RealSkin's
 * reason headers (a {@link PoisonRecordException}'s code, else {@code internal}) and the consumer goes on. The work
 * sends its job's FAILED event before it throws ({@link RequestReader}, the worker's own failure path), so the job
 * ends even though its record is dead-lettered.
 */
public final class RequestWork {
    /** {@code work} takes the record's key and value. */
    public static CompletionStage<Void> settle(Message<String> record, BiConsumer<String, String> work) {
        var kafka = record.getMetadata(IncomingKafkaRecordMetadata.class);
        String key = kafka.map(m -> (String) m.getKey()).orElse(null);
        try (Scope ignored = JobTrace.enter(JobTrace.fromHeaders(kafka.map(IncomingKafkaRecordMetadata::getHeaders).orElse(null)), key)) {
            try {
                work.accept(key, record.getPayload());
            } catch (PoisonRecordException e) {
                return record.nack(e, DeadLetters.nack(e.code(), e.getMessage()));
            } catch (Throwable e) {
                return record.nack(e, DeadLetters.nack(FailureCodes.INTERNAL, String.valueOf(e)));
            }
            return record.ack();
        }
    }

    private RequestWork() {
    }
}
