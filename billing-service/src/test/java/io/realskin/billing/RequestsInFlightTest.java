package io.realskin.billing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.LocalStackResource;
import io.realskin.local.PrometheusText;
import io.realskin.local.ServiceKeys;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * realskin_http_server_requests_in_flight counts a request of the API port from its headers until the connection is
 * gone, and leaves out the management port's own scrapes (Quarkus' http_server_active_requests is dropped: it followed
 * one server instance).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class RequestsInFlightTest {
    private static final Duration WAIT = Duration.ofMinutes(1); // a bound for a busy machine, not a speed claim
    private static final String IN_FLIGHT = "realskin_http_server_requests_in_flight";

    @TestHTTPResource("/")
    URL api;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void aRequestWaitingForItsBodyIsInFlightUntilItsConnectionCloses() throws Exception {
        TestStack.await(WAIT, () -> inFlight() == 0, "no request in flight; the scrape itself is not counted");
        try (Socket socket = new Socket(api.getHost(), api.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /holds HTTP/1.1\r\nHost: " + api.getHost() + "\r\n"
                    + "Authorization: " + ServiceKeys.shared().bearer("billing-service", "admin", "admin") + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            TestStack.await(WAIT, () -> inFlight() == 1, "the request waiting for the rest of its body in flight");
        }
        TestStack.await(WAIT, () -> inFlight() == 0, "none in flight once its connection is gone");
        assertEquals(0, given().get(metrics).then().extract().asString().lines()
                .filter(l -> l.startsWith("http_server_active_requests")).count(), "Quarkus' per-server gauge stays dropped");
    }

    private double inFlight() {
        Double value = PrometheusText.sum(given().get(metrics).then().statusCode(200).extract().asString(), IN_FLIGHT, Map.of());
        return value == null ? -1 : value;
    }
}
