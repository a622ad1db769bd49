package io.realskin.support.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class OrderedSendsTest {
    private static OutboxRecord row(long id, String topic, String key) {
        return new OutboxRecord(id, topic, key, "v" + id, null);
    }

    /** A broker that takes a record only when the test says so. */
    private static final class Broker {
        final Map<Long, UniEmitter<? super Void>> waiting = new LinkedHashMap<>();
        final List<Long> handed = new ArrayList<>();

        synchronized Uni<Void> send(OutboxRecord record) {
            return Uni.createFrom().emitter(e -> {
                synchronized (this) {
                    handed.add(record.id());
                    waiting.put(record.id(), e);
                }
            });
        }

        synchronized List<Long> handed() {
            return List.copyOf(handed);
        }

        void take(long id) {
            UniEmitter<? super Void> e;
            synchronized (this) {
                e = waiting.remove(id);
            }
            e.complete(null);
        }

        void refuse(long id) {
            UniEmitter<? super Void> e;
            synchronized (this) {
                e = waiting.remove(id);
            }
            e.fail(new IllegalStateException("broker away"));
        }
    }

    @Test
    void aKeysNextRecordWaitsForTheBrokerToTakeThePreviousOneWhileOtherKeysGoAtOnce() {
        Broker broker = new Broker();
        List<OutboxRecord> batch = List.of(row(1, "t", "a"), row(2, "t", "b"), row(3, "t", "a"), row(4, "u", "a"));
        CompletableFuture<List<Long>> sent = OrderedSends.send(batch, broker::send, (r, f) -> { }).subscribeAsCompletionStage();

        assertEquals(List.of(1L, 2L, 4L), broker.handed(), "the first record of each (topic, key) at once; a's second waits");
        broker.take(1);
        assertEquals(List.of(1L, 2L, 4L, 3L), broker.handed(), "a's second once the broker took its first");
        broker.take(3);
        broker.take(2);
        broker.take(4);

        assertEquals(List.of(1L, 2L, 3L, 4L), sent.join());
    }

    @Test
    void aRefusedRecordKeepsItsKeysLaterRecordsBackAndTheOtherKeysGoOn() {
        Broker broker = new Broker();
        List<OutboxRecord> refused = new ArrayList<>();
        List<OutboxRecord> batch = List.of(row(10, "t", "a"), row(11, "t", "b"), row(12, "t", "a"), row(13, "t", "b"));
        CompletableFuture<List<Long>> sent = OrderedSends.send(batch, broker::send, (r, f) -> refused.add(r))
                .subscribeAsCompletionStage();

        broker.refuse(10);
        broker.take(11);
        broker.take(13);

        assertEquals(List.of(11L, 13L), sent.join(), "b's records; a's second never overtakes its first");
        assertEquals(List.of(10L, 11L, 13L), broker.handed(), "row 12 was never handed to the broker");
        assertEquals(List.of(batch.get(0)), refused);
    }

    @Test
    void aSendThatThrowsCountsAsRefused() {
        List<OutboxRecord> refused = new ArrayList<>();
        List<Long> sent = OrderedSends.send(List.of(row(1, "t", "a"), row(2, "t", "b")), r -> {
            if (r.id() == 1) {
                throw new IllegalStateException("no channel writes topic t");
            }
            return Uni.createFrom().voidItem();
        }, (r, f) -> refused.add(r)).await().atMost(Duration.ofSeconds(5));

        assertEquals(List.of(2L), sent);
        assertEquals(1, refused.size());
    }

    @Test
    void anEmptyBatchSendsNothing() {
        assertEquals(List.of(), OrderedSends.send(List.of(), r -> Uni.createFrom().voidItem(), (r, f) -> { })
                .await().atMost(Duration.ofSeconds(5)));
    }
}
