package io.realskin.billing.service;

import io.realskin.billing.config.BillingConfig;
import io.realskin.billing.repository.JobEventProgressRepository;
import io.realskin.billing.repository.JobEventProgressRepository.Applied;
import io.realskin.billing.repository.Transactions;
import io.realskin.contracts.Topics;
import io.realskin.support.messaging.KafkaAdmins;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The time before which every job event has been applied: each partition of job.events counts from the newest record
 * billing applied on it ({@link JobEventProgressRepository}), or from the moment it was asked when nothing is left to
 * apply (applied through the partition's end); the earliest of them, less {@code holds.expiry-event-slack} for records
 * appended out of their timestamps' order (producer retries, clock skew). Read from Kafka and PostgreSQL, so every
 * replica finds the same horizon whichever replica consumes which partition.
 */
@ApplicationScoped
public class AppliedHorizon {
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(5);

    private final Admin admin;
    private final JobEventProgressRepository progress;
    private final Transactions tx;
    private final String group;
    private final Duration slack;
    private final Clock clock;

    @Inject
    public AppliedHorizon(@Identifier("default-kafka-broker") Map<String, Object> kafka, JobEventProgressRepository progress,
                          Transactions tx, BillingConfig config,
                          @ConfigProperty(name = "mp.messaging.incoming.job-events.group.id") String group) {
        this(KafkaAdmins.create(kafka, KAFKA_TIMEOUT, "billing-hold-expiry"), progress, tx, group, config.holds().expiryEventSlack(), Clock.systemUTC());
    }

    AppliedHorizon(Admin admin, JobEventProgressRepository progress, Transactions tx, String group, Duration slack, Clock clock) {
        this.admin = admin;
        this.progress = progress;
        this.tx = tx;
        this.group = group;
        this.slack = slack;
        this.clock = clock;
    }

    /** Fails when Kafka or PostgreSQL does not answer: then nothing is known to be applied. */
    public Uni<Instant> horizon() {
        Instant askedAt = clock.instant(); // before the partitions' ends are read: all that was appended by then is below them
        return uni(admin.describeTopics(List.of(Topics.JOB_EVENTS)).allTopicNames())
                .map(topics -> topics.get(Topics.JOB_EVENTS).partitions().stream()
                        .map(p -> new TopicPartition(Topics.JOB_EVENTS, p.partition())).toList())
                .flatMap(partitions -> uni(admin.listOffsets(partitions.stream()
                        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all()))
                .flatMap(ends -> uni(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata())
                        .flatMap(committed -> progress.of(tx.pool(), Topics.JOB_EVENTS).map(rows -> horizon(askedAt,
                                byPartition(ends, e -> e.offset()), byPartition(committed, OffsetAndMetadata::offset), rows))))
                .map(h -> h.minus(slack));
    }

    /**
     * A partition applied through its end ({@code ends}: read after {@code askedAt}) holds nothing produced before
     * {@code askedAt} that is not applied; one behind has applied every record up to its row's newest timestamp (none
     * known without a row). {@code committed}: the group's offsets, which count for a partition without a row yet (a
     * replica of before V11 applied it) or behind them.
     */
    static Instant horizon(Instant askedAt, Map<Integer, Long> ends, Map<Integer, Long> committed, Map<Integer, Applied> rows) {
        Instant horizon = askedAt;
        for (Map.Entry<Integer, Long> end : ends.entrySet()) {
            Applied row = rows.get(end.getKey());
            long next = Math.max(row == null ? 0 : row.nextOffset(), committed.getOrDefault(end.getKey(), 0L));
            if (next >= end.getValue()) {
                continue;
            }
            Instant through = row == null ? Instant.EPOCH : row.appliedThrough();
            if (through.isBefore(horizon)) {
                horizon = through;
            }
        }
        return horizon;
    }

    private static <V> Map<Integer, Long> byPartition(Map<TopicPartition, V> values, java.util.function.Function<V, Long> offset) {
        Map<Integer, Long> byPartition = new HashMap<>();
        values.forEach((p, v) -> {
            if (v != null && Topics.JOB_EVENTS.equals(p.topic())) {
                byPartition.put(p.partition(), offset.apply(v));
            }
        });
        return byPartition;
    }

    private static <T> Uni<T> uni(KafkaFuture<T> future) {
        return Uni.createFrom().completionStage(future.toCompletionStage());
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ZERO);
    }
}
