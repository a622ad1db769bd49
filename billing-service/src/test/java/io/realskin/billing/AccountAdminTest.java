package io.realskin.billing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.billing.service.MonthlyGrantJob;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.FailureCodes;
import io.realskin.contracts.JobFailed;
import io.realskin.contracts.JobTypes;
import io.realskin.contracts.Topics;
import io.realskin.local.LocalStackResource;
import io.realskin.local.ServiceTokenFilter;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Plans, admin grants and purchases, referrals, refunds, adjustments, monthly renewal, ledger pages. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class AccountAdminTest {
    /** The tests act as the gateway's admin operations: any tenant, every operation (BillingAccessTest checks the limits). */
    @BeforeAll
    static void callAsTheGatewaysAdmin() {
        RestAssured.replaceFiltersWith(new ServiceTokenFilter("billing-service", "admin", "admin"));
    }

    @Inject
    MonthlyGrantJob monthlyGrants;

    @Test
    void putPlanCreatesIdempotentlyAndAnUpgradeTopsUpThisMonthsGrant() {
        String tenant = TestStack.unique("plan");
        given().contentType("application/json").body(Map.of("plan", "free")).put("/accounts/" + tenant).then().statusCode(200)
                .body("available", equalTo(25)).body("entitlements.premiumModels", equalTo(false));
        given().contentType("application/json").body(Map.of("plan", "free")).put("/accounts/" + tenant).then().statusCode(200)
                .body("available", equalTo(25));
        given().contentType("application/json").body(Map.of("plan", "pro")).put("/accounts/" + tenant).then().statusCode(200)
                .body("plan", equalTo("pro")).body("available", equalTo(500)).body("entitlements.premiumModels", equalTo(true));
        given().contentType("application/json").body(Map.of("plan", "free")).put("/accounts/" + tenant).then().statusCode(200)
                .body("plan", equalTo("free")).body("available", equalTo(500));
        given().contentType("application/json").body(Map.of("plan", "pro")).put("/accounts/" + tenant).then().statusCode(200)
                .body("available", equalTo(500));
        given().contentType("application/json").body(Map.of("plan", "platinum")).put("/accounts/" + tenant).then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("kind", "GRANT").get("/accounts/" + tenant + "/ledger").then().body("items", hasSize(2))
                .body("items[0].amount", equalTo(475)).body("items[1].amount", equalTo(25));
    }

    @Test
    void aReferrerEarnsACommissionOnEveryPurchaseOnce() {
        String referrer = TestStack.unique("ref");
        String buyer = TestStack.unique("buyer");
        String code = given().contentType("application/json").body(Map.of("plan", "pro")).put("/accounts/" + referrer).then()
                .statusCode(200).body("referralCode", notNullValue()).extract().path("referralCode");
        given().contentType("application/json").body(Map.of("plan", "free")).put("/accounts/" + buyer).then().statusCode(200);
        given().contentType("application/json").body(Map.of("code", code)).put("/accounts/" + buyer + "/referrer").then()
                .statusCode(200).body("referredBy", equalTo(referrer));
        String ownCode = given().get("/accounts/" + buyer).then().extract().path("referralCode");
        given().contentType("application/json").body(Map.of("code", ownCode)).put("/accounts/" + buyer + "/referrer").then()
                .statusCode(400);

        for (String key : List.of(buyer + "-p1", buyer + "-p2")) {
            given().contentType("application/json").body(Map.of("amount", 200, "idempotencyKey", key, "reason", "stripe pi_1"))
                    .post("/accounts/" + buyer + "/purchases").then().statusCode(201).body("kind", equalTo("PURCHASE"));
            given().contentType("application/json").body(Map.of("amount", 200, "idempotencyKey", key, "reason", "stripe pi_1"))
                    .post("/accounts/" + buyer + "/purchases").then().statusCode(200);
        }
        given().get("/accounts/" + buyer + "/balance").then().body("available", equalTo(25 + 400));
        given().get("/accounts/" + referrer + "/balance").then().body("available", equalTo(500 + 20 + 20));
        // the referrer's ledger names neither the buyer nor its purchase (until 2026-12-07 the key and the reason did:
        // "commission:<buyer>:purchase:<buyer's key>", "referral commission: purchase of <buyer>")
        List<String> keys = given().queryParam("kind", "GRANT").get("/accounts/" + referrer + "/ledger").then()
                .body("items", hasSize(3))
                .body("items[0].reason", equalTo("referral commission")).body("items[1].reason", equalTo("referral commission"))
                .extract().path("items.idempotencyKey");
        for (String commission : keys.subList(0, 2)) {
            assertTrue(commission.startsWith("commission:") && !commission.contains(buyer) && !commission.contains("-p"), commission);
        }
        assertNotEquals(keys.get(0), keys.get(1));
    }

    /**
     * A purchase reversed at the payment provider (a charge-back) takes the purchased credits back, and the referrer's
     * commission on it (until 2026-12-07 there was no such operation: a negative adjustment took the buyer's credits
     * and the commission stayed). What was spent cannot be taken: each account goes to 0 at most.
     */
    @Test
    void aChargeBackTakesThePurchaseAndItsCommissionBack() {
        String referrer = TestStack.unique("cb-ref");
        String buyer = TestStack.unique("cb-buyer");
        given().contentType("application/json").body(Map.of("plan", "free")).put("/accounts/" + referrer).then().statusCode(200);
        String code = given().get("/accounts/" + referrer).then().extract().path("referralCode");
        given().contentType("application/json").body(Map.of("plan", "free")).put("/accounts/" + buyer).then().statusCode(200);
        given().contentType("application/json").body(Map.of("code", code)).put("/accounts/" + buyer + "/referrer").then().statusCode(200);
        for (String key : List.of("p1", "p2")) {
            given().contentType("application/json").body(Map.of("amount", 1000, "idempotencyKey", key))
                    .post("/accounts/" + buyer + "/purchases").then().statusCode(201);
        }
        given().get("/accounts/" + referrer + "/balance").then().body("available", equalTo(25 + 100 + 100));

        for (int status : new int[] {201, 200}) {
            given().contentType("application/json").body(Map.of("idempotencyKey", "p1", "reason", "stripe dispute dp_1"))
                    .post("/accounts/" + buyer + "/chargebacks").then().statusCode(status)
                    .body("kind", equalTo("ADJUST")).body("amount", equalTo(-1000)).body("idempotencyKey", equalTo("chargeback:p1"));
        }
        given().get("/accounts/" + buyer + "/balance").then().body("available", equalTo(25 + 1000));
        given().get("/accounts/" + referrer + "/balance").then().body("available", equalTo(25 + 100));
        given().queryParam("kind", "ADJUST").get("/accounts/" + referrer + "/ledger").then().body("items", hasSize(1))
                .body("items[0].amount", equalTo(-100)).body("items[0].idempotencyKey", startsWith("commission-reversal:"))
                .body("items[0].reason", not(containsString(buyer)));

        // spent meanwhile: what is left is taken back, no more
        given().contentType("application/json").body(Map.of("amount", -1020, "idempotencyKey", "spent"))
                .post("/accounts/" + buyer + "/adjustments").then().statusCode(201);
        given().contentType("application/json").body(Map.of("amount", -120, "idempotencyKey", "spent"))
                .post("/accounts/" + referrer + "/adjustments").then().statusCode(201);
        given().contentType("application/json").body(Map.of("idempotencyKey", "p2"))
                .post("/accounts/" + buyer + "/chargebacks").then().statusCode(201).body("amount", equalTo(-5));
        given().get("/accounts/" + buyer + "/balance").then().body("available", equalTo(0));
        given().get("/accounts/" + referrer + "/balance").then().body("available", equalTo(0));

        // reversed after the buyer was erased (its account closed): still taken back, the referrer's commission too
        // (until 2026-12-07 409 account-closed, and the referrer kept the commission)
        given().contentType("application/json").body(Map.of("amount", 1000, "idempotencyKey", "p3"))
                .post("/accounts/" + buyer + "/purchases").then().statusCode(201);
        given().post("/accounts/" + buyer + "/close").then().statusCode(200);
        given().contentType("application/json").body(Map.of("idempotencyKey", "p3"))
                .post("/accounts/" + buyer + "/chargebacks").then().statusCode(201).body("amount", equalTo(-1000));
        given().get("/accounts/" + buyer + "/balance").then().body("available", equalTo(0));
        given().get("/accounts/" + referrer + "/balance").then().body("available", equalTo(0));

        given().contentType("application/json").body(Map.of("idempotencyKey", "never-bought"))
                .post("/accounts/" + buyer + "/chargebacks").then().statusCode(404);
        given().contentType("application/json").body(Map.of("reason", "no key"))
                .post("/accounts/" + buyer + "/chargebacks").then().statusCode(400).body("field", equalTo("idempotencyKey"));
        for (String tenant : List.of(buyer, referrer)) {
            given().queryParam("tenantId", tenant).get("/reconciliation").then().body("drift", equalTo(0));
        }
    }

    /**
     * A purchase reversed while its credits were reserved by the buyer's running jobs took back only what was available
     * (5 of 100), and the 95 held came back to the buyer when the jobs failed: it kept the credits of a purchase it never
     * paid for (a probe: 124 of 125 parked in holds, charge-back, the jobs failed, 124 available). Those 95 are owed now
     * and taken back as the holds release them (what jobs captured, as a refund gives it back), and nothing past the 95. The
     * referrer's commission on the purchase, reserved by its own jobs, likewise.
     */
    @Test
    void aChargeBackTakesBackTheCreditsRunningJobsReservedAsTheirHoldsAreReleased() {
        String referrer = TestStack.unique("cb-held-ref");
        String buyer = TestStack.unique("cb-held");
        List<String> jobs = new ArrayList<>();
        List<String> referrersJobs = new ArrayList<>();
        buyWithJobsRunning(buyer, referrer, jobs, referrersJobs);
        for (int status : new int[] {201, 200}) {
            given().contentType("application/json").body(Map.of("idempotencyKey", "p1")).post("/accounts/" + buyer + "/chargebacks")
                    .then().statusCode(status).body("amount", equalTo(-5)).body("reason", containsString("95 more owed, taken as its jobs placed until now give credits back"));
        }
        try (KafkaProducer<String, String> producer = TestStack.producer()) {
            for (int i = 0; i < jobs.size(); i++) {
                String job = jobs.get(i);
                TestStack.send(producer, Topics.JOB_EVENTS, job, i < 3
                        ? TestStack.completed(buyer, job, JobTypes.SKIN_INPAINT, null, 1.0, 1.0) : TestStack.failed(buyer, job));
            }
            referrersJobs.forEach(job -> TestStack.send(producer, Topics.JOB_EVENTS, job, TestStack.failed(referrer, job)));
        }
        TestStack.await(Duration.ofSeconds(90), () -> TestStack.queryLong("select sum(held) from accounts where tenant_id in (?, ?)",
                buyer, referrer) == 0, "every hold settled");
        // 12 failed jobs released 96: 95 go to the charge-back, 1 back to the buyer; the 3 captured (24) stay spent
        given().get("/accounts/" + buyer + "/balance").then().body("available", equalTo(1)).body("held", equalTo(0));
        // the commission of 10: 3 available taken at once, the 7 its jobs reserved as they were released
        given().get("/accounts/" + referrer + "/balance").then().body("available", equalTo(25)).body("held", equalTo(0));
        assertEquals(-100, TestStack.queryLong("select sum(amount) from ledger_entries where tenant_id = ? and kind = 'ADJUST'", buyer));
        assertEquals(-10, TestStack.queryLong("select sum(amount) from ledger_entries where tenant_id = ? and kind = 'ADJUST'", referrer));
        assertEquals(0, TestStack.queryLong("select sum(chargeback_owed) from accounts where tenant_id in (?, ?)", buyer, referrer));
        given().queryParam("jobId", jobs.get(14)).get("/accounts/" + buyer + "/ledger").then()
                .body("items.kind", contains("ADJUST", "RELEASE", "HOLD"));
        // the RELEASED events say what went back to the account and what paid the charge-back (until 2026-12-07 their
        // amount was each hold's whole release: 96 and 32 announced, 1 and 25 credited)
        String released = "from outbox where value::jsonb->>'tenantId' = ? and value::jsonb->>'type' = 'RELEASED'";
        assertEquals(1, TestStack.queryLong("select sum((value::jsonb->'payload'->>'amount')::int8) " + released, buyer));
        assertEquals(95, TestStack.queryLong("select coalesce(sum((value::jsonb->'payload'->>'chargebackRecovered')::int8), 0) "
                + released, buyer));
        assertEquals(25, TestStack.queryLong("select sum((value::jsonb->'payload'->>'amount')::int8) " + released, referrer));
        for (String tenant : List.of(buyer, referrer)) {
            given().queryParam("tenantId", tenant).get("/reconciliation").then().body("drift", equalTo(0));
            assertEquals(0, TestStack.keptSumsOffBy(tenant));
        }
    }

    /**
     * A purchase reversed while the buyer's jobs reserved its credits owed 95 of them; the jobs completed (what was owed
     * was capped at what the account held, so the captures wiped it out), then were canceled after completing or
     * refunded by an admin: until 2026-12-07 the 96 credits given back all went to the buyer, who kept the credits of
     * the reversed purchase. A give-back of a job placed before the charge-back now pays what it is owed first, as a
     * release does; the referrer's commission likewise. The RELEASED events say what went back to the account
     * ({@code amount}) and what paid the charge-back ({@code chargebackRecovered}); until 2026-12-07 {@code amount} was
     * the whole give-back.
     */
    @Test
    void aChargeBackIsPaidFirstByTheChargesOfItsJobsGivenBackAfterTheyCompleted() {
        String referrer = TestStack.unique("cb-done-ref");
        String buyer = TestStack.unique("cb-done");
        List<String> jobs = new ArrayList<>();
        List<String> referrersJobs = new ArrayList<>();
        buyWithJobsRunning(buyer, referrer, jobs, referrersJobs);
        given().contentType("application/json").body(Map.of("idempotencyKey", "p1")).post("/accounts/" + buyer + "/chargebacks")
                .then().statusCode(201).body("amount", equalTo(-5));
        // a job placed after the charge-back, with credits granted since, reserves credits it never counted: its failure
        // gives them back to the buyer, not to what is owed
        given().contentType("application/json").body(Map.of("amount", 8, "idempotencyKey", "after")).post("/accounts/" + buyer + "/grants")
                .then().statusCode(201);
        String placedAfter = TestStack.unique("job");
        given().contentType("application/json").body(Map.of("tenantId", buyer, "jobId", placedAfter,
                "quote", TestStack.quote(JobTypes.SKIN_INPAINT, null, 1.0, 1.0))).post("/holds").then().statusCode(201);
        try (KafkaProducer<String, String> producer = TestStack.producer()) {
            TestStack.send(producer, Topics.JOB_EVENTS, placedAfter, TestStack.failed(buyer, placedAfter));
            jobs.forEach(job -> TestStack.send(producer, Topics.JOB_EVENTS, job,
                    TestStack.completed(buyer, job, JobTypes.SKIN_INPAINT, null, 1.0, 1.0)));
            referrersJobs.forEach(job -> TestStack.send(producer, Topics.JOB_EVENTS, job,
                    TestStack.completed(referrer, job, JobTypes.SKIN_INPAINT, null, 1.0, 1.0)));
        }
        TestStack.await(Duration.ofSeconds(90), () -> TestStack.queryLong("select sum(held) from accounts where tenant_id in (?, ?)",
                buyer, referrer) == 0, "every hold settled");
        given().get("/accounts/" + buyer + "/balance").then().body("available", equalTo(8));
        given().get("/accounts/" + referrer + "/balance").then().body("available", equalTo(0));

        // an admin refunds one of the buyer's jobs (8: all owed), then 11 more are canceled after completing (88: 87 owed)
        given().contentType("application/json").body(Map.of("jobId", jobs.get(0))).post("/accounts/" + buyer + "/refunds")
                .then().statusCode(201).body("amount", equalTo(8));
        given().get("/accounts/" + buyer + "/balance").then().body("available", equalTo(8));
        try (KafkaProducer<String, String> producer = TestStack.producer()) {
            jobs.subList(1, 12).forEach(job -> TestStack.send(producer, Topics.JOB_EVENTS, job, EventJson.write(EventEnvelope.of(
                    EventTypes.CANCELED, buyer, job, new JobFailed(FailureCodes.CANCELED, "canceled by the user")))));
            referrersJobs.forEach(job -> TestStack.send(producer, Topics.JOB_EVENTS, job, EventJson.write(EventEnvelope.of(
                    EventTypes.CANCELED, referrer, job, new JobFailed(FailureCodes.CANCELED, "canceled by the user")))));
        }
        TestStack.await(Duration.ofSeconds(90), () -> TestStack.queryLong("select count(*) from holds where tenant_id in (?, ?) "
                + "and status = 'RELEASED'", buyer, referrer) == 16, "every cancel applied");
        given().get("/accounts/" + buyer + "/balance").then().body("available", equalTo(9));
        // the commission of 10: 3 taken at once, the 7 its jobs reserved out of what their cancels gave back
        given().get("/accounts/" + referrer + "/balance").then().body("available", equalTo(25));
        assertEquals(-100, TestStack.queryLong("select sum(amount) from ledger_entries where tenant_id = ? and kind = 'ADJUST'", buyer));
        assertEquals(-10, TestStack.queryLong("select sum(amount) from ledger_entries where tenant_id = ? and kind = 'ADJUST'", referrer));
        assertEquals(0, TestStack.queryLong("select sum(chargeback_owed) from accounts where tenant_id in (?, ?)", buyer, referrer));
        given().queryParam("jobId", jobs.get(0)).get("/accounts/" + buyer + "/ledger").then()
                .body("items.kind", contains("ADJUST", "REFUND", "CAPTURE", "HOLD"));
        // the cancels' RELEASED: what went back to the account, and what paid the charge-back beside it
        String released = "from outbox where value::jsonb->>'tenantId' = ? and value::jsonb->>'type' = 'RELEASED'";
        assertEquals(1 + 8, TestStack.queryLong("select sum((value::jsonb->'payload'->>'amount')::int8) " + released, buyer));
        assertEquals(87, TestStack.queryLong("select sum((value::jsonb->'payload'->>'chargebackRecovered')::int8) " + released, buyer));
        assertEquals(25, TestStack.queryLong("select sum((value::jsonb->'payload'->>'amount')::int8) " + released, referrer));
        assertEquals(7, TestStack.queryLong("select sum((value::jsonb->'payload'->>'chargebackRecovered')::int8) " + released, referrer));
        for (String tenant : List.of(buyer, referrer)) {
            given().queryParam("tenantId", tenant).get("/reconciliation").then().body("drift", equalTo(0));
            assertEquals(0, TestStack.keptSumsOffBy(tenant));
        }
    }

    /**
     * A free buyer referred by a free referrer buys 100 credits (the referrer earns 10); then the buyer's 15 jobs reserve
     * 15 x 8 = 120 of its 125 and the referrer's 4 jobs 32 of its 35, whose ids go to {@code jobs} and {@code referrersJobs}.
     */
    private static void buyWithJobsRunning(String buyer, String referrer, List<String> jobs, List<String> referrersJobs) {
        for (String tenant : List.of(referrer, buyer)) {
            given().contentType("application/json").body(Map.of("plan", "free")).put("/accounts/" + tenant).then().statusCode(200);
        }
        given().contentType("application/json").body(Map.of("code", given().get("/accounts/" + referrer).then().extract().path("referralCode")))
                .put("/accounts/" + buyer + "/referrer").then().statusCode(200);
        given().contentType("application/json").body(Map.of("amount", 100, "idempotencyKey", "p1"))
                .post("/accounts/" + buyer + "/purchases").then().statusCode(201);
        for (int i = 0; i < 19; i++) { // the buyer's 15 x 8 = 120 of its 125 reserved; the referrer's 4 x 8 = 32 of its 35
            String job = TestStack.unique("job");
            String tenant = i < 15 ? buyer : referrer;
            (i < 15 ? jobs : referrersJobs).add(job);
            given().contentType("application/json").body(Map.of("tenantId", tenant, "jobId", job,
                    "quote", TestStack.quote(JobTypes.SKIN_INPAINT, null, 1.0, 1.0))).post("/holds").then().statusCode(201);
        }
    }

    /**
     * Two tenants that referred each other, buying at once: each purchase locked its buyer's account, then the other's for
     * the commission, and PostgreSQL broke the deadlocks by failing purchases (503 once the retries were spent).
     */
    @Test
    void tenantsWhoReferredEachOtherBuyAtOnce() throws Exception {
        String a = TestStack.unique("ref-a");
        String b = TestStack.unique("ref-b");
        for (String tenant : List.of(a, b)) {
            given().contentType("application/json").body(Map.of("plan", "free")).put("/accounts/" + tenant).then().statusCode(200);
        }
        String codeOfA = given().get("/accounts/" + a).then().extract().path("referralCode");
        String codeOfB = given().get("/accounts/" + b).then().extract().path("referralCode");
        given().contentType("application/json").body(Map.of("code", codeOfB)).put("/accounts/" + a + "/referrer").then().statusCode(200);
        given().contentType("application/json").body(Map.of("code", codeOfA)).put("/accounts/" + b + "/referrer").then().statusCode(200);
        List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>>> purchases = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String buyer = i % 2 == 0 ? a : b;
            purchases.add(Http.postAsync(Http.quarkusBaseUrl(), "/accounts/" + buyer + "/purchases",
                    Map.of("amount", 100, "idempotencyKey", buyer + "-p" + i)));
        }
        for (var purchase : purchases) {
            assertEquals(201, purchase.get().statusCode(), purchase.get().body());
        }
        for (String tenant : List.of(a, b)) { // 25 granted, 20 purchases of 100, a commission of 10 on each of the other's 20
            given().get("/accounts/" + tenant + "/balance").then().body("available", equalTo(25 + 2000 + 200));
            given().queryParam("tenantId", tenant).get("/reconciliation").then().body("drift", equalTo(0));
        }
    }

    @Test
    void refundsAndAdjustmentsAreGuardedAndIdempotent() {
        String tenant = TestStack.unique("refund");
        String job = TestStack.unique("job");
        given().contentType("application/json").body(Map.of("tenantId", tenant, "jobId", job, "quote", TestStack.quote(JobTypes.TEXTURE_RESTORE, null, 1.0, null)))
                .post("/holds").then().statusCode(201);
        // held, not charged: nothing to refund (was 400 "must be 1..0 credits" for an amount nobody sent)
        given().contentType("application/json").body(Map.of("jobId", job)).post("/accounts/" + tenant + "/refunds").then().statusCode(404)
                .body("type", equalTo("https://realskin.io/problems/not-found")).body("detail", containsString("no captured charge"));
        try (KafkaProducer<String, String> producer = TestStack.producer()) {
            TestStack.send(producer, Topics.JOB_EVENTS, job, TestStack.completed(tenant, job, JobTypes.TEXTURE_RESTORE, null, 1.0, null));
        }
        TestStack.await(Duration.ofSeconds(90), () -> TestStack.queryLong(
                "select count(*) from holds where job_id = ? and status = 'CAPTURED'", job) == 1, "capture");
        given().contentType("application/json").body(Map.of("jobId", job, "amount", 3)).post("/accounts/" + tenant + "/refunds")
                .then().statusCode(400).body("field", equalTo("amount")).body("detail", containsString("must be 1..2 credits"));
        given().contentType("application/json").body(Map.of("jobId", job, "reason", "customer complaint", "actor", "key_not an id"))
                .post("/accounts/" + tenant + "/refunds").then().statusCode(400).body("field", equalTo("actor"));
        given().contentType("application/json").body(Map.of("jobId", job, "reason", "customer complaint", "actor", "key_refunder"))
                .post("/accounts/" + tenant + "/refunds").then().statusCode(201).body("kind", equalTo("REFUND")).body("amount", equalTo(2));
        given().contentType("application/json").body(Map.of("jobId", job, "actor", "key_other")).post("/accounts/" + tenant + "/refunds")
                .then().statusCode(200);
        given().contentType("application/json").body(Map.of("jobId", job, "amount", 2)).post("/accounts/" + tenant + "/refunds")
                .then().statusCode(200).body("amount", equalTo(2));
        given().contentType("application/json").body(Map.of("jobId", job, "amount", 1)).post("/accounts/" + tenant + "/refunds")
                .then().statusCode(409).body("type", equalTo("https://realskin.io/problems/conflict"));
        given().get("/accounts/" + tenant + "/balance").then().body("available", equalTo(25));
        // the job's entries, found by their keys: each kind, the kind filter and the cursor
        given().queryParam("jobId", job).get("/accounts/" + tenant + "/ledger").then().body("items.kind", contains("REFUND", "CAPTURE", "HOLD"));
        given().queryParam("jobId", job).queryParam("kind", "CAPTURE").get("/accounts/" + tenant + "/ledger").then()
                .body("items.kind", contains("CAPTURE"));
        String after = given().queryParam("jobId", job).queryParam("limit", 1).get("/accounts/" + tenant + "/ledger").then()
                .body("items.kind", contains("REFUND")).extract().path("nextCursor");
        given().queryParam("jobId", job).queryParam("cursor", after).get("/accounts/" + tenant + "/ledger").then()
                .body("items.kind", contains("CAPTURE", "HOLD"));

        given().contentType("application/json").body(Map.of("amount", -26, "idempotencyKey", tenant + "-a1"))
                .post("/accounts/" + tenant + "/adjustments").then().statusCode(409).contentType("application/problem+json");
        given().contentType("application/json").body(Map.of("amount", -25, "idempotencyKey", tenant + "-a2", "actor", "key_adjuster"))
                .post("/accounts/" + tenant + "/adjustments").then().statusCode(201);
        given().get("/accounts/" + tenant + "/balance").then().body("available", equalTo(0));
        given().contentType("application/json").body(Map.of("amount", 5, "idempotencyKey", tenant + "-g1", "reason", "goodwill",
                        "actor", "key_granter")).post("/accounts/" + tenant + "/grants").then().statusCode(201);
        given().get("/accounts/" + tenant + "/balance").then().body("available", equalTo(5));
        // each admin entry records the admin key that booked it (a repeat keeps the first one's); the rest none
        assertEquals(3, TestStack.queryLong("select count(*) from ledger_entries where tenant_id = ? and (kind, actor) in "
                + "(('REFUND', 'key_refunder'), ('ADJUST', 'key_adjuster'), ('GRANT', 'key_granter'))", tenant));
        assertEquals(0, TestStack.queryLong("select count(*) from ledger_entries where tenant_id = ? and actor is not null "
                + "and kind in ('HOLD', 'CAPTURE')", tenant));
        given().get("/accounts/" + tenant + "/ledger").then().body("items[0]", not(hasKey("actor")));
        given().queryParam("tenantId", tenant).get("/reconciliation").then().body("drift", equalTo(0));
    }

    /**
     * An erased tenant's account is closed (the gateway's DELETE /v1/admin/tenants/{id}): its open hold is released, no
     * hold, grant or plan change is booked any more (409 account-closed), nor a commission on a purchase of a tenant it
     * referred, a second close changes nothing, and the ledger stays, whole and reconciled.
     */
    @Test
    void aClosedAccountReleasesItsHoldsRefusesBookingsAndKeepsItsLedger() {
        String tenant = TestStack.unique("closed");
        String job = TestStack.unique("job");
        given().contentType("application/json").body(Map.of("plan", "free")).put("/accounts/" + tenant).then().statusCode(200);
        String referred = TestStack.unique("referred");
        given().contentType("application/json").body(Map.of("plan", "free")).put("/accounts/" + referred).then().statusCode(200);
        given().contentType("application/json").body(Map.of("code", given().get("/accounts/" + tenant).then().extract().path("referralCode")))
                .put("/accounts/" + referred + "/referrer").then().statusCode(200);
        given().contentType("application/json").body(Map.of("tenantId", tenant, "jobId", job,
                "quote", TestStack.quote(JobTypes.TEXTURE_RESTORE, null, 1.0, null))).post("/holds").then().statusCode(201);

        String closedAt = given().post("/accounts/" + tenant + "/close").then().statusCode(200).body("tenantId", equalTo(tenant))
                .body("releasedHolds", equalTo(1)).body("closedAt", notNullValue()).extract().path("closedAt");
        given().get("/holds/" + job).then().statusCode(200).body("status", equalTo("RELEASED"));
        given().post("/accounts/" + tenant + "/close").then().statusCode(200).body("releasedHolds", equalTo(0))
                .body("closedAt", equalTo(closedAt));

        given().contentType("application/json").body(Map.of("tenantId", tenant, "jobId", TestStack.unique("job"),
                        "quote", TestStack.quote(JobTypes.TEXTURE_RESTORE, null, 1.0, null))).post("/holds").then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("https://realskin.io/problems/account-closed"))
                .body("closedAt", equalTo(closedAt));
        given().contentType("application/json").body(Map.of("amount", 5, "idempotencyKey", tenant + "-g1"))
                .post("/accounts/" + tenant + "/grants").then().statusCode(409).body("type", equalTo("https://realskin.io/problems/account-closed"));
        given().contentType("application/json").body(Map.of("plan", "pro")).put("/accounts/" + tenant).then().statusCode(409)
                .body("type", equalTo("https://realskin.io/problems/account-closed"));
        given().post("/accounts/" + TestStack.unique("nobody") + "/close").then().statusCode(404);
        // a quote says so too (it said allowed: true, for a hold that would be refused)
        given().contentType("application/json").body(Map.of("tenantId", tenant, "operation", "texture-restore", "megapixels", 1.0))
                .post("/quotes").then().statusCode(200).body("allowed", equalTo(false)).body("reason", containsString("closed"));
        // a tenant it referred still buys; the closed account earns no commission (checked below: its balance and ledger)
        given().contentType("application/json").body(Map.of("amount", 200, "idempotencyKey", referred + "-p1"))
                .post("/accounts/" + referred + "/purchases").then().statusCode(201);

        given().get("/accounts/" + tenant + "/balance").then().statusCode(200).body("available", equalTo(25)).body("held", equalTo(0));
        given().get("/accounts/" + tenant + "/ledger").then().statusCode(200).body("items.kind", contains("RELEASE", "HOLD", "GRANT"));
        given().queryParam("tenantId", tenant).get("/reconciliation").then().body("drift", equalTo(0));
    }

    /**
     * A hold read its account open, then waited for the row lock that the close held: when the close committed, the hold
     * was placed anyway (201, HELD on a closed account, which the close's release of its holds could not see). The
     * guarded update returns the row as the close left it; a closed one refuses the hold (409 account-closed).
     */
    @Test
    void aHoldWaitingForTheCloseOfItsAccountIsRefused() throws Exception {
        String tenant = TestStack.unique("closing");
        String job = TestStack.unique("job");
        given().contentType("application/json").body(Map.of("plan", "free")).put("/accounts/" + tenant).then().statusCode(200);
        java.net.http.HttpResponse<String> answer;
        try (java.sql.Connection close = TestStack.db()) {
            close.setAutoCommit(false);
            try (var st = close.prepareStatement("update accounts set closed_at = now() where tenant_id = ?")) {
                st.setString(1, tenant);
                st.executeUpdate();
            }
            var hold = Http.postAsync(Http.quarkusBaseUrl(), "/holds",
                    Map.of("tenantId", tenant, "jobId", job, "quote", TestStack.quote(JobTypes.TEXTURE_RESTORE, null, 1.0, null)));
            // the hold has read the account open and waits for the row lock of the guarded update
            TestStack.await(Duration.ofSeconds(60), () -> TestStack.queryLong("select count(*) from pg_stat_activity where "
                    + "wait_event_type = 'Lock' and query like 'update accounts set available%'") > 0, "the hold waiting for the close");
            close.commit();
            answer = hold.get();
        }
        assertEquals(409, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("account-closed"), answer.body());
        given().get("/holds/" + job).then().statusCode(404);
        given().get("/accounts/" + tenant + "/balance").then().body("available", equalTo(25)).body("held", equalTo(0));
        given().queryParam("tenantId", tenant).get("/reconciliation").then().body("drift", equalTo(0));
    }

    /**
     * A key used for one amount and sent again with another was answered 200 with the first entry: a purchase of 1,000
     * sent under the key of an earlier one of 100 booked nothing, and the answer looked like success.
     */
    @Test
    void aKeyBookedForOneAmountRefusesAnotherAndRepeatsTheSame() {
        String tenant = TestStack.unique("keys");
        given().contentType("application/json").body(Map.of("plan", "free")).put("/accounts/" + tenant).then().statusCode(200);
        for (String route : List.of("purchases", "grants", "adjustments")) {
            String key = tenant + "-" + route;
            given().contentType("application/json").body(Map.of("amount", 100, "idempotencyKey", key))
                    .post("/accounts/" + tenant + "/" + route).then().statusCode(201).body("amount", equalTo(100));
            for (int other : new int[] {1000, 99, -100}) {
                given().contentType("application/json").body(Map.of("amount", other, "idempotencyKey", key))
                        .post("/accounts/" + tenant + "/" + route).then().statusCode(route.equals("adjustments") || other > 0 ? 409 : 400)
                        .contentType("application/problem+json");
            }
            given().contentType("application/json").body(Map.of("amount", 100, "idempotencyKey", key))
                    .post("/accounts/" + tenant + "/" + route).then().statusCode(200).body("amount", equalTo(100));
        }
        given().get("/accounts/" + tenant + "/balance").then().body("available", equalTo(25 + 300));
        given().queryParam("tenantId", tenant).get("/reconciliation").then().body("drift", equalTo(0));
    }

    /**
     * A client's idempotency key is its tenant's own: the same key sent for two tenants books an entry for each, and the
     * referrer of two buyers who used one purchase key earns both commissions. Until 2026-12-06 keys were unique across
     * tenants: tenant B's grant under a key used for tenant A was refused (409) and B got nothing.
     */
    @Test
    void aKeyIsEachTenantsOwn() {
        String referrer = TestStack.unique("keys-ref");
        given().contentType("application/json").body(Map.of("plan", "free")).put("/accounts/" + referrer).then().statusCode(200);
        String code = given().get("/accounts/" + referrer).then().extract().path("referralCode");
        List<String> tenants = List.of(TestStack.unique("keys-a"), TestStack.unique("keys-b"));
        String sharedKey = TestStack.unique("ticket");
        for (String tenant : tenants) {
            given().contentType("application/json").body(Map.of("plan", "free")).put("/accounts/" + tenant).then().statusCode(200);
            given().contentType("application/json").body(Map.of("code", code)).put("/accounts/" + tenant + "/referrer").then()
                    .statusCode(200);
            for (String route : List.of("purchases", "grants", "adjustments")) {
                for (int status : new int[] {201, 200}) {
                    given().contentType("application/json").body(Map.of("amount", 100, "idempotencyKey", sharedKey))
                            .post("/accounts/" + tenant + "/" + route).then().statusCode(status)
                            .body("amount", equalTo(100)).body("idempotencyKey", endsWith(sharedKey));
                }
            }
            given().get("/accounts/" + tenant + "/balance").then().body("available", equalTo(25 + 300));
            given().queryParam("tenantId", tenant).get("/reconciliation").then().body("drift", equalTo(0));
        }
        given().queryParam("kind", "GRANT").get("/accounts/" + referrer + "/ledger").then().body("items", hasSize(3))
                .body("items.amount", contains(10, 10, 25));
        given().get("/accounts/" + referrer + "/balance").then().body("available", equalTo(25 + 10 + 10));
    }

    @Test
    void aNewMonthExpiresTheUnusedGrantAndGrantsThePlanOnce() {
        String tenant = TestStack.unique("month");
        given().contentType("application/json").body(Map.of("tenantId", tenant, "jobId", tenant + "-job", "quote", TestStack.sdxlQuote()))
                .post("/holds").then().statusCode(201);
        String thisMonth = YearMonth.now(ZoneOffset.UTC).toString();
        String nextMonth = YearMonth.now(ZoneOffset.UTC).plusMonths(1).toString();
        assertEquals(1, monthlyGrants.renew(tenant, nextMonth).await().atMost(Duration.ofSeconds(30)));
        assertEquals(0, monthlyGrants.renew(tenant, nextMonth).await().atMost(Duration.ofSeconds(30)));
        // 24 of this month's 25 were unused: they expire; next month's 25 arrive; the open hold is untouched
        given().get("/accounts/" + tenant + "/balance").then().body("available", equalTo(25)).body("held", equalTo(1));
        given().queryParam("kind", "EXPIRY").get("/accounts/" + tenant + "/ledger").then()
                .body("items[0].amount", equalTo(24)).body("items[0].idempotencyKey", equalTo("expiry:" + tenant + ":" + thisMonth));
        given().queryParam("kind", "GRANT").get("/accounts/" + tenant + "/ledger").then()
                .body("items[0].idempotencyKey", equalTo("grant:" + tenant + ":" + nextMonth));
        given().queryParam("tenantId", tenant).get("/reconciliation").then().body("drift", equalTo(0));
    }

    @Test
    void theLedgerPagesWithAStableCursor() {
        String tenant = TestStack.unique("pages");
        given().contentType("application/json").body(Map.of("plan", "free")).put("/accounts/" + tenant).then().statusCode(200);
        for (int i = 0; i < 7; i++) {
            given().contentType("application/json").body(Map.of("amount", i + 1, "idempotencyKey", tenant + "-" + i))
                    .post("/accounts/" + tenant + "/grants").then().statusCode(201);
        }
        List<Integer> sizes = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        long previous = Long.MAX_VALUE;
        String cursor = null;
        do {
            var request = given().queryParam("limit", 3);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/accounts/" + tenant + "/ledger").then().statusCode(200).extract().jsonPath();
            List<Long> ids = page.getList("items.id", Long.class);
            sizes.add(ids.size());
            for (long id : ids) {
                assertTrue(id < previous, "newest first");
                assertTrue(seen.add(id), "no entry twice");
                previous = id;
            }
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(List.of(3, 3, 2), sizes);
        given().queryParam("cursor", "garbage!").get("/accounts/" + tenant + "/ledger").then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("limit", 100).get("/accounts/" + tenant + "/ledger").then().body("nextCursor", nullValue());
    }

    /**
     * Every kind in one ledger, paged with and without a kind filter: since V9 the unfiltered page merges the newest
     * entries of each kind (LedgerRepository), which must come out as the ledger is, newest first, each entry once.
     */
    @Test
    void theLedgerOfMixedKindsPagesAsItIsWithAndWithoutAKind() throws Exception {
        String tenant = TestStack.unique("mixed");
        given().contentType("application/json").body(Map.of("plan", "pro")).put("/accounts/" + tenant).then().statusCode(200);
        for (int i = 0; i < 4; i++) {
            given().contentType("application/json").body(Map.of("amount", 5, "idempotencyKey", tenant + "-p" + i))
                    .post("/accounts/" + tenant + "/purchases").then().statusCode(201);
            String job = TestStack.unique("job");
            given().contentType("application/json").body(Map.of("tenantId", tenant, "jobId", job, "quote", TestStack.sdxlQuote()))
                    .post("/holds").then().statusCode(201);
            given().delete("/holds/" + job).then().statusCode(200);
            given().contentType("application/json").body(Map.of("amount", -1, "idempotencyKey", tenant + "-a" + i))
                    .post("/accounts/" + tenant + "/adjustments").then().statusCode(201);
        }
        assertEquals(entryIds(tenant, null), pagedIds(tenant, null));
        for (String kind : List.of("GRANT", "PURCHASE", "HOLD", "RELEASE", "ADJUST", "CAPTURE")) {
            assertEquals(entryIds(tenant, kind), pagedIds(tenant, kind), kind);
        }
    }

    private static List<Long> pagedIds(String tenant, String kind) {
        List<Long> ids = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("limit", 3);
            if (kind != null) {
                request = request.queryParam("kind", kind);
            }
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/accounts/" + tenant + "/ledger").then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id", Long.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }

    private static List<Long> entryIds(String tenant, String kind) throws java.sql.SQLException {
        List<Long> ids = new ArrayList<>();
        try (var c = TestStack.db(); var ps = c.prepareStatement("select id from ledger_entries where tenant_id = ? "
                + "and (?::text is null or kind = ?) order by id desc")) {
            ps.setString(1, tenant);
            ps.setString(2, kind);
            ps.setString(3, kind);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }
}
