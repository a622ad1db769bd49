package io.realskin.billing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.KafkaBroker;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A paused broker (SIGSTOP: connections open, nothing answered, as a hung or cut-off broker) makes readiness answer
 * DOWN, naming the Kafka check, to a probe that waits as long as an orchestrator's does; before, Quarkus' own check
 * held the answer for its admin client's 60 s, past any probe's timeout. UP again once the broker answers.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class KafkaReadinessTest {
    /** Twice the readiness probes' timeoutSeconds in deploy/k8s (5), for a busy machine: far below the old 60 s. */
    private static final int PROBE_TIMEOUT_MILLIS = 10_000;
    private static final Duration WAIT = Duration.ofMinutes(3); // a bound for a busy machine, not a speed claim

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @Test
    void aPausedBrokerIsReportedDownWhileTheProbeStillWaits() {
        KafkaBroker broker = LocalStack.shared().broker();
        assumeTrue(broker != null, "KAFKA_BOOTSTRAP_SERVERS names a broker this JVM cannot pause");
        assertEquals("UP", kafkaCheck(probe()).get("status"), "the broker answers before the pause");
        broker.pause();
        try {
            Response answer = probe();
            assertEquals(503, answer.statusCode(), answer.asString());
            Map<String, Object> kafka = kafkaCheck(answer);
            assertEquals("DOWN", kafka.get("status"), answer.asString());
        } finally {
            broker.resume();
        }
        TestStack.await(WAIT, () -> probe().statusCode() == 200, "readiness UP again");
        assertEquals("UP", kafkaCheck(probe()).get("status"));
    }

    /** One GET of /q/health/ready that gives up after the probe's timeout, as the kubelet does. */
    private Response probe() {
        return given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.connection.timeout", PROBE_TIMEOUT_MILLIS)
                        .setParam("http.socket.timeout", PROBE_TIMEOUT_MILLIS)))
                .get(ready);
    }

    /** The one Kafka connection check of the answer (Quarkus' own, which waited a minute, is off). */
    private static Map<String, Object> kafkaCheck(Response answer) {
        List<Map<String, Object>> kafka = JsonPath.from(answer.asString()).getList("checks.findAll { it.name.contains('Kafka connection') }");
        assertEquals(1, kafka.size(), answer.asString());
        return kafka.get(0);
    }
}
