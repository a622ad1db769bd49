package io.realskin.support.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The filter behind the contributed label: a server meter recorded with a method HTTP does not define (Quarkus records a
 * request the client reset without contributors) is labelled UNKNOWN; the methods HTTP defines and other meters stay.
 */
class MethodLabelsTest {
    @Test
    void aServerMeterOfAMadeUpMethodIsLabelledUnknown() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new MethodLabels().unknownMethods());
        for (String method : Set.of("FLOOD1", "FLOOD2", "get", "GET", "PATCH")) {
            Timer.builder("http.server.requests").tags("method", method, "uri", "/v1/jobs", "status", "0").register(registry);
        }
        Timer.builder("http.client.requests").tags("method", "PURGE").register(registry);
        Timer.builder("http.server.requests").tags("uri", "/v1/jobs").register(registry);

        Set<String> labels = registry.getMeters().stream().map(Meter::getId)
                .map(id -> id.getName() + " " + id.getTag("method")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Set.of("http.server.requests UNKNOWN", "http.server.requests GET", "http.server.requests PATCH",
                "http.client.requests PURGE", "http.server.requests null")), labels);
    }
}
