package io.realskin.support.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realskin.local.FreePorts;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Quarkus' Kafka binder read a client's metrics every 60 s: a metric the client made later (a consumer's lag once
 * assigned, a producer's counter for a dead-letter topic once it sent there) was exported up to a minute late, and a
 * closed client kept its meters and refresh thread. Now within the refresh, under the same names and tags.
 */
class KafkaClientMetersTest {
    /** Far above the 200 ms refresh used here, below Micrometer's 60 s default. */
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final Duration REFRESH = Duration.ofMillis(200);

    @Test
    void aMetricTheClientMakesAfterItIsBoundIsExportedWithinTheRefresh() throws InterruptedException {
        MeterRegistry registry = new SimpleMeterRegistry();
        KafkaClientMeters meters = new KafkaClientMeters(registry, REFRESH);
        try (Metrics kafka = new Metrics()) {
            MockProducer<String, String> producer = new MockProducer<>();
            add(producer, kafka, new MetricName("start-time-ms", "app-info", "", Map.of("client-id", "dead-letters")),
                    (Measurable) (config, now) -> now);
            meters.producerCreated(producer);

            // the first record to a topic makes the producer's per-topic metrics
            add(producer, kafka, new MetricName("record-send-total", "producer-topic-metrics", "",
                    Map.of("client-id", "dead-letters", "topic", "texture.requests.dlq")), new CumulativeSum());
            awaitUpTo(BOUND, () -> registry.find("kafka.producer.topic.record.send.total").tag("topic", "texture.requests.dlq")
                    .functionCounter() != null);

            assertNotNull(registry.find("kafka.producer.topic.record.send.total").tags("client.id", "dead-letters",
                    "topic", "texture.requests.dlq").functionCounter(), "the per-topic counter made after the binding");
        } finally {
            meters.close();
        }
    }

    @Test
    void aClosedClientsMetersAndThreadGoAndTheClientStartedAgainUnderItsIdIsBound() throws InterruptedException {
        MeterRegistry registry = new SimpleMeterRegistry();
        KafkaClientMeters meters = new KafkaClientMeters(registry, REFRESH);
        try {
            KafkaProducer<String, String> first = new KafkaProducer<>(producerConfig("restarted"));
            meters.producerCreated(first);
            assertFalse(metersOf(registry, "restarted").isEmpty(), "the open client's meters");
            Thread refresh = meters.refreshThreads().get(0);

            first.close(Duration.ZERO);
            awaitUpTo(BOUND, () -> metersOf(registry, "restarted").isEmpty() && !refresh.isAlive());
            assertEquals(Set.of(), metersOf(registry, "restarted"), "the closed client's meters");
            assertFalse(refresh.isAlive(), "the closed client's refresh thread");

            try (KafkaProducer<String, String> second = new KafkaProducer<>(producerConfig("restarted"))) {
                meters.producerCreated(second);
                assertFalse(metersOf(registry, "restarted").isEmpty(), "the new client's meters, under the same client id");
                assertEquals(1, meters.refreshThreads().size());
                second.close(Duration.ZERO);
            }
        } finally {
            meters.close();
        }
        assertEquals(Set.of(), metersOf(registry, "restarted"), "no meter left once the service stops");
    }

    /** The dashboards and alert rules query the names and tags Quarkus' binder gave (Micrometer's, no extra tags). */
    @Test
    void theMetersHaveTheNamesAndTagsOfQuarkusBinding() {
        MeterRegistry quarkus = new SimpleMeterRegistry();
        MeterRegistry ours = new SimpleMeterRegistry();
        KafkaClientMeters meters = new KafkaClientMeters(ours, REFRESH);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig("named-producer"));
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig("named-consumer"))) {
            try (KafkaClientMetrics p = new KafkaClientMetrics(producer); KafkaClientMetrics c = new KafkaClientMetrics(consumer)) {
                p.bindTo(quarkus);
                c.bindTo(quarkus);
                meters.producerCreated(producer);
                meters.consumerCreated(consumer);

                Set<Meter.Id> expected = ids(quarkus);
                assertFalse(expected.isEmpty());
                assertEquals(expected, ids(ours));
            }
            producer.close(Duration.ZERO);
            consumer.close(Duration.ZERO);
        } finally {
            meters.close();
        }
    }

    private static void add(MockProducer<String, String> producer, Metrics kafka, MetricName name, Measurable stat) {
        kafka.addMetric(name, stat);
        producer.setMockMetrics(name, kafka.metric(name));
    }

    private static Set<Meter.Id> ids(MeterRegistry registry) {
        return registry.getMeters().stream().map(Meter::getId).collect(Collectors.toSet());
    }

    private static Set<String> metersOf(MeterRegistry registry, String clientId) {
        return registry.getMeters().stream().map(Meter::getId).filter(id -> clientId.equals(id.getTag("client.id")))
                .map(Meter.Id::getName).collect(Collectors.toSet());
    }

    /** A client that never reaches a broker (nothing listens on the port): its metrics are there from its start. */
    private static Map<String, Object> producerConfig(String clientId) {
        return Map.of("bootstrap.servers", "127.0.0.1:" + FreePorts.any(), "client.id", clientId,
                "key.serializer", StringSerializer.class, "value.serializer", StringSerializer.class);
    }

    private static Map<String, Object> consumerConfig(String clientId) {
        return Map.of("bootstrap.servers", "127.0.0.1:" + FreePorts.any(), "client.id", clientId,
                "key.deserializer", StringDeserializer.class, "value.deserializer", StringDeserializer.class);
    }

    private static void awaitUpTo(Duration bound, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
