package io.realskin.local;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two stacks starting at once both find a default port free; the one that binds it answers the other's readiness
 * probe too. Seen: deploy/local/up said "RealSkin is up" while its own gateway had exited on "Port 8080 seems to be in
 * use", and it served another stack's gateway URL. The wait is long enough for the other's answer on a busy machine (one
 * answer in the whole wait is enough: a later timed-out probe does not hide it).
 */
class HttpReadinessTest {
    private HttpServer other;
    private Process ours;

    @BeforeEach
    void anotherProcessIsReadyOnThePort() throws Exception {
        other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/q/health/ready", exchange -> {
            byte[] body = "{\"status\":\"UP\",\"checks\":[],\"realskin-process\":\"gateway-service-theirs\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        other.start();
        ours = new ProcessBuilder("sleep", "60").start(); // ours: alive, never bound to the port
    }

    @AfterEach
    void stop() {
        other.stop(0);
        ours.destroyForcibly();
    }

    @Test
    void anotherProcessAnsweringIsNotOursBeingReady() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> HttpReadiness.await("gateway-service",
                ours, ready(), Duration.ofSeconds(10), Path.of("gateway-service.log"), "gateway-service-ours"));
        assertTrue(e.getMessage().contains("another process answers"), e.getMessage());
    }

    @Test
    void anAnswerWithItsIdentityIsReady() {
        assertDoesNotThrow(() -> HttpReadiness.await("gateway-service", ours, ready(), Duration.ofSeconds(30),
                Path.of("gateway-service.log"), "gateway-service-theirs"));
    }

    private URI ready() {
        return URI.create("http://127.0.0.1:" + other.getAddress().getPort() + "/q/health/ready");
    }
}
