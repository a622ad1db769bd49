package io.realskin.support.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A broker that authenticates its clients (deploy/k8s: SCRAM-SHA-512 over TLS) is reached by every Kafka client of a
 * service, the admin clients (readiness, billing's hold expiry) and the dead-letter replay tool included, with the
 * service's security settings: the admin clients take them from the service's Kafka settings, the replay tool from the
 * environment under the services' names.
 */
class KafkaClientSecurityTest {
    private static final String LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"gateway-service\" password=\"p\";";

    @Test
    void theAdminClientsTakeTheServicesSecuritySettings() {
        Map<String, Object> kafka = Map.of("bootstrap.servers", "realskin-kafka-bootstrap:9093",
                "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", LOGIN,
                "ssl.truststore.type", "PEM", "ssl.truststore.certificates", "-----BEGIN CERTIFICATE-----",
                "group.id", "gateway");

        Map<String, Object> admin = KafkaAdmins.config(kafka, Duration.ofSeconds(3), "kafka-readiness");

        assertEquals("SASL_SSL", admin.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", admin.get("sasl.mechanism"));
        assertEquals(LOGIN, admin.get("sasl.jaas.config"));
        assertEquals("PEM", admin.get("ssl.truststore.type"));
        assertEquals("-----BEGIN CERTIFICATE-----", admin.get("ssl.truststore.certificates"));
        assertFalse(admin.containsKey("group.id"), "a consumer's setting is not an admin client's");
    }

    @Test
    void theReplayToolTakesTheSecuritySettingsFromTheEnvironmentAndNothingElse() {
        Properties settings = DeadLetterReplay.securitySettings(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", "KAFKA_SASL_JAAS_CONFIG", LOGIN, "KAFKA_SSL_TRUSTSTORE_TYPE", "PEM",
                "KAFKA_SSL_TRUSTSTORE_CERTIFICATES", "-----BEGIN CERTIFICATE-----", "KAFKA_BOOTSTRAP_SERVERS", "elsewhere:9092",
                "HOME", "/root"));

        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", LOGIN,
                "ssl.truststore.type", "PEM", "ssl.truststore.certificates", "-----BEGIN CERTIFICATE-----"), Map.copyOf(settings));
    }
}
