package io.realskin.support.messaging;

import io.quarkus.arc.Unremovable;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Where the cancel reader ({@link JobCancels}) starts on each partition it is given: at the first record of the last
 * {@code realskin.cancels.max-age} (1 h), found by timestamp, so a process that starts (a restart, a rebalance, a
 * scale-up) knows the cancels made while the requests it is handed waited in Kafka. Its group is its own and commits
 * nothing, so without this it began at the end and worked such a job in full (a paid provider call for a generation
 * job). A partition with no record that recent starts at its end. The workers' {@code job-cancels} channel names it
 * ({@code consumer-rebalance-listener.name=}{@value #NAME}).
 */
@IfBuildProperty(name = "realskin.cancels.enabled", stringValue = "true")
@Unremovable // looked up by its name from the channel's configuration, never injected
@Singleton
@Identifier(CancelsRewind.NAME)
public class CancelsRewind implements KafkaConsumerRebalanceListener {
    public static final String NAME = "job-cancels-rewind";
    private static final Logger LOG = Logger.getLogger(CancelsRewind.class);

    private final Duration maxAge;
    private final Clock clock;

    @Inject
    public CancelsRewind(CancelsConfig config) {
        this(config.maxAge(), Clock.systemUTC());
    }

    CancelsRewind(Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        long since = clock.millis() - maxAge.toMillis();
        Map<TopicPartition, Long> at = new HashMap<>();
        partitions.forEach(p -> at.put(p, since));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(at);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp first = found.get(p);
            consumer.seek(p, first != null ? first.offset() : ends.getOrDefault(p, 0L));
        }
        LOG.debugf("cancel reader rewound %d partitions to %s ago", partitions.size(), maxAge);
    }
}
