package io.realskin.support.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/**
 * A DOWN answer's reason was the Kafka client's own text ("Timed out waiting for a node assignment. Call:
 * describeCluster", or "null" for the check's own wait): now it says what failed and where to look, and the client's
 * error is in the log, once when the check turns DOWN.
 */
class KafkaReadinessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Test
    void aBrokerThatDoesNotAnswerIsReportedInWordsAndTheClientsErrorIsLoggedOnce() throws IOException {
        List<LogRecord> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (logged) {
                    logged.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(KafkaReadiness.class.getName());
        logger.addHandler(capture);
        KafkaReadiness check = new KafkaReadiness(Map.of("bootstrap.servers", "127.0.0.1:" + closedPort()), TIMEOUT);
        try {
            HealthCheckResponse first = check.call();
            HealthCheckResponse second = check.call();

            assertEquals(HealthCheckResponse.Status.DOWN, first.getStatus());
            Map<String, Object> data = first.getData().orElseThrow();
            assertEquals("no Kafka broker answered within 1000 ms (is it up, and reachable from this service? the service "
                    + "log has the client's error)", data.get("reason"));
            assertEquals(data, second.getData().orElseThrow(), "every probe reads the same reason");
            List<LogRecord> warnings = logged.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue()).toList();
            assertEquals(1, warnings.size(), "one WARN when the check turns DOWN, not one per probe: " + warnings);
            assertNotNull(warnings.get(0).getThrown(), "the client's error is in the log");
        } finally {
            check.close();
            logger.removeHandler(capture);
        }
    }

    @Test
    void refusedCredentialsAndOtherFailuresAreNamedWithoutTheClientsText() {
        String credentials = KafkaReadiness.reason(new SaslAuthenticationException("Authentication failed: Invalid username "
                + "or password for user alice"), TIMEOUT);
        assertTrue(credentials.startsWith("Kafka refused this service's credentials"), credentials);
        assertFalse(credentials.contains("alice"), credentials);
        String other = KafkaReadiness.reason(new IllegalStateException("raw client text"), TIMEOUT);
        assertFalse(other.contains("raw client text"), other);
        assertTrue(other.contains("IllegalStateException"), other);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
