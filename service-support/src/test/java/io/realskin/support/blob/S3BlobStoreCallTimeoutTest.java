package io.realskin.support.blob;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.regions.Region;

/** A store that is never silent long enough for the socket timeout, yet never answers: the call ends anyway. */
class S3BlobStoreCallTimeoutTest {
    /** A status line, then headers for ever, one byte every 200 ms: each read gets a byte long before the 60 s socket timeout. */
    private static void trickle(Socket connection) {
        byte[] status = "HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] header = "x-amz-meta-slow: 1\r\n".getBytes(StandardCharsets.US_ASCII);
        try (connection; OutputStream out = connection.getOutputStream()) {
            for (long i = 0; ; i++) {
                out.write(i < status.length ? status[(int) i] : header[(int) ((i - status.length) % header.length)]);
                out.flush();
                Thread.sleep(200);
            }
        } catch (IOException | InterruptedException closed) {
            // the client gave up: what this test waits for
        }
    }

    /**
     * The guard: without a call timeout the get waits on the trickle for ever, and this fails the test (from a thread of
     * its own: a blocked socket read does not answer an interrupt).
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aStoreThatTricklesItsAnswerFailsTheCall() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket connection = server.accept();
                        Thread answer = new Thread(() -> trickle(connection), "s3-trickle");
                        answer.setDaemon(true);
                        answer.start();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "s3-trickle-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            URI endpoint = URI.create("http://127.0.0.1:" + server.getLocalPort());
            try (S3BlobStore store = S3BlobStore.open("realskin", Optional.of(endpoint), Region.US_EAST_1,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret")), Duration.ofSeconds(2))) {
                IOException failed = assertThrows(IOException.class, () -> store.get("images/tenant-a/slow"));
                assertTrue(failed.getMessage().startsWith("S3 get s3://realskin/images/tenant-a/slow"), failed.getMessage());
                assertInstanceOf(ApiCallTimeoutException.class, failed.getCause(), failed.toString());
                IOException putFailed = assertThrows(IOException.class, () -> store.put("images/tenant-a/slow-put", new byte[1000]));
                assertTrue(putFailed.getMessage().startsWith("S3 put"), putFailed.getMessage());
            }
        }
    }
}
