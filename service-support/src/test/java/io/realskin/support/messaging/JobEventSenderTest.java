package io.realskin.support.messaging;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.JobStarted;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/**
 * A worker job's awaited events (STARTED, COMPLETED, FAILED) wait out a Kafka that does not acknowledge them: measured
 * on the local stack, a broker paused 75 s while a texture restore ran made the worker's COMPLETED time out, and the job
 * then sent a FAILED internal and dead-lettered its record although its result and COMPLETED were stored.
 */
class JobEventSenderTest {
    private static final EventEnvelope EVENT = EventEnvelope.of(EventTypes.STARTED, "t1", "job_1", new JobStarted("w"));

    /** An emitter whose sends answer as the suppliers say, one per send, in order; records what it was given. */
    private static MutinyEmitter<String> emitter(List<Message<String>> sent, Deque<Supplier<Uni<Void>>> answers) {
        @SuppressWarnings("unchecked")
        MutinyEmitter<String> emitter = (MutinyEmitter<String>) Proxy.newProxyInstance(JobEventSenderTest.class.getClassLoader(),
                new Class<?>[] {MutinyEmitter.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendMessage")) {
                        @SuppressWarnings("unchecked")
                        Message<String> message = (Message<String>) args[0];
                        sent.add(message);
                        return answers.poll().get();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return emitter;
    }

    @Test
    void anEventKafkaDoesNotAcknowledgeIsSentAgainUntilItDoes() {
        List<Message<String>> sent = new ArrayList<>();
        Deque<Supplier<Uni<Void>>> answers = new ArrayDeque<>(List.of(
                () -> Uni.createFrom().nothing(), // the broker does not answer within the send timeout
                () -> Uni.createFrom().failure(new org.apache.kafka.common.errors.NotEnoughReplicasException("one in-sync replica")),
                () -> Uni.createFrom().voidItem()));
        var publisher = new JobEventSender(emitter(sent, answers), Duration.ofMillis(50), Duration.ofMillis(5), Duration.ofMillis(20));

        assertDoesNotThrow(() -> publisher.publish(EVENT), "a Kafka that does not answer holds the job; it does not fail it");
        assertEquals(3, sent.size());
        assertEquals(sent.get(0).getPayload(), sent.get(2).getPayload(), "the same event, its eventId too: consumers apply it once");
    }

    @Test
    void aSendKafkaRefusesIsNotSentAgain() {
        List<Message<String>> sent = new ArrayList<>();
        Deque<Supplier<Uni<Void>>> answers = new ArrayDeque<>(List.of(
                () -> Uni.createFrom().failure(new org.apache.kafka.common.errors.RecordTooLargeException("too large"))));
        var publisher = new JobEventSender(emitter(sent, answers), Duration.ofMillis(50), Duration.ofMillis(5), Duration.ofMillis(20));

        assertThrows(org.apache.kafka.common.errors.RecordTooLargeException.class, () -> publisher.publish(EVENT));
        assertEquals(1, sent.size());
    }
}
