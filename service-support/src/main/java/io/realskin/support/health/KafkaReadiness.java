package io.realskin.support.health;

import io.quarkus.arc.properties.IfBuildProperty;
import io.realskin.support.messaging.KafkaAdmins;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.errors.AuthenticationException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Readiness of the Kafka connection, answered within {@code realskin.kafka.readiness.timeout} (3 s) whether the broker
 * answers or not. It replaces Quarkus' own Kafka check, whose admin client waits its default.api.timeout.ms (60 s) for
 * an unreachable or paused broker, so that a probe timed out instead of reading DOWN, and each probe held a worker
 * thread for a minute. That timeout cannot be shortened through {@code kafka.*}: the consumers read it too. Present in
 * the services that set {@code service-support.kafka-readiness.enabled} (build time; not under {@code realskin.}, where
 * the gateway's config mapping refuses a key it does not map); they leave
 * {@code quarkus.kafka.health.enabled} at its default, false, so Quarkus' check is never built and no runtime setting
 * can bring it back.
 * A DOWN answer's {@code reason} says what an operator checks next; Kafka's own exception goes to the log, at WARN when
 * the check turns DOWN (once, not at every probe) and at DEBUG while it stays DOWN.
 */
@IfBuildProperty(name = "service-support.kafka-readiness.enabled", stringValue = "true")
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {
    static final String NAME = "Kafka connection";
    private static final Logger LOG = Logger.getLogger(KafkaReadiness.class);

    private final Admin admin;
    private final Duration timeout;
    private final AtomicBoolean down = new AtomicBoolean();

    @Inject
    public KafkaReadiness(@Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "realskin.kafka.readiness.timeout", defaultValue = "3s") Duration timeout) {
        this(KafkaAdmins.create(kafka, timeout, "kafka-readiness"), timeout);
    }

    KafkaReadiness(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            String nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(Math.toIntExact(timeout.toMillis())))
                    .nodes().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS).stream()
                    .map(node -> node.host() + ":" + node.port()).collect(Collectors.joining(","));
            if (down.compareAndSet(true, false)) {
                LOG.infof("Kafka answers again (nodes %s)", nodes);
            }
            return HealthCheckResponse.named(NAME).up().withData("nodes", nodes).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down(e);
        } catch (Exception e) {
            return down(e);
        }
    }

    private HealthCheckResponse down(Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String reason = reason(cause, timeout);
        if (down.compareAndSet(false, true)) {
            LOG.warnf(cause, "Kafka readiness DOWN: %s", reason);
        } else {
            LOG.debugf(cause, "Kafka readiness still DOWN: %s", reason);
        }
        return HealthCheckResponse.named(NAME).down().withData("reason", reason)
                .withData("timeout", timeout.toString()).build();
    }

    /** What the operator reads in the health answer: what failed and where to look, never the client's raw text. */
    static String reason(Throwable cause, Duration timeout) {
        if (cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return "no Kafka broker answered within " + timeout.toMillis() + " ms (is it up, and reachable from this service? "
                    + "the service log has the client's error)";
        }
        if (cause instanceof AuthenticationException) {
            return "Kafka refused this service's credentials (check its SASL/TLS settings; the service log has the "
                    + "client's error)";
        }
        if (cause instanceof InterruptedException) {
            return "the check was interrupted (the service is stopping)";
        }
        return "the Kafka cluster could not be described (" + cause.getClass().getSimpleName()
                + "; the service log has the client's error)";
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ZERO);
    }
}
