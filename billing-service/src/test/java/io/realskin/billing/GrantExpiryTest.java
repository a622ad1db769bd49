package io.realskin.billing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
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
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Monthly renewal expires only what is left of the period's grant: grant credits are spent first (captures, and holds
 * open at renewal), purchased credits never expire (docs/billing.md, "Monthly renewal").
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class GrantExpiryTest {
    private static final String PREVIOUS = YearMonth.now(ZoneOffset.UTC).minusMonths(1).toString();
    private static final String NOW = YearMonth.now(ZoneOffset.UTC).toString();
    private static final String NEXT = YearMonth.now(ZoneOffset.UTC).plusMonths(1).toString();
    private static final String AFTER_NEXT = YearMonth.now(ZoneOffset.UTC).plusMonths(2).toString();

    @BeforeAll
    static void callAsTheGatewaysAdmin() {
        RestAssured.replaceFiltersWith(new ServiceTokenFilter("billing-service", "admin", "admin"));
    }

    @Inject
    MonthlyGrantJob monthlyGrants;

    @Inject
    MeterRegistry registry;

    @Test
    void aSpentGrantLeavesPurchasedCreditsAlone() {
        String tenant = proWithPurchase("spent", 1000);
        capture(tenant, hold(tenant, 400));
        capture(tenant, hold(tenant, 100));
        balance(tenant, 1000, 0);

        renew(tenant, NEXT);
        expiries(tenant).body("items", hasSize(0));
        balance(tenant, 1000 + 500, 0);
        reconciled(tenant);
    }

    @Test
    void aPartlySpentGrantExpiresItsRest() {
        String tenant = proWithPurchase("partly", 1000);
        capture(tenant, hold(tenant, 200));

        renew(tenant, NEXT);
        expiries(tenant).body("items", hasSize(1)).body("items[0].amount", equalTo(300));
        balance(tenant, 1000 + 500, 0);
        reconciled(tenant);
    }

    @Test
    void withoutPurchasesTheUnusedGrantExpiresAsBefore() {
        String tenant = TestStack.unique("nopurchase");
        plan(tenant, "pro");
        capture(tenant, hold(tenant, 100));

        renew(tenant, NEXT);
        expiries(tenant).body("items", hasSize(1)).body("items[0].amount", equalTo(400));
        balance(tenant, 500, 0);
        reconciled(tenant);
    }

    @Test
    void aHoldOpenAtRenewalIsPaidFromTheOldGrant() {
        String tenant = proWithPurchase("openhold", 1000);
        String job = hold(tenant, 300);

        renew(tenant, NEXT);
        expiries(tenant).body("items[0].amount", equalTo(200));
        balance(tenant, 1000 + 500, 300);

        // captured after renewal: not a use of the new grant, which stays unused and expires whole next time
        capture(tenant, job);
        balance(tenant, 1500, 0);
        renew(tenant, AFTER_NEXT);
        expiries(tenant).body("items", hasSize(2)).body("items[0].amount", equalTo(500));
        balance(tenant, 1000 + 500, 0);
        reconciled(tenant);
    }

    @Test
    void aHoldReleasedAfterRenewalGivesItsCreditsBackForGood() {
        String tenant = proWithPurchase("released", 1000);
        String job = hold(tenant, 300);
        renew(tenant, NEXT);
        expiries(tenant).body("items[0].amount", equalTo(200));

        given().delete("/holds/" + job).then().statusCode(200).body("status", equalTo("RELEASED"));
        balance(tenant, 1500 + 300, 0);
        renew(tenant, AFTER_NEXT);
        expiries(tenant).body("items[0].amount", equalTo(500));
        balance(tenant, 1300 + 500, 0);
        reconciled(tenant);
    }

    @Test
    void anUpgradesTopUpIsPartOfTheGrantThatExpires() {
        String tenant = TestStack.unique("upgrade");
        plan(tenant, "free");
        String texture = hold(tenant, TestStack.quote(JobTypes.TEXTURE_RESTORE, null, 1.0, null));
        capture(tenant, texture, TestStack.quote(JobTypes.TEXTURE_RESTORE, null, 1.0, null));
        plan(tenant, "pro");
        purchase(tenant, 1000);
        capture(tenant, hold(tenant, 100));
        balance(tenant, 25 - 2 + 475 + 1000 - 100, 0);

        renew(tenant, NEXT);
        // the period's grant is 500 (25 + the top-up of 475), 102 of it used
        expiries(tenant).body("items[0].amount", equalTo(398));
        balance(tenant, 1000 + 500, 0);
        reconciled(tenant);
    }

    /**
     * A job canceled after its capture gets its charge back (cancel-refund): that undoes its use of the grant. Until
     * 2026-12-07 the capture stayed in period_used, so each such job kept its price of grant credits from expiring:
     * five jobs of 100 canceled late left the whole grant of 500 unexpired, month after month.
     */
    @Test
    void aChargeGivenBackByALateCancelIsNoUseOfTheGrant() {
        String tenant = TestStack.unique("latecancel");
        plan(tenant, "pro");
        for (int i = 0; i < 5; i++) {
            String job = hold(tenant, 100);
            capture(tenant, job);
            cancel(tenant, job);
        }
        balance(tenant, 500, 0);

        renew(tenant, NEXT);
        expiries(tenant).body("items", hasSize(1)).body("items[0].amount", equalTo(500));
        balance(tenant, 500, 0);
        reconciled(tenant);
    }

    /** An admin's refund of a job captured in the period gives its use of the grant back too (until 2026-12-07 it did not). */
    @Test
    void anAdminRefundIsNoUseOfTheGrant() {
        String tenant = proWithPurchase("adminrefund", 1000);
        String refunded = hold(tenant, 400);
        capture(tenant, refunded);
        capture(tenant, hold(tenant, 100));
        given().contentType("application/json").body(Map.of("jobId", refunded, "amount", 300))
                .post("/accounts/" + tenant + "/refunds").then().statusCode(201);
        balance(tenant, 1500 - 500 + 300, 0);

        renew(tenant, NEXT);
        // used: 400 - 300 + 100 = 200 of the 500
        expiries(tenant).body("items", hasSize(1)).body("items[0].amount", equalTo(300));
        balance(tenant, 1300 - 300 + 500, 0);
        reconciled(tenant);
    }

    /** A refund of a job whose hold was placed before the latest renewal: that renewal counted it, this period never did. */
    @Test
    void aRefundOfALastPeriodsJobLeavesThisPeriodsUseAlone() {
        String tenant = proWithPurchase("oldrefund", 1000);
        String job = hold(tenant, 300);
        capture(tenant, job);
        renew(tenant, NEXT);
        expiries(tenant).body("items[0].amount", equalTo(200));
        capture(tenant, hold(tenant, 100));
        given().contentType("application/json").body(Map.of("jobId", job)).post("/accounts/" + tenant + "/refunds").then().statusCode(201);

        renew(tenant, AFTER_NEXT);
        // this period's 100 is still a use of its grant: 400 expire, the refunded 300 do not
        expiries(tenant).body("items", hasSize(2)).body("items[0].amount", equalTo(400));
        reconciled(tenant);
    }

    /**
     * A negative adjustment takes credits back; it is no use of the grant (period_used stays), so the purchased credits
     * pay for it first and what is left of the grant still expires, bounded by what is available.
     */
    @Test
    void aNegativeAdjustmentTakesPurchasedCreditsFirst() {
        String tenant = proWithPurchase("negadjust", 1000);
        given().contentType("application/json").body(Map.of("amount", -700, "idempotencyKey", tenant + "-chargeback"))
                .post("/accounts/" + tenant + "/adjustments").then().statusCode(201);
        capture(tenant, hold(tenant, 100));

        renew(tenant, NEXT);
        expiries(tenant).body("items", hasSize(1)).body("items[0].amount", equalTo(400));
        balance(tenant, 800 - 100 - 400 + 500, 0);

        String drained = TestStack.unique("drained");
        plan(drained, "pro");
        given().contentType("application/json").body(Map.of("amount", -450, "idempotencyKey", drained + "-fix"))
                .post("/accounts/" + drained + "/adjustments").then().statusCode(201);
        renew(drained, NEXT);
        expiries(drained).body("items[0].amount", equalTo(50));
        balance(drained, 500, 0);
        reconciled(tenant);
    }

    /**
     * A renewal that fails for a reason of its account's own (here: a plan this running billing does not know, as when a
     * migration adds one after it read its catalog) is logged and counted, and the accounts after it are renewed. Until
     * 2026-12-07 the first failure ended the run: every account after it in tenant order kept last month's grant.
     */
    @Test
    void anAccountThatCannotBeRenewedKeepsNoOtherAccountFromItsGrant() {
        String id = TestStack.unique("r");
        String broken = "renew-a-" + id;
        String other = "renew-b-" + id;
        String unknownPlan = "plan-" + id;
        plan(TestStack.unique("catalog-read"), "free"); // the running billing has read its catalog
        double failedBefore = registry.counter("billing.grants.renewal.failed").count();
        update("insert into plans (code, monthly_grant, premium_models, requests_per_minute) values (?, 1, false, 1) returning 1", unknownPlan);
        // two accounts of last month that have nothing in their ledger yet (balances 0, as their ledgers sum)
        for (String[] account : new String[][] {{broken, unknownPlan}, {other, "free"}}) {
            update("insert into accounts (tenant_id, plan, available, held, referral_code, grant_period) values (?, ?, 0, 0, ?, ?) "
                    + "returning 1", account[0], account[1], account[0], PREVIOUS);
        }
        try {
            assertTrue(monthlyGrants.renewAll().await().atMost(Duration.ofSeconds(30)) >= 1);
            assertEquals(1, TestStack.queryLong("select count(*) from accounts where tenant_id = ? and grant_period = ?", other, NOW));
            assertEquals(1, TestStack.queryLong("select count(*) from accounts where tenant_id = ? and grant_period = ?", broken, PREVIOUS));
            assertEquals(failedBefore + 1, registry.counter("billing.grants.renewal.failed").count());
        } finally {
            update("update accounts set plan = 'free', grant_period = ? where tenant_id = ? returning 1", NOW, broken);
            update("delete from plans where code = ? returning 1", unknownPlan);
        }
        reconciled(other);
    }

    private static void update(String statement, Object... args) {
        TestStack.queryLong("with x as (" + statement + ") select count(*) from x", args);
    }

    private String proWithPurchase(String prefix, long purchased) {
        String tenant = TestStack.unique(prefix);
        plan(tenant, "pro");
        purchase(tenant, purchased);
        balance(tenant, 500 + purchased, 0);
        return tenant;
    }

    private static void plan(String tenant, String plan) {
        given().contentType("application/json").body(Map.of("plan", plan)).put("/accounts/" + tenant).then().statusCode(200);
    }

    private static void purchase(String tenant, long amount) {
        given().contentType("application/json").body(Map.of("amount", amount, "idempotencyKey", tenant + "-buy", "reason", "stripe pi"))
                .post("/accounts/" + tenant + "/purchases").then().statusCode(201);
    }

    /** An sdxl job of {@code credits} megapixels costs that many credits (1 + 1 per extra MP), up to 400. */
    private static String hold(String tenant, int credits) {
        return hold(tenant, sdxl(credits));
    }

    private static String hold(String tenant, Map<String, Object> quote) {
        String job = TestStack.unique(tenant + "-job");
        given().contentType("application/json").body(Map.of("tenantId", tenant, "jobId", job, "quote", quote))
                .post("/holds").then().statusCode(201);
        return job;
    }

    private static void capture(String tenant, String job) {
        long amount = TestStack.queryLong("select amount from holds where job_id = ?", job);
        capture(tenant, job, sdxl((int) amount));
    }

    /** Completes the job through job.events, as a worker would, and waits for the capture of its whole hold. */
    private static void capture(String tenant, String job, Map<String, Object> usage) {
        try (KafkaProducer<String, String> producer = TestStack.producer()) {
            TestStack.send(producer, Topics.JOB_EVENTS, job, TestStack.completed(tenant, job, (String) usage.get("operation"),
                    (String) usage.get("model"), (double) usage.get("megapixels"), (Double) usage.get("maskedFraction")));
        }
        TestStack.await(Duration.ofSeconds(90), () -> TestStack.queryLong(
                "select count(*) from holds where job_id = ? and status = 'CAPTURED' and captured = amount", job) == 1,
                "capture of " + job);
    }

    /** The gateway's CANCELED of a job whose COMPLETED came first: billing gives its charge back. */
    private static void cancel(String tenant, String job) {
        EventEnvelope cancel = EventEnvelope.of(EventTypes.CANCELED, tenant, job, new JobFailed(FailureCodes.CANCELED, "canceled by the user"));
        try (KafkaProducer<String, String> producer = TestStack.producer()) {
            TestStack.send(producer, Topics.JOB_EVENTS, job, EventJson.write(cancel));
        }
        TestStack.await(Duration.ofSeconds(90), () -> TestStack.queryLong(
                "select count(*) from holds where job_id = ? and status = 'RELEASED'", job) == 1, "give-back of " + job);
    }

    private static Map<String, Object> sdxl(int credits) {
        return TestStack.quote(JobTypes.GENERATE, "sdxl", credits, null);
    }

    private void renew(String tenant, String period) {
        assertEquals(1, monthlyGrants.renew(tenant, period).await().atMost(Duration.ofSeconds(30)));
    }

    private static io.restassured.response.ValidatableResponse expiries(String tenant) {
        return given().queryParam("kind", "EXPIRY").get("/accounts/" + tenant + "/ledger").then().statusCode(200);
    }

    private static void balance(String tenant, long available, long held) {
        given().get("/accounts/" + tenant + "/balance").then().statusCode(200)
                .body("available", equalTo((int) available)).body("held", equalTo((int) held));
    }

    private static void reconciled(String tenant) {
        given().queryParam("tenantId", tenant).get("/reconciliation").then().body("drift", equalTo(0));
        assertEquals(0, TestStack.keptSumsOffBy(tenant), "renewal, grants and captures added their entries to the kept ledger sums");
    }
}
