package io.realskin.support.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Drops the gauges Quarkus registers once per instance under one meter id, where Micrometer keeps the first instance's
 * gauge and logs {@code This Gauge has been already registered} at the second, so the exported value followed one
 * instance only:
 * <ul>
 * <li>the reactive SQL client's per-connection {@code postgresql.queue.size} and {@code postgresql.current} (a
 * client-metrics object per pooled connection: the value was the first connection's, often long closed). The pool's
 * own gauges are {@code sql.pool.queue.size}, {@code sql.pool.active}, {@code sql.pool.idle}; the client's timers and
 * counters ({@code postgresql.queue.delay}, {@code postgresql.processing}) are shared meters and stay;</li>
 * <li>{@code http.server.active.connections} and {@code http.server.active.requests}, once for the API's server and
 * once for the management interface's: the value was whichever took a connection first. {@code http.server.connections}
 * (a long task timer, shared) counts the open connections of both; {@link RequestsInFlight} the API port's requests
 * under way.</li>
 * <li>an HTTP client's {@code http.client.active.connections}, {@code http.client.queue.size} and
 * {@code http.client.pending}, once per Vert.x HTTP client under the client's name: the gateway's REST client for
 * billing has more than one. Its timers ({@code http.client.requests}) are shared and stay.</li>
 * </ul>
 */
public class PerInstanceGauges {
    /** Vert.x's client type of its SQL clients, a tag of every meter of their client-metrics objects. */
    static final String SQL_CLIENT = "sql";
    static final Set<String> PER_SERVER_OR_CLIENT = Set.of("http.server.active.connections", "http.server.active.requests",
            "http.client.active.connections", "http.client.queue.size", "http.client.pending");

    @Produces
    @Singleton
    MeterFilter perInstanceGauges() {
        return new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                return isPerInstance(id) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
            }
        };
    }

    static boolean isPerInstance(Meter.Id id) {
        if (id.getType() != Meter.Type.GAUGE) {
            return false;
        }
        String name = id.getName();
        if (SQL_CLIENT.equals(id.getTag("clientType"))) {
            return name.endsWith(".queue.size") || name.endsWith(".current");
        }
        return PER_SERVER_OR_CLIENT.contains(name);
    }
}
