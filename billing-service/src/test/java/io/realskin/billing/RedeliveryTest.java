package io.realskin.billing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.ContractSchemas;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.JobTypes;
import io.realskin.contracts.Topics;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalStackResource;
import io.realskin.local.ServiceTokenFilter;
import io.restassured.RestAssured;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Must show 2: the same 1,000 COMPLETED events delivered twice, shuffled: each job captured once, drift 0. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class RedeliveryTest {
    /** The tests act as the gateway's admin operations: any tenant, every operation (BillingAccessTest checks the limits). */
    @BeforeAll
    static void callAsTheGatewaysAdmin() {
        RestAssured.replaceFiltersWith(new ServiceTokenFilter("billing-service", "admin", "admin"));
    }

    private static final int JOBS = 1000;
    private static final int TENANTS = 10;

    @Test
    void thousandCompletedEventsTwiceShuffledCaptureEachJobOnce() throws Exception {
        String run = TestStack.unique("redeliver");
        List<String> tenants = new ArrayList<>();
        for (int t = 0; t < TENANTS; t++) {
            String tenant = run + "-t" + t;
            tenants.add(tenant);
            given().contentType("application/json").body(Map.of("plan", "ultimate")).put("/accounts/" + tenant).then().statusCode(200);
        }
        // each job holds 6 credits (flux-2-pro, 2 MP); it completes at 1 MP (4 credits) or 2 MP (6 credits)
        Map<String, Long> expectedCaptured = new HashMap<>();
        List<String> jobs = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> holds = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            String tenant = tenants.get(i % TENANTS);
            String job = run + "-job-" + i;
            jobs.add(job);
            holds.add(Http.postAsync(Http.quarkusBaseUrl(), "/holds",
                    Map.of("tenantId", tenant, "jobId", job, "quote", TestStack.quote(JobTypes.GENERATE, "flux-2-pro", 2.0, null))));
            expectedCaptured.merge(tenant, i % 2 == 0 ? 4L : 6L, Long::sum);
            if (holds.size() == 50) {
                holds.forEach(h -> assertEquals(201, h.join().statusCode(), h.join().body()));
                holds.clear();
            }
        }
        holds.forEach(h -> assertEquals(201, h.join().statusCode()));

        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            String job = jobs.get(i);
            String value = TestStack.completed(UUID.randomUUID(), tenants.get(i % TENANTS), job, JobTypes.GENERATE, "flux-2-pro",
                    i % 2 == 0 ? 1.0 : 2.0, null);
            records.add(new ProducerRecord<>(Topics.JOB_EVENTS, job, value));
            records.add(new ProducerRecord<>(Topics.JOB_EVENTS, job, value));
        }
        Collections.shuffle(records, new Random(42));

        try (KafkaConsumer<String, String> billingEvents = TestStack.tail(Topics.BILLING_EVENTS);
             KafkaProducer<String, String> producer = TestStack.producer()) {
            records.forEach(producer::send);
            producer.flush();

            TestStack.await(Duration.ofSeconds(180), () -> TestStack.queryLong(
                    "select count(*) from ledger_entries where kind = 'CAPTURE' and job_id like ?", run + "-job-%") >= JOBS, "1000 captures");
            // the second copies must have been consumed too before counting again: billing's group has committed them all
            TestStack.await(Duration.ofSeconds(120), () -> TestStack.queryLong(
                    "select count(*) from processed_events where job_id like ?", run + "-job-%") == JOBS, "all events in the inbox");
            try (KafkaProbe kafka = new KafkaProbe(TestStack.bootstrap())) {
                kafka.awaitConsumed("billing", Topics.JOB_EVENTS, Duration.ofSeconds(120));
            }

            assertEquals(JOBS, TestStack.queryLong("select count(*) from ledger_entries where kind = 'CAPTURE' and job_id like ?", run + "-job-%"));
            assertEquals(0, TestStack.queryLong("select count(*) from (select job_id from ledger_entries where kind = 'CAPTURE' "
                    + "and job_id like ? group by job_id having count(*) <> 1) twice", run + "-job-%"));
            for (String tenant : tenants) {
                long captured = TestStack.queryLong("select coalesce(sum(amount), 0) from ledger_entries where kind = 'CAPTURE' and tenant_id = ?", tenant);
                assertEquals(expectedCaptured.get(tenant), captured, "captured of " + tenant);
                given().get("/accounts/" + tenant + "/balance").then()
                        .body("available", equalTo((int) (3000 - expectedCaptured.get(tenant)))).body("held", equalTo(0));
            }
            given().get("/reconciliation").then().statusCode(200).body("drift", equalTo(0));

            // billing.events: one DEBITED per job, each conforming to the topic's JSON Schema
            Set<String> runJobs = new HashSet<>(jobs);
            List<ConsumerRecord<String, String>> published = TestStack.poll(billingEvents, Duration.ofSeconds(120),
                    got -> got.stream().filter(r -> runJobs.contains(r.key()) && r.value().contains(EventTypes.DEBITED)).count() >= JOBS);
            Map<String, Integer> debitedPerJob = new HashMap<>();
            for (ConsumerRecord<String, String> r : published) {
                assertEquals(List.of(), ContractSchemas.violations(Topics.BILLING_EVENTS, r.value()), r.value());
                EventEnvelope e = EventJson.readEnvelope(r.value());
                if (runJobs.contains(e.jobId()) && e.type().equals(EventTypes.DEBITED)) {
                    debitedPerJob.merge(e.jobId(), 1, Integer::sum);
                }
            }
            assertEquals(JOBS, debitedPerJob.size(), "a DEBITED event for every job");
            assertTrue(debitedPerJob.values().stream().allMatch(n -> n == 1), "exactly one DEBITED per job");
        }
    }
}
