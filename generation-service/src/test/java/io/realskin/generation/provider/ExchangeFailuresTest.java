package io.realskin.generation.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.FailureCodes;
import io.realskin.generation.resilience.ProviderGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What one exchange's failure means for the guard: a network failure is retried; an answer that is not HTTP and a
 * failure inside the client (a bug of ours) are not. Before, every one of them was a retryable
 * {@code provider_unavailable} counted against the provider's circuit, so a bug sent the same request max-attempts times.
 */
class ExchangeFailuresTest {
    /** Answers each connection with {@code reply} (null: closes it at once, a reset as the client sees it). */
    private static final class RawServer implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger connections = new AtomicInteger();
        final Thread thread;

        RawServer(String reply) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        connections.incrementAndGet();
                        readHead(s.getInputStream());
                        if (reply != null) {
                            s.getOutputStream().write(reply.getBytes(StandardCharsets.ISO_8859_1));
                            s.getOutputStream().flush();
                        }
                    } catch (IOException e) {
                        // closed: the test is over
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        private static void readHead(InputStream in) throws IOException {
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private ContractCalls.RecordingPauser pauser;

    @BeforeEach
    void pauser() {
        pauser = new ContractCalls.RecordingPauser();
    }

    private RawServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private ProviderSettings settings() {
        return ContractCalls.settings("openai", "sk-exchange-test", server.url());
    }

    private Object callThroughTheGuard(HttpRequest.Builder request) {
        ProviderSettings settings = settings();
        ProviderHttp http = new ProviderHttp(settings);
        CallContext context = ContractCalls.context();
        return new ProviderGuard(settings, pauser).call(() -> {
            try (ProviderAnswer answer = http.exchange(request, context, 1 << 20)) {
                return answer.status();
            }
        }, context, ProviderGuard.RetryListener.NONE);
    }

    @Test
    void aFailureInsideTheClientIsABugAndNotRetried() throws IOException {
        server = new RawServer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        HttpRequest.Builder request = new ProviderHttp(settings()).request("/images/generations")
                .POST(HttpRequest.BodyPublishers.fromPublisher(subscriber -> {
                    throw new IllegalStateException("a bug in the body");
                }));
        IllegalStateException bug = assertThrows(IllegalStateException.class, () -> callThroughTheGuard(request));
        assertInstanceOf(IllegalStateException.class, bug.getCause());
        assertTrue(bug.getMessage().contains("/images/generations"), bug.getMessage());
        assertTrue(pauser.pauses.isEmpty(), "not retried: " + pauser.pauses);
    }

    @Test
    void anAnswerThatIsNotHttpIsRejectedAfterOneRequest() throws IOException {
        server = new RawServer("HTTP/1.1 abc not-a-status\r\n\r\n");
        ProviderFailure f = assertThrows(ProviderFailure.class,
                () -> callThroughTheGuard(new ProviderHttp(settings()).request("/images/generations").GET()));
        assertEquals(FailureCodes.PROVIDER_REJECTED, f.code(), f.getMessage());
        assertFalse(f.retryable());
        assertFalse(f.getMessage().contains("not-a-status"), "the bad line is not passed on: " + f.getMessage());
        assertEquals(1, server.connections.get());
        assertTrue(pauser.pauses.isEmpty());
    }

    @Test
    void aConnectionClosedWithoutAnAnswerIsStillRetried() throws IOException {
        server = new RawServer(null);
        ProviderFailure f = assertThrows(ProviderFailure.class,
                () -> callThroughTheGuard(new ProviderHttp(settings()).request("/images/generations").GET()));
        assertEquals(FailureCodes.PROVIDER_UNAVAILABLE, f.code(), f.getMessage());
        assertTrue(f.getMessage().contains("4 attempts"), f.getMessage());
        assertEquals(3, pauser.pauses.size());
    }

    /** The message reaches the tenant as the job's error: a base URL pointing at an internal proxy is not told. */
    @Test
    void aRefusedConnectionIsRetriedAndItsMessageNamesNoHost() throws IOException {
        server = new RawServer(null);
        String url = server.url();
        server.close(); // nothing listens on the port now: connections are refused
        ProviderSettings settings = ContractCalls.settings("openai", "sk-exchange-test", url);
        ProviderHttp http = new ProviderHttp(settings);
        CallContext context = ContractCalls.context();
        ProviderFailure f = assertThrows(ProviderFailure.class, () -> new ProviderGuard(settings, pauser).call(() -> {
            try (ProviderAnswer answer = http.exchange(http.request("/images/generations").GET(), context, 1 << 20)) {
                return answer.status();
            }
        }, context, ProviderGuard.RetryListener.NONE));
        assertEquals(FailureCodes.PROVIDER_UNAVAILABLE, f.code(), f.getMessage());
        assertTrue(f.getMessage().startsWith("openai: cannot connect"), f.getMessage());
        assertFalse(f.getMessage().contains("127.0.0.1"), f.getMessage());
        assertEquals(3, pauser.pauses.size());
    }

    @Test
    void anErrorInsideTheClientGoesOnAsAnError() throws IOException {
        server = new RawServer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        HttpRequest.Builder request = new ProviderHttp(settings()).request("/images/generations")
                .POST(HttpRequest.BodyPublishers.fromPublisher(subscriber -> {
                    throw new StackOverflowError("deep");
                }));
        assertThrows(StackOverflowError.class, () -> callThroughTheGuard(request));
        assertTrue(pauser.pauses.isEmpty());
    }
}
