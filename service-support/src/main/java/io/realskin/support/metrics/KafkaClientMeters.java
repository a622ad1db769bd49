package io.realskin.support.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.jboss.logging.Logger;

/**
 * The Kafka clients' own metrics ({@code kafka_consumer_*}, {@code kafka_producer_*}: a consumer's lag, a producer's
 * records sent per topic) under the names and tags Quarkus' Kafka binder gives them (Micrometer's
 * {@link KafkaClientMetrics}, no extra tags), which the services turn off
 * ({@code quarkus.micrometer.binder.kafka.enabled=false}) for this one. Quarkus' binder reads each client's list of
 * metrics every 60 s (Micrometer's default), so a metric the client makes later, a consumer's
 * {@code records-lag} per partition once assigned or a producer's per-topic counters once it sends there (a dead-letter
 * topic's), was exported up to a minute late; here every {@link KafkaClientMetricsConfig#refresh()} (5 s).
 * A client is bound when SmallRye's Kafka connector announces it (a CDI event, fired at creation only) and unbound,
 * meters and thread, once it is seen closed, or when the service stops. Quarkus' binder kept a closed client's meters,
 * frozen, and its refresh thread until the service stopped.
 */
@IfBuildProperty(name = "realskin.kafka-client-metrics.enabled", stringValue = "true")
@Singleton
public class KafkaClientMeters {
    private static final Logger LOG = Logger.getLogger(KafkaClientMeters.class);

    private final MeterRegistry registry;
    private final Duration refresh;
    private final Map<Object, KafkaClientBinding> bound = new IdentityHashMap<>();

    @Inject
    public KafkaClientMeters(MeterRegistry registry, KafkaClientMetricsConfig config) {
        this(registry, config.refresh());
    }

    KafkaClientMeters(MeterRegistry registry, Duration refresh) {
        this.registry = registry;
        this.refresh = refresh;
    }

    void consumerCreated(@Observes Consumer<?, ?> consumer) {
        bind(consumer, consumer::metrics, scheduler -> new KafkaClientMetrics(consumer, Tags.empty(), scheduler, refresh));
    }

    void producerCreated(@Observes Producer<?, ?> producer) {
        bind(producer, producer::metrics, scheduler -> new KafkaClientMetrics(producer, Tags.empty(), scheduler, refresh));
    }

    private void bind(Object client, Supplier<Map<MetricName, ? extends Metric>> clientMetrics,
            Function<ScheduledExecutorService, KafkaClientMetrics> meters) {
        List<KafkaClientBinding> closed = new ArrayList<>();
        synchronized (this) {
            // a client closed since its last refresh goes first: a new one under its client id (a restart) gets the meters
            bound.values().removeIf(b -> b.clientClosed() && closed.add(b));
        }
        closed.forEach(KafkaClientBinding::close); // outside the lock: a binding's thread may be waiting for it to unbind
        synchronized (this) {
            if (bound.containsKey(client)) {
                return;
            }
            try {
                bound.put(client, new KafkaClientBinding(clientMetrics, meters, registry, refresh, () -> unbind(client)));
            } catch (RuntimeException e) {
                LOG.warnf(e, "Kafka client's metrics not bound");
            }
        }
    }

    private void unbind(Object client) {
        KafkaClientBinding binding;
        synchronized (this) {
            binding = bound.remove(client);
        }
        if (binding != null) {
            binding.close();
        }
    }

    /** The threads refreshing the clients bound now. */
    synchronized List<Thread> refreshThreads() {
        List<Thread> threads = new ArrayList<>();
        bound.values().forEach(b -> threads.add(b.refreshThread()));
        return threads;
    }

    @PreDestroy
    void close() {
        List<KafkaClientBinding> all;
        synchronized (this) {
            all = List.copyOf(bound.values());
            bound.clear();
        }
        all.forEach(KafkaClientBinding::close);
    }
}
