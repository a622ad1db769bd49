package io.realskin.support.outbox;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The outbox's ordering rule: the records of one key on one topic are sent one after another in id order, each once
 * the broker took the one before, so a key's records arrive in the order they were written; different keys are sent
 * at the same time, so a batch costs about one broker round trip per record of its busiest key, not per record.
 * A record the broker does not take ends its key's turn: the key's later records stay unpublished behind it (none
 * overtakes it) and go out, after it, on a later run.
 */
final class OrderedSends {
    private record Key(String topic, String key) {
    }

    /**
     * Sends {@code batch} (in id order) with {@code send}; returns the ids the broker took, ascending. Never fails: a
     * failed send is reported to {@code refused} and its key's later records are left out.
     */
    static Uni<List<Long>> send(List<OutboxRecord> batch, Function<OutboxRecord, Uni<Void>> send,
                                BiConsumer<OutboxRecord, Throwable> refused) {
        Map<Key, List<OutboxRecord>> byKey = new LinkedHashMap<>();
        batch.forEach(r -> byKey.computeIfAbsent(new Key(r.topic(), r.key()), k -> new ArrayList<>()).add(r));
        List<Long> sent = Collections.synchronizedList(new ArrayList<>());
        List<Uni<Void>> turns = byKey.values().stream().map(records -> inTurn(records, 0, send, refused, sent)).toList();
        if (turns.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(turns).andFailFast()
                .map(ignored -> {
                    synchronized (sent) {
                        return sent.stream().sorted().toList();
                    }
                });
    }

    private static Uni<Void> inTurn(List<OutboxRecord> records, int index, Function<OutboxRecord, Uni<Void>> send,
                                    BiConsumer<OutboxRecord, Throwable> refused, List<Long> sent) {
        if (index == records.size()) {
            return Uni.createFrom().voidItem();
        }
        OutboxRecord record = records.get(index);
        return Uni.createFrom().deferred(() -> send.apply(record))
                .onItem().transformToUni(ignored -> {
                    sent.add(record.id());
                    return inTurn(records, index + 1, send, refused, sent);
                })
                .onFailure().recoverWithItem(failure -> {
                    refused.accept(record, failure);
                    return null;
                });
    }

    private OrderedSends() {
    }
}
