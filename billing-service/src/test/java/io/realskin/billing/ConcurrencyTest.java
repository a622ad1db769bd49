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
}
