package io.realskin.support.messaging;

import io.realskin.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Copies a dead-letter topic's records back to the topic they came from, from a recorded offset to the end the topic
 * had when the replay started: only those dead-lettered {@code processing_failed} (a {@code contract_violation} breaks
 * the contract for good and would only be dead-lettered again), and one copy per original record (job.events' poison
 * is dead-lettered by the gateway and by billing: the same origin twice). The origin is billing's
 * {@code realskin-dlq-origin} or the connector's {@code dead-letter-topic/-partition/-offset}. The copy keeps the key,
 * the value and the original headers, without the dead-letter ones. Prints what it did and the offset to start the next
 * replay from. docs/operations.md, "Replaying job.events.dlq", shows how to run it (every service image has it).
 */
public final class DeadLetterReplay {
    /** What one replay did; {@code next} is the dead-letter topic's end when it started, per partition. */
    public record Result(int read, int replayed, int notProcessingFailed, int duplicates, Map<Integer, Long> next) {
    }

    private final String bootstrap;
    private final Properties security;

    /** For a broker that does not authenticate its clients (the local stack, Compose, the tests). */
    public DeadLetterReplay(String bootstrap) {
        this(bootstrap, Map.of());
    }

    /** {@code env}: the Kafka security settings, named as the services take them ({@link #securitySettings}). */
    public DeadLetterReplay(String bootstrap, Map<String, String> env) {
        this.bootstrap = bootstrap;
        this.security = securitySettings(env);
    }

    /**
     * The Kafka clients' security settings from the environment, under the names the services read them
     * ({@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_*}, {@code KAFKA_SSL_*}: {@code KAFKA_SASL_JAAS_CONFIG} is
     * {@code sasl.jaas.config}): in Kubernetes the replay signs in as the KafkaUser dead-letter-replay
     * (deploy/k8s/tools/dead-letter-replay.yaml). Nothing else of the environment is taken.
     */
    static Properties securitySettings(Map<String, String> env) {
        Properties settings = new Properties();
        env.forEach((name, value) -> {
            if (name.startsWith("KAFKA_SECURITY_") || name.startsWith("KAFKA_SASL_") || name.startsWith("KAFKA_SSL_")) {
                settings.put(name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return settings;
    }

    /** {@code from}: the first offset to read, on every partition of {@code dlqTopic}; {@code dryRun} sends nothing. */
    public Result replay(String dlqTopic, long from, boolean dryRun) {
        Properties c = new Properties();
        c.putAll(security);
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Properties p = new Properties();
        p.putAll(security);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
             KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(dlqTopic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(dlqTopic, i.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, Math.min(Math.max(from, starts.get(tp)), ends.get(tp)));
            }
            Set<String> origins = new HashSet<>();
            int read = 0;
            int replayed = 0;
            int skipped = 0;
            int duplicates = 0;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(1))) {
                    if (r.offset() >= ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue;
                    }
                    read++;
                    if (!DeadLetters.PROCESSING_FAILED.equals(header(r, Topics.DLQ_CODE_HEADER))) {
                        skipped++;
                    } else if (!origins.add(origin(r))) {
                        duplicates++;
                    } else {
                        replayed++;
                        if (!dryRun) {
                            producer.send(new ProducerRecord<>(originTopic(r, dlqTopic), null, r.key(), r.value(), originalHeaders(r)));
                        }
                    }
                }
            }
            producer.flush();
            Map<Integer, Long> next = new java.util.TreeMap<>();
            ends.forEach((tp, end) -> next.put(tp.partition(), end));
            return new Result(read, replayed, skipped, duplicates, next);
        }
    }

    /** The original record's topic-partition@offset, as billing's header says it; else the DLQ record's own. */
    static String origin(ConsumerRecord<String, String> r) {
        String billing = header(r, DeadLetterSender.ORIGIN_HEADER);
        if (billing != null) {
            return billing;
        }
        String topic = header(r, "dead-letter-topic");
        String partition = header(r, "dead-letter-partition");
        String offset = header(r, "dead-letter-offset");
        if (topic != null && partition != null && offset != null) {
            return topic + "-" + partition + "@" + offset;
        }
        return "dlq:" + r.topic() + "-" + r.partition() + "@" + r.offset();
    }

    private static String originTopic(ConsumerRecord<String, String> r, String dlqTopic) {
        String topic = header(r, "dead-letter-topic");
        if (topic != null) {
            return topic;
        }
        return dlqTopic.endsWith(".dlq") ? dlqTopic.substring(0, dlqTopic.length() - ".dlq".length()) : dlqTopic;
    }

    private static RecordHeaders originalHeaders(ConsumerRecord<String, String> r) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : r.headers()) {
            if (!h.key().startsWith("realskin-dlq-") && !h.key().startsWith("dead-letter-")) {
                headers.add(h);
            }
        }
        return headers;
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /**
     * {@code DeadLetterReplay <bootstrap servers> <dead-letter topic> <from offset> [--dry-run]}; the security settings
     * from the environment ({@link #securitySettings}).
     */
    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: DeadLetterReplay <bootstrap servers> <dead-letter topic> <from offset> [--dry-run]");
            System.exit(2);
        }
        boolean dryRun = args.length > 3 && "--dry-run".equals(args[3]);
        Result r = new DeadLetterReplay(args[0], System.getenv()).replay(args[1], Long.parseLong(args[2]), dryRun);
        System.out.printf("%s from offset %s: read %d, %s %d (processing_failed, one per original record), skipped %d "
                + "(not processing_failed) and %d (a second dead letter of the same record); next replay from %s%n",
                args[1], args[2], r.read(), dryRun ? "would replay" : "replayed", r.replayed(), r.notProcessingFailed(),
                r.duplicates(), r.next());
    }
}
