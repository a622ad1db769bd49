package io.realskin.billing;

import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.JobCompleted;
import io.realskin.contracts.JobFailed;
import io.realskin.contracts.JobTypes;
import io.realskin.local.LocalStack;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Test access to the shared local stack: the billing database over JDBC, job.events in, topics out. */
public final class TestStack {
    public static final String DATABASE = "billing";

    public static String bootstrap() {
        return LocalStack.shared().kafkaBootstrapServers();
    }

    public static Connection db() throws SQLException {
        return LocalStack.shared().postgres().connect(DATABASE);
    }

    public static long queryLong(String sql, Object... args) {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How far a tenant's kept ledger sums (V10) are from its ledger's: 0 when every booking added its entries. */
    public static long keptSumsOffBy(String tenant) {
        return queryLong("select coalesce(abs(s.available - l.available) + abs(s.held - l.held) + abs(s.entries - l.entries), l.entries) "
                + "from (select coalesce(sum(available_delta), 0) available, coalesce(sum(held_delta), 0) held, count(*) entries "
                + "from ledger_entries where tenant_id = ?) l left join ledger_sums s on s.tenant_id = ?", tenant, tenant);
    }

    public static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p);
    }

    public static void send(KafkaProducer<String, String> producer, String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String completed(String tenantId, String jobId, String operation, String model, double megapixels, Double masked) {
        return completed(UUID.randomUUID(), tenantId, jobId, operation, model, megapixels, masked);
    }

    public static String completed(UUID eventId, String tenantId, String jobId, String operation, String model, double megapixels,
                                   Double masked) {
        JobCompleted payload = new JobCompleted("results/" + jobId + ".png", "image/png", 1024, 1024, 0.7, 0.2,
                new JobCompleted.Usage(operation, model, megapixels, masked), null);
        return EventJson.write(new EventEnvelope(eventId, EventTypes.COMPLETED, java.time.Instant.now(), tenantId, jobId,
                EventJson.MAPPER.valueToTree(payload)));
    }

    public static String failed(String tenantId, String jobId) {
        return EventJson.write(EventEnvelope.of(EventTypes.FAILED, tenantId, jobId, new JobFailed("provider_error", "boom")));
    }

    public static Map<String, Object> quote(String operation, String model, double megapixels, Double masked) {
        Map<String, Object> q = new java.util.LinkedHashMap<>();
        q.put("operation", operation);
        q.put("model", model);
        q.put("megapixels", megapixels);
        q.put("maskedFraction", masked);
        return q;
    }

    public static Map<String, Object> sdxlQuote() {
        return quote(JobTypes.GENERATE, "sdxl", 1.0, null);
    }

    /** A consumer positioned at the end of every partition of the topic now; reads what comes after. */
    public static KafkaConsumer<String, String> tail(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        List<TopicPartition> parts = consumer.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position);
        return consumer;
    }

    public static List<ConsumerRecord<String, String>> poll(KafkaConsumer<String, String> consumer, Duration within,
                                                            java.util.function.Predicate<List<ConsumerRecord<String, String>>> enough) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline && !enough.test(records)) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    public static void await(Duration within, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("not within " + within + ": " + what);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private TestStack() {
    }
}
