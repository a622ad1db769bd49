package io.realskin.support.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer's progress per topic and partition, for the alert on a consumer that stopped making progress
 * (docs/operations.md, "JobEventsConsumerStalled"): {@code realskin_consumer_records_in_hand} counts the records the
 * consumer's method has and has not finished (one held through a database outage stays here, unacknowledged), and
 * {@code realskin_consumer_records_processed_total} the records it finished: applied and acknowledged, or
 * dead-lettered. With the Kafka client's lag (records not fetched yet) they say whether records wait and whether any
 * moves, as the texture and generation workers' lag, held jobs and completed jobs do.
 */
@Singleton
public class ConsumerProgress {
    static final String IN_HAND = "realskin.consumer.records.in.hand";
    static final String PROCESSED = "realskin.consumer.records.processed";

    private final MeterRegistry registry;
    private final Map<TopicPartition, AtomicInteger> inHand = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Counter> processed = new ConcurrentHashMap<>();

    public ConsumerProgress(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Runs the consumer's work on these records (one per record, its topic and partition): they are in hand from the
     * subscription until the work ends, and processed when it ends with an item (acknowledged or dead-lettered).
     */
    public <T> Uni<T> track(List<TopicPartition> records, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            records.forEach(r -> inHand(r).incrementAndGet());
            return work.get();
        })
                .onItem().invoke(() -> records.forEach(r -> processed(r).increment()))
                .onTermination().invoke(() -> records.forEach(r -> inHand(r).decrementAndGet()));
    }

    private AtomicInteger inHand(TopicPartition partition) {
        return inHand.computeIfAbsent(partition, p -> {
            AtomicInteger held = new AtomicInteger();
            Gauge.builder(IN_HAND, held, AtomicInteger::get).tags(tags(p))
                    .description("records the consumer has and has not finished (applied and acknowledged, or dead-lettered)")
                    .register(registry);
            processed(p); // from the first record on, so a consumer stuck on it shows a counter that does not move
            return held;
        });
    }

    private Counter processed(TopicPartition partition) {
        return processed.computeIfAbsent(partition, p -> Counter.builder(PROCESSED).tags(tags(p))
                .description("records the consumer finished: applied and acknowledged, or dead-lettered").register(registry));
    }

    private static String[] tags(TopicPartition p) {
        return new String[] {"topic", p.topic(), "partition", Integer.toString(p.partition())};
    }
}
