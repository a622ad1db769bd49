package io.realskin.support.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Which meters the filter drops: gauges made once per connection, server or client instance under one id; nothing else. */
class PerInstanceGaugesTest {
    @Test
    void dropsThePerInstanceGaugesAndKeepsTheSharedMeters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new PerInstanceGauges().perInstanceGauges());
        Tags sqlClient = Tags.of("clientName", "<default>", "clientType", "sql");
        Tags restClient = Tags.of("clientName", "billing");
        for (String name : Set.of("postgresql.queue.size", "postgresql.current")) {
            Gauge.builder(name, () -> 1).tags(sqlClient).register(registry);
        }
        for (String name : Set.of("http.server.active.connections", "http.server.active.requests")) {
            Gauge.builder(name, () -> 1).register(registry);
        }
        for (String name : Set.of("http.client.active.connections", "http.client.queue.size", "http.client.pending")) {
            Gauge.builder(name, () -> 1).tags(restClient).register(registry);
        }
        Timer.builder("postgresql.processing").tags(sqlClient).register(registry);
        Timer.builder("http.client.requests").tags(restClient).register(registry);
        Gauge.builder("sql.pool.queue.size", () -> 1).tags("pool.type", "sql", "pool.name", "pool").register(registry);
        Gauge.builder("realskin.texture.jobs.queued", () -> 1).register(registry);
        Gauge.builder("worker.pool.queue.size", () -> 1).tags("pool.type", "worker").register(registry);

        Set<String> kept = new TreeSet<>();
        registry.getMeters().stream().map(Meter::getId).map(Meter.Id::getName).forEach(kept::add);
        assertEquals(new TreeSet<>(Set.of("postgresql.processing", "http.client.requests", "sql.pool.queue.size",
                "realskin.texture.jobs.queued", "worker.pool.queue.size")), kept);
    }
}
