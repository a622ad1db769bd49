package io.realskin.support.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Admin clients on the service's own Kafka settings ({@code default-kafka-broker}: bootstrap servers, security), with
 * their own timeouts: an admin client's default waits 60 s for a broker that does not answer, and that default cannot be
 * shortened through {@code kafka.*}, which the consumers read too.
 */
public final class KafkaAdmins {
    private KafkaAdmins() {
    }

    public static Admin create(Map<String, Object> kafka, Duration timeout, String clientId) {
        return Admin.create(config(kafka, timeout, clientId));
    }

    static Map<String, Object> config(Map<String, Object> kafka, Duration timeout, String clientId) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value.toString());
            }
        });
        int millis = Math.toIntExact(timeout.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return config;
    }
}
