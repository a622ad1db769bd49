package io.realskin.billing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.JobTypes;
import io.realskin.contracts.Topics;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import io.realskin.local.PostgresServer;
import io.realskin.local.PrometheusText;
import io.realskin.local.ServiceTokenFilter;
import io.restassured.RestAssured;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the alert JobEventsConsumerStalled reads of billing's job.events consumer, on the real broker: a record it
 * holds (PostgreSQL killed) is in hand on its partition and not processed; once the database answers it is processed
 * and nothing is in hand.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class ConsumerProgressTest {
    private static final Duration WAIT = Duration.ofMinutes(3); // a bound for a busy machine, not a speed claim
    private static final String IN_HAND = "realskin_consumer_records_in_hand";
    private static final String PROCESSED = "realskin_consumer_records_processed_total";

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @BeforeAll
    static void callAsTheGatewaysAdmin() {
        RestAssured.replaceFiltersWith(new ServiceTokenFilter("billing-service", "admin", "admin"));
    }

    @Test
    void aRecordHeldThroughAnOutageIsInHandOnItsPartitionAndProcessedAfter() throws Exception {
        PostgresServer postgres = LocalStack.shared().postgres();
        assumeTrue(postgres.isEmbedded(), "PGHOST names a PostgreSQL this JVM cannot kill");
        String tenant = TestStack.unique("progress");
        String job = TestStack.unique("job");
        given().contentType("application/json").body(Map.of("tenantId", tenant, "jobId", job,
                "quote", TestStack.quote(JobTypes.TEXTURE_RESTORE, null, 4.0, null))).post("/holds").then().statusCode(201);

        postgres.kill();
        Map<String, String> partition;
        double processedBefore;
        try {
            TestStack.await(WAIT, () -> given().get(ready).statusCode() == 503, "readiness DOWN");
            try (KafkaProducer<String, String> producer = TestStack.producer()) {
                int p = producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, job,
                        TestStack.completed(tenant, job, JobTypes.TEXTURE_RESTORE, null, 4.0, null))).get().partition();
                partition = Map.of("topic", Topics.JOB_EVENTS, "partition", Integer.toString(p));
            }
            TestStack.await(WAIT, () -> value(IN_HAND, partition) >= 1, "the held record in hand on " + partition);
            Double processed = PrometheusText.sum(exported(), PROCESSED, partition);
            assertNotNull(processed, "the partition's processed counter is exported from its first record on");
            processedBefore = processed;
            TestStack.await(WAIT, () -> given().get(ready).statusCode() == 503, "still DOWN");
            assertEquals(processedBefore, value(PROCESSED, partition), "nothing processed while the record is held");
        } finally {
            postgres.startAgain();
        }
        TestStack.await(WAIT, () -> TestStack.queryLong(
                "select count(*) from ledger_entries where job_id = ? and kind = 'CAPTURE'", job) == 1, "capture of " + job);
        TestStack.await(WAIT, () -> value(IN_HAND, partition) == 0 && value(PROCESSED, partition) > processedBefore,
                "the record processed and none in hand on " + partition);
    }

    private double value(String name, Map<String, String> labels) {
        Double sum = PrometheusText.sum(exported(), name, labels);
        return sum == null ? -1 : sum;
    }

    private String exported() {
        return given().get(metrics).then().statusCode(200).extract().asString();
    }
}
