package io.realskin.contracts;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/** Kafka topic names and the partition counts and retention the stack creates them with (docs/architecture.md, "Topics"). */
public final class Topics {
    public static final String TEXTURE_REQUESTS = "texture.requests";
    public static final String GENERATION_REQUESTS = "generation.requests";
    public static final String JOB_EVENTS = "job.events";
    public static final String BILLING_EVENTS = "billing.events";

    /** Consumer group of the texture workers; ops scale it up to the partition count of texture.requests. */
    public static final String TEXTURE_WORKERS_GROUP = "texture-workers";

    /** Header names on a dead-letter record. */
    public static final String DLQ_REASON_HEADER = "realskin-dlq-reason";
    public static final String DLQ_CODE_HEADER = "realskin-dlq-code";

    /** {@code retention}: how long the broker keeps a record (Kafka's {@code retention.ms}). */
    public record TopicSpec(String name, int partitions, Duration retention) {
    }

    /** Requests and job events: a week, enough to replay after any outage or to rebuild a consumer's state. */
    private static final Duration WEEK = Duration.ofDays(7);
    /** billing.events and the dead letters: a month, for accounting consumers and for replays after a fix. */
    private static final Duration MONTH = Duration.ofDays(30);

    /** texture.requests bounds the worker parallelism, hence its 12 partitions. */
    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(TEXTURE_REQUESTS, 12, WEEK),
            new TopicSpec(dlq(TEXTURE_REQUESTS), 1, MONTH),
            new TopicSpec(GENERATION_REQUESTS, 6, WEEK),
            new TopicSpec(dlq(GENERATION_REQUESTS), 1, MONTH),
            new TopicSpec(JOB_EVENTS, 6, WEEK),
            new TopicSpec(dlq(JOB_EVENTS), 1, MONTH),
            new TopicSpec(BILLING_EVENTS, 3, MONTH),
            new TopicSpec(dlq(BILLING_EVENTS), 1, MONTH));

    /** The topics whose values have a JSON Schema in this module (dead-letter topics carry the raw record). */
    public static final List<String> WITH_SCHEMA = List.of(TEXTURE_REQUESTS, GENERATION_REQUESTS, JOB_EVENTS, BILLING_EVENTS);

    public static String dlq(String topic) {
        return topic + ".dlq";
    }

    /**
     * The longest a record of {@code topic} can still reach a consumer: until the broker drops it, or, once
     * dead-lettered, until the dead-letter topic drops it (an operator replays dead letters to their topic after a fix).
     * An inbox that forgets an applied event sooner could apply a replay twice.
     */
    public static Duration redeliveryWindow(String topic) {
        return ALL.stream()
                .filter(spec -> spec.name().equals(topic) || spec.name().equals(dlq(topic)))
                .map(TopicSpec::retention)
                .max(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalArgumentException("not a RealSkin topic: " + topic));
    }

    private Topics() {
    }
}
