package io.realskin.billing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.LocalStackResource;
import io.realskin.local.ServiceTokenFilter;
import io.restassured.RestAssured;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Must show 1: 50 parallel holds of 1 credit against 10 available, on real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class ConcurrencyTest {
    /** The tests act as the gateway's admin operations: any tenant, every operation (BillingAccessTest checks the limits). */
    @BeforeAll
    static void callAsTheGatewaysAdmin() {
        RestAssured.replaceFiltersWith(new ServiceTokenFilter("billing-service", "admin", "admin"));
    }


    @Test
    void fiftyParallelHoldsOfOneCreditAgainstTenAvailable() throws Exception {
        String tenant = TestStack.unique("race");
        given().contentType("application/json").body(Map.of("plan", "free")).put("/accounts/" + tenant).then().statusCode(200)
                .body("available", equalTo(25));
        given().contentType("application/json").body(Map.of("amount", -15, "idempotencyKey", tenant + "-to-10", "reason", "test"))
                .post("/accounts/" + tenant + "/adjustments").then().statusCode(201);
        given().get("/accounts/" + tenant + "/balance").then().body("available", equalTo(10));

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong lowest = new AtomicLong(Long.MAX_VALUE);
        Thread watcher = new Thread(() -> {
            while (running.get()) {
                lowest.accumulateAndGet(TestStack.queryLong("select available from accounts where tenant_id = ?", tenant), Math::min);
            }
        });
        watcher.start();

        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(Http.postAsync(Http.quarkusBaseUrl(), "/holds",
                    Map.of("tenantId", tenant, "jobId", tenant + "-job-" + i, "quote", TestStack.sdxlQuote())));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        running.set(false);
        watcher.join();

        long created = calls.stream().filter(c -> c.join().statusCode() == 201).count();
        long refused = calls.stream().filter(c -> c.join().statusCode() == 402).count();
        assertEquals(10, created, "holds placed");
        assertEquals(40, refused, "holds refused with 402");
        assertTrue(calls.stream().filter(c -> c.join().statusCode() == 402)
                .allMatch(c -> c.join().body().contains("\"shortfall\":1")), "every 402 names a shortfall of 1");
        given().get("/accounts/" + tenant + "/balance").then().body("available", equalTo(0)).body("held", equalTo(10));
        assertTrue(lowest.get() >= 0, "available never below zero, lowest seen " + lowest.get());
        assertEquals(10, TestStack.queryLong("select count(*) from ledger_entries where tenant_id = ? and kind = 'HOLD'", tenant));
        given().queryParam("tenantId", tenant).get("/reconciliation").then().body("drift", equalTo(0));
    }

    @Test
    void theSameJobTwentyTimesInParallelHoldsOnce() {
        String tenant = TestStack.unique("same");
        String job = tenant + "-job";
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(Http.postAsync(Http.quarkusBaseUrl(), "/holds", Map.of("tenantId", tenant, "jobId", job, "quote", TestStack.sdxlQuote())));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        assertEquals(1, calls.stream().filter(c -> c.join().statusCode() == 201).count(), "one 201");
        assertEquals(19, calls.stream().filter(c -> c.join().statusCode() == 200).count(), "nineteen 200");
        assertEquals(1, TestStack.queryLong("select count(*) from ledger_entries where job_id = ? and kind = 'HOLD'", job));
        given().get("/accounts/" + tenant + "/balance").then().body("available", equalTo(24)).body("held", equalTo(1));
    }

    /**
     * Every money movement at once on one account, on real PostgreSQL: holds and purchases, then captures (COMPLETED from
     * Kafka), releases and new holds, then refunds (each job's twice at once), adjustments and more holds. The balances
     * end exact, every job is settled once, every refund booked once, and reconciliation finds no drift.
     */
    @Test
    void holdsCapturesReleasesRefundsAndAdjustmentsAtOnceOnOneAccountStayExact() throws Exception {
        String tenant = TestStack.unique("mix");
        given().contentType("application/json").body(Map.of("plan", "pro")).put("/accounts/" + tenant).then().statusCode(200)
                .body("available", equalTo(500));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Callable<Integer>> first = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String job = tenant + "-job-" + i;
                first.add(() -> holdStatus(tenant, job));
            }
            for (int i = 0; i < 10; i++) {
                String key = tenant + "-buy-" + i;
                first.add(() -> given().contentType("application/json").body(Map.of("amount", 7, "idempotencyKey", key))
                        .post("/accounts/" + tenant + "/purchases").then().extract().statusCode());
            }
            assertStatuses(pool.invokeAll(first), 201);

            // jobs 0-9 complete (1 credit each), 10-19 are released, 30-39 are held meanwhile
            List<java.util.UUID> events = new ArrayList<>();
            try (var producer = TestStack.producer()) {
                for (int i = 0; i < 10; i++) {
                    java.util.UUID id = java.util.UUID.randomUUID();
                    events.add(id);
                    String job = tenant + "-job-" + i;
                    TestStack.send(producer, io.realskin.contracts.Topics.JOB_EVENTS, job,
                            TestStack.completed(id, tenant, job, "generate", "sdxl", 1.0, null));
                }
            }
            List<java.util.concurrent.Callable<Integer>> second = new ArrayList<>();
            for (int i = 10; i < 20; i++) {
                String job = tenant + "-job-" + i;
                second.add(() -> given().delete("/holds/" + job).then().extract().statusCode() == 200 ? 201 : -1);
            }
            for (int i = 30; i < 40; i++) {
                String job = tenant + "-job-" + i;
                second.add(() -> holdStatus(tenant, job));
            }
            assertStatuses(pool.invokeAll(second), 201);
            TestStack.await(java.time.Duration.ofSeconds(90), () -> TestStack.queryLong(
                    "select count(*) from holds where tenant_id = ? and status = 'CAPTURED'", tenant) == 10, "10 captures");

            // each captured job refunded twice at once (one books it), five adjustments of -3, ten more holds
            List<java.util.concurrent.Callable<Integer>> third = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String job = tenant + "-job-" + i;
                for (int twice = 0; twice < 2; twice++) {
                    third.add(() -> given().contentType("application/json").body(Map.of("jobId", job, "amount", 1))
                            .post("/accounts/" + tenant + "/refunds").then().extract().statusCode());
                }
            }
            for (int i = 0; i < 5; i++) {
                String key = tenant + "-adj-" + i;
                third.add(() -> given().contentType("application/json").body(Map.of("amount", -3, "idempotencyKey", key))
                        .post("/accounts/" + tenant + "/adjustments").then().extract().statusCode());
            }
            for (int i = 40; i < 50; i++) {
                String job = tenant + "-job-" + i;
                third.add(() -> holdStatus(tenant, job));
            }
            List<Integer> statuses = new ArrayList<>();
            for (var f : pool.invokeAll(third)) {
                statuses.add(f.get());
            }
            assertEquals(10, statuses.stream().filter(st -> st == 200).count(), "the second refund of each job: " + statuses);
            assertEquals(25, statuses.stream().filter(st -> st == 201).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        // 500 + 70 bought - 10 captured + 10 refunded - 15 adjusted - 30 still held (jobs 20-29, 30-39, 40-49)
        given().get("/accounts/" + tenant + "/balance").then().body("available", equalTo(525)).body("held", equalTo(30));
        assertEquals(10, TestStack.queryLong("select count(*) from ledger_entries where tenant_id = ? and kind = 'CAPTURE'", tenant));
        assertEquals(10, TestStack.queryLong("select count(*) from ledger_entries where tenant_id = ? and kind = 'REFUND'", tenant));
        assertEquals(10, TestStack.queryLong("select count(*) from ledger_entries where tenant_id = ? and kind = 'RELEASE'", tenant));
        given().queryParam("tenantId", tenant).get("/reconciliation").then().statusCode(200).body("drift", equalTo(0));
        assertEquals(0, TestStack.keptSumsOffBy(tenant), "every movement added its entries to the kept ledger sums (V10)");
    }

    private static int holdStatus(String tenant, String job) {
        return given().contentType("application/json").body(Map.of("tenantId", tenant, "jobId", job, "quote", TestStack.sdxlQuote()))
                .post("/holds").then().extract().statusCode();
    }

    private static void assertStatuses(List<java.util.concurrent.Future<Integer>> done, int expected) throws Exception {
        for (var f : done) {
            assertEquals(expected, f.get());
        }
    }
}
