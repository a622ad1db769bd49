package io.realskin.support.health;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the Kafka connection, answered within {@code realskin.kafka.readiness.timeout} (3 s) whether the broker
 * answers or not. It replaces Quarkus' own Kafka check (off in META-INF/microprofile-config.properties), whose admin
 * client waits its default.api.timeout.ms (60 s) for an unreachable or paused broker, so that a probe timed out instead
 * of reading DOWN, and each probe held a worker thread for a minute. That timeout cannot be shortened through
 * {@code kafka.*}: the consumers read it too. Present in the services that set {@code quarkus.kafka.health.enabled}.
 */
@IfBuildProperty(name = "quarkus.kafka.health.enabled", stringValue = "true")
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {
    static final String NAME = "Kafka connection";

    private final Admin admin;
    private final Duration timeout;

    @Inject
    public KafkaReadiness(@Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "realskin.kafka.readiness.timeout", defaultValue = "3s") Duration timeout) {
        this(Admin.create(adminConfig(kafka, timeout)), timeout);
    }

    KafkaReadiness(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** The services' Kafka settings an admin client knows (security, bootstrap servers), its timeouts this check's. */
    static Map<String, Object> adminConfig(Map<String, Object> kafka, Duration timeout) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value.toString());
            }
        });
        int millis = Math.toIntExact(timeout.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "kafka-readiness");
        return config;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            String nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(Math.toIntExact(timeout.toMillis())))
                    .nodes().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS).stream()
                    .map(node -> node.host() + ":" + node.port()).collect(Collectors.joining(","));
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
        return HealthCheckResponse.named(NAME).down().withData("reason", String.valueOf(cause.getMessage()))
                .withData("timeout", timeout.toString()).build();
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ZERO);
    }
}
