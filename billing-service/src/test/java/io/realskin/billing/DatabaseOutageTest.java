package io.realskin.billing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.JobTypes;
import io.realskin.contracts.Topics;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import io.realskin.local.PostgresServer;
import io.realskin.local.ServiceTokenFilter;
import io.restassured.RestAssured;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL killed under billing and started again on its data: readiness DOWN and liveness UP meanwhile, REST calls
 * are 503 problems, a COMPLETED that arrives meanwhile is held (not dead-lettered) and captured once afterwards.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class DatabaseOutageTest {
    private static final Duration WAIT = Duration.ofMinutes(3); // a bound for a busy machine, not a speed claim

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/health/live", management = true)
    URL live;

    /** The calls come from the gateway's admin operations (any tenant), as in OperationsTest. */
    @BeforeAll
    static void callAsTheGatewaysAdmin() {
        RestAssured.replaceFiltersWith(new ServiceTokenFilter("billing-service", "admin", "admin"));
    }

    @Test
    void aKilledDatabaseIsWaitedForAndAnsweredWith503() {
        PostgresServer postgres = LocalStack.shared().postgres();
        assumeTrue(postgres.isEmbedded(), "PGHOST names a PostgreSQL this JVM cannot kill");
        String tenant = TestStack.unique("outage");
        String job = TestStack.unique("job");
        given().contentType("application/json").body(Map.of("tenantId", tenant, "jobId", job,
                "quote", TestStack.quote(JobTypes.TEXTURE_RESTORE, null, 4.0, null))).post("/holds").then().statusCode(201);

        try (KafkaConsumer<String, String> dlq = TestStack.tail(Topics.dlq(Topics.JOB_EVENTS))) {
            postgres.kill();
            try {
                TestStack.await(WAIT, () -> given().get(ready).statusCode() == 503, "readiness DOWN");
                given().get(live).then().statusCode(200);
                given().get("/accounts/" + tenant + "/balance").then().statusCode(503).contentType("application/problem+json")
                        .body("type", equalTo("https://realskin.io/problems/backend-unavailable"))
                        .body("backend", equalTo("database")).header("Retry-After", notNullValue());
                try (KafkaProducer<String, String> producer = TestStack.producer()) {
                    TestStack.send(producer, Topics.JOB_EVENTS, job,
                            TestStack.completed(tenant, job, JobTypes.TEXTURE_RESTORE, null, 4.0, null));
                }
                List<ConsumerRecord<String, String>> dead = TestStack.poll(dlq, Duration.ofSeconds(8), r -> !r.isEmpty());
                assertEquals(List.of(), dead.stream().map(ConsumerRecord::key).toList(), "nothing dead-lettered for the outage");
            } finally {
                postgres.startAgain();
            }
            TestStack.await(WAIT, () -> given().get(ready).statusCode() == 200, "readiness UP again");
            TestStack.await(WAIT, () -> TestStack.queryLong(
                    "select count(*) from ledger_entries where job_id = ? and kind = 'CAPTURE'", job) == 1, "capture of " + job);
            given().get("/holds/" + job).then().statusCode(200).body("status", equalTo("CAPTURED"));
            assertEquals(List.of(), TestStack.poll(dlq, Duration.ofSeconds(2), r -> !r.isEmpty()).stream().map(ConsumerRecord::key).toList());
        }
    }
}
