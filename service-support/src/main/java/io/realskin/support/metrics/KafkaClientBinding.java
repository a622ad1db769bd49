package io.realskin.support.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * One Kafka client's metrics bound to the registry, refreshed on a thread of its own (one per client, as Micrometer's
 * default binding has), which also watches for the client's close. The thread is the binding's own because Micrometer
 * leaves a scheduler it was given running its refresh after {@link KafkaClientMetrics#close()}.
 */
final class KafkaClientBinding {
    private final Supplier<Map<MetricName, ? extends Metric>> clientMetrics;
    private final ScheduledExecutorService refresher;
    private final Thread refreshThread;
    private final KafkaClientMetrics meters;

    /**
     * {@code meters}: the client's binding on the given scheduler; {@code onClosed} runs on the binding's thread once
     * the client is seen closed.
     */
    KafkaClientBinding(Supplier<Map<MetricName, ? extends Metric>> clientMetrics,
            Function<ScheduledExecutorService, KafkaClientMetrics> meters, MeterRegistry registry, Duration refresh,
            Runnable onClosed) {
        this.clientMetrics = clientMetrics;
        Thread[] thread = new Thread[1];
        this.refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            thread[0] = new Thread(task, "kafka-client-meters " + clientId(clientMetrics.get()));
            thread[0].setDaemon(true);
            return thread[0];
        });
        this.meters = meters.apply(refresher);
        try {
            this.meters.bindTo(registry); // starts the thread
        } catch (RuntimeException e) {
            refresher.shutdownNow();
            this.meters.close();
            throw e;
        }
        this.refreshThread = thread[0];
        refresher.scheduleWithFixedDelay(() -> {
            if (clientClosed()) {
                onClosed.run();
            }
        }, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Kafka's clients remove their {@code app-info} metrics as they close (AppInfoParser.unregisterAppInfo); a
     * client's {@code metrics()} goes on answering after its close, with the other metrics as they were last.
     */
    boolean clientClosed() {
        try {
            return clientMetrics.get().keySet().stream().noneMatch(KafkaClientBinding::isStartTime);
        } catch (RuntimeException e) {
            return true; // a client that refuses to list its metrics once closed
        }
    }

    Thread refreshThread() {
        return refreshThread;
    }

    /** Removes the client's meters and ends the binding's thread; the thread's own refresh never runs after it. */
    void close() {
        refresher.shutdownNow();
        if (Thread.currentThread() != refreshThread) {
            try {
                refresher.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        meters.close();
    }

    private static boolean isStartTime(MetricName name) {
        return "app-info".equals(name.group()) && "start-time-ms".equals(name.name());
    }

    private static String clientId(Map<MetricName, ? extends Metric> metrics) {
        return metrics.keySet().stream().filter(KafkaClientBinding::isStartTime).map(n -> n.tags().get("client-id"))
                .findFirst().orElse("?");
    }
}
