package io.realskin.billing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class HoldFlowTest {
    /** The tests act as the gateway's admin operations: any tenant, every operation (BillingAccessTest checks the limits). */
    @BeforeAll
    static void callAsTheGatewaysAdmin() {
        RestAssured.replaceFiltersWith(new ServiceTokenFilter("billing-service", "admin", "admin"));
    }


    @Test
    void unknownTenantGetsFreePlanGrantAndAHoldThatCompletedCaptures() {
        String tenant = TestStack.unique("flow");
        String job = TestStack.unique("job");
        // flux-2-pro at 2 MP: 4 + 2 = 6 credits; the free grant is 25
        Map<String, Object> body = Map.of("tenantId", tenant, "jobId", job,
                "quote", TestStack.quote(JobTypes.GENERATE, "flux-2-pro", 2.0, null));
        given().contentType("application/json").body(body).post("/holds").then().statusCode(201)
                .body("holdId", notNullValue()).body("jobId", equalTo(job)).body("tenantId", equalTo(tenant))
                .body("amount", equalTo(6)).body("available", equalTo(19)).body("held", equalTo(6)).body("status", equalTo("HELD"));
        given().contentType("application/json").body(body).post("/holds").then().statusCode(200)
                .body("amount", equalTo(6)).body("available", equalTo(19)).body("status", equalTo("HELD"));

        given().get("/accounts/" + tenant + "/balance").then().statusCode(200)
                .body("plan", equalTo("free")).body("available", equalTo(19)).body("held", equalTo(6));

        // the job ran at 1 MP: 4 credits captured, 2 released
        try (KafkaProducer<String, String> producer = TestStack.producer()) {
            TestStack.send(producer, Topics.JOB_EVENTS, job, TestStack.completed(tenant, job, JobTypes.GENERATE, "flux-2-pro", 1.0, null));
        }
        TestStack.await(Duration.ofSeconds(90), () -> TestStack.queryLong(
                "select count(*) from ledger_entries where job_id = ? and kind = 'CAPTURE'", job) == 1, "capture of " + job);
        given().get("/accounts/" + tenant + "/balance").then().statusCode(200)
                .body("available", equalTo(21)).body("held", equalTo(0));
        given().queryParam("jobId", job).get("/accounts/" + tenant + "/ledger").then().statusCode(200)
                .body("items.kind", org.hamcrest.Matchers.contains("RELEASE", "CAPTURE", "HOLD"))
                .body("items[1].amount", equalTo(4)).body("items[1].idempotencyKey", equalTo("capture:" + job))
                .body("nextCursor", nullValue());
        given().queryParam("tenantId", tenant).get("/reconciliation").then().statusCode(200).body("drift", equalTo(0));
    }

    /**
     * A usage outside the ranges a quote must keep is not priced: the quote stands. Priced, 10^19 MP overflowed a long
     * and an sdxl job cost nothing. A masked fraction of -3 (which made a skin inpaint cost its minimum of 1) breaks the
     * topic's schema: that record is dead-lettered and books nothing (the gateway refuses it the same way, so the job is
     * not completed there either), and the next event of the job is settled as usual.
     */
    @Test
    void aCompletionWhoseUsageIsOutOfRangeCapturesTheHold() {
        String tenant = TestStack.unique("odd");
        String huge = TestStack.unique("job");
        String negative = TestStack.unique("job");
        given().contentType("application/json").body(Map.of("tenantId", tenant, "jobId", huge,
                "quote", TestStack.quote(JobTypes.GENERATE, "sdxl", 2.0, null))).post("/holds").then().statusCode(201)
                .body("amount", equalTo(2));
        given().contentType("application/json").body(Map.of("tenantId", tenant, "jobId", negative,
                "quote", TestStack.quote(JobTypes.SKIN_INPAINT, null, 1.0, 0.5))).post("/holds").then().statusCode(201)
                .body("amount", equalTo(4));
        try (KafkaConsumer<String, String> dlq = TestStack.tail(Topics.dlq(Topics.JOB_EVENTS));
             KafkaProducer<String, String> producer = TestStack.producer()) {
            TestStack.send(producer, Topics.JOB_EVENTS, huge, TestStack.completed(tenant, huge, JobTypes.GENERATE, "sdxl", 1e19, null));
            TestStack.send(producer, Topics.JOB_EVENTS, negative, TestStack.completed(tenant, negative, JobTypes.SKIN_INPAINT, null, 1.0, -3.0));
            ConsumerRecord<String, String> dead = TestStack.poll(dlq, Duration.ofSeconds(90),
                    got -> got.stream().anyMatch(r -> negative.equals(r.key()))).stream().filter(r -> negative.equals(r.key()))
                    .findFirst().orElseThrow(() -> new AssertionError("no dead letter for the fraction of -3"));
            assertEquals("contract_violation", new String(dead.headers().lastHeader(Topics.DLQ_CODE_HEADER).value(), StandardCharsets.UTF_8));
            assertEquals(1, TestStack.queryLong("select count(*) from holds where job_id = ? and status = 'HELD'", negative), "nothing booked");
            // the same key: the same partition, behind the dead letter
            TestStack.send(producer, Topics.JOB_EVENTS, negative, TestStack.completed(tenant, negative, JobTypes.SKIN_INPAINT, null, 1.0, 0.5));
        }
        for (String job : new String[] {huge, negative}) {
            TestStack.await(Duration.ofSeconds(90), () -> TestStack.queryLong(
                    "select count(*) from holds where job_id = ? and status = 'CAPTURED'", job) == 1, "capture of " + job);
        }
        given().get("/holds/" + huge).then().statusCode(200).body("captured", equalTo(2));
        given().get("/holds/" + negative).then().statusCode(200).body("captured", equalTo(4));
        given().get("/accounts/" + tenant + "/balance").then().body("available", equalTo(25 - 2 - 4)).body("held", equalTo(0));
    }

    @Test
    void shortOfCreditsIs402WithTheShortfall() {
        String tenant = TestStack.unique("poor");
        // nano-banana-pro is premium: a free plan gets 403 before credits are even counted
        given().contentType("application/json").body(Map.of("tenantId", tenant, "jobId", TestStack.unique("job"),
                        "quote", TestStack.quote(JobTypes.GENERATE, "nano-banana-pro", 1.0, null)))
                .post("/holds").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("https://realskin.io/problems/plan-excludes"));
        // 25 free credits; a 16 MP flux-2-pro costs 4 + 15 * 2 = 34 -> but free allows 2 MP only; use texture-restore at 2 each
        given().contentType("application/json").body(Map.of("plan", "pro")).put("/accounts/" + tenant).then().statusCode(200);
        given().contentType("application/json").body(Map.of("tenantId", tenant, "jobId", TestStack.unique("job"),
                        "quote", TestStack.quote(JobTypes.GENERATE, "gpt-image-2", 200.0, null)))
                .post("/holds").then().statusCode(402)
                .contentType("application/problem+json")
                .body("type", equalTo("https://realskin.io/problems/insufficient-credits"))
                .body("shortfall", equalTo(10 + 199 * 4 - 500)).body("available", equalTo(500));
    }

    @Test
    void failedReleasesTheHold() {
        String tenant = TestStack.unique("fail");
        String job = TestStack.unique("job");
        given().contentType("application/json").body(Map.of("tenantId", tenant, "jobId", job,
                "quote", TestStack.quote(JobTypes.TEXTURE_RESTORE, null, 4.0, null))).post("/holds").then().statusCode(201)
                .body("amount", equalTo(2));
        try (KafkaProducer<String, String> producer = TestStack.producer()) {
            TestStack.send(producer, Topics.JOB_EVENTS, job, TestStack.failed(tenant, job));
        }
        TestStack.await(Duration.ofSeconds(90), () -> TestStack.queryLong(
                "select count(*) from ledger_entries where job_id = ? and kind = 'RELEASE'", job) == 1, "release of " + job);
        given().get("/accounts/" + tenant + "/balance").then().body("available", equalTo(25)).body("held", equalTo(0));
        given().get("/holds/" + job).then().statusCode(200).body("status", equalTo("RELEASED"));
        given().contentType("application/json").body(Map.of("tenantId", tenant, "jobId", job,
                "quote", TestStack.quote(JobTypes.TEXTURE_RESTORE, null, 4.0, null))).post("/holds").then().statusCode(200)
                .body("status", equalTo("RELEASED")).body("available", equalTo(25)).body("held", equalTo(0));
    }

    /**
     * Asked for again, a hold says what it is: a HELD one is renewed for another TTL (the caller is about to start its
     * job: a texture-pass step written long after its hold was placed), one past its TTL expires there and then, and
     * an expired one stays expired. Until 2026-12-06 the answer had no status, and a step whose hold had expired ran
     * unpaid.
     */
    @Test
    void aHoldAskedForAgainIsRenewedWhileHeldAndSaysWhenItExpired() {
        String tenant = TestStack.unique("again");
        String job = TestStack.unique("job-tp");
        Map<String, Object> body = Map.of("tenantId", tenant, "jobId", job,
                "quote", TestStack.quote(JobTypes.TEXTURE_RESTORE, null, 1.0, null));
        given().contentType("application/json").body(body).post("/holds").then().statusCode(201)
                .body("status", equalTo("HELD")).body("available", equalTo(23));

        setHold(job, "expires_at = now() + interval '1 minute'");
        given().contentType("application/json").body(body).post("/holds").then().statusCode(200)
                .body("status", equalTo("HELD")).body("available", equalTo(23)).body("held", equalTo(2));
        assertEquals(1, TestStack.queryLong("select count(*) from holds where job_id = ? and expires_at > now() + interval '50 minutes'", job),
                "renewed for the TTL (1 h)");

        // past its TTL, before or after the expiry job has come by
        setHold(job, "expires_at = now() - interval '1 second'");
        for (int i = 0; i < 2; i++) {
            given().contentType("application/json").body(body).post("/holds").then().statusCode(200)
                    .body("status", equalTo("EXPIRED")).body("available", equalTo(25)).body("held", equalTo(0));
        }
        given().get("/holds/" + job).then().statusCode(200).body("status", equalTo("EXPIRED"));
        assertEquals(1, TestStack.queryLong("select count(*) from ledger_entries where job_id = ? and kind = 'HOLD'", job));
        assertEquals(1, TestStack.queryLong("select count(*) from ledger_entries where job_id = ? and kind = 'RELEASE'", job));
        given().queryParam("tenantId", tenant).get("/reconciliation").then().statusCode(200).body("drift", equalTo(0));
    }

    /**
     * Renewal is bounded: a hold is renewed for a full TTL only while that ends within holds.renewable-for (6 h) of its
     * placing. Until 2026-12-06 a caller asking again and again kept a hold, and the tenant's credits, reserved forever.
     * Past the bound, the hold expires there and then (its credits come back), and the answer says EXPIRED: the caller
     * does not start a job with less than a TTL before its hold would be released.
     */
    @Test
    void aHoldIsRenewedOnlyUntilItsRenewableTimeIsUp() {
        String tenant = TestStack.unique("bound");
        String job = TestStack.unique("job-tp");
        Map<String, Object> body = Map.of("tenantId", tenant, "jobId", job,
                "quote", TestStack.quote(JobTypes.TEXTURE_RESTORE, null, 1.0, null));
        given().contentType("application/json").body(body).post("/holds").then().statusCode(201).body("status", equalTo("HELD"));

        // placed 4 h 50 min ago: a full TTL from now still ends within the 6 h
        setHold(job, "created_at = now() - interval '4 hours 50 minutes', expires_at = now() + interval '1 minute'");
        given().contentType("application/json").body(body).post("/holds").then().statusCode(200)
                .body("status", equalTo("HELD")).body("available", equalTo(23)).body("held", equalTo(2));
        assertEquals(1, TestStack.queryLong("select count(*) from holds where job_id = ? and expires_at > now() + interval '50 minutes'", job));

        // placed 5 h 10 min ago, within its TTL: another TTL would end past the 6 h
        setHold(job, "created_at = now() - interval '5 hours 10 minutes'");
        given().contentType("application/json").body(body).post("/holds").then().statusCode(200)
                .body("status", equalTo("EXPIRED")).body("available", equalTo(25)).body("held", equalTo(0));
        given().get("/holds/" + job).then().statusCode(200).body("status", equalTo("EXPIRED"));
        assertEquals(1, TestStack.queryLong("select count(*) from ledger_entries where job_id = ? and kind = 'RELEASE'", job));
        given().queryParam("tenantId", tenant).get("/reconciliation").then().statusCode(200).body("drift", equalTo(0));
    }

    /** A worker that stopped on a canceled job reports FAILED canceled after the gateway's CANCELED: one release only. */
    @Test
    void aWorkersFailedAfterTheCancelReleasesNothingMore() {
        String tenant = TestStack.unique("cancel");
        String job = TestStack.unique("job");
        given().contentType("application/json").body(Map.of("tenantId", tenant, "jobId", job,
                "quote", TestStack.quote(JobTypes.TEXTURE_RESTORE, null, 4.0, null))).post("/holds").then().statusCode(201);
        JobFailed canceled = new JobFailed(FailureCodes.CANCELED, "canceled by the user");
        EventEnvelope workerFailed = EventEnvelope.of(EventTypes.FAILED, tenant, job, canceled);
        try (KafkaProducer<String, String> producer = TestStack.producer()) {
            TestStack.send(producer, Topics.JOB_EVENTS, job, EventJson.write(EventEnvelope.of(EventTypes.CANCELED, tenant, job, canceled)));
            TestStack.send(producer, Topics.JOB_EVENTS, job, EventJson.write(workerFailed));
        }
        TestStack.await(Duration.ofSeconds(90), () -> TestStack.queryLong(
                "select count(*) from processed_events where event_id = ?", workerFailed.eventId()) == 1, "the worker's FAILED applied");
        assertEquals(1, TestStack.queryLong("select count(*) from ledger_entries where job_id = ? and kind = 'RELEASE'", job));
        given().get("/accounts/" + tenant + "/balance").then().body("available", equalTo(25)).body("held", equalTo(0));
        given().get("/holds/" + job).then().statusCode(200).body("status", equalTo("RELEASED"));
        given().queryParam("tenantId", tenant).get("/reconciliation").then().statusCode(200).body("drift", equalTo(0));
    }

    /**
     * The cancel decides the charge, in either order on the job's partition. The gateway's cancel can land after the
     * worker finished but before the gateway applied its COMPLETED: the COMPLETED then precedes the CANCELED here, and
     * the capture is given back (the gateway drops that job's result: it stays canceled). Until 2026-12-07 the CANCELED
     * found nothing HELD and the canceled job stayed charged in full, logged "CANCELED applied (RELEASE)". A CANCELED
     * redelivered or republished gives nothing back twice, and an admin refund finds nothing left to refund.
     */
    @Test
    void aCanceledJobIsNeverChargedWhicheverOfItsCompletedAndCanceledComesFirst() {
        String lateTenant = TestStack.unique("latecancel");
        String late = TestStack.unique("job");
        String earlyTenant = TestStack.unique("earlycancel");
        String early = TestStack.unique("job");
        for (String[] tj : new String[][] {{lateTenant, late}, {earlyTenant, early}}) {
            // flux-2-pro at 2 MP holds 6 of the free 25; run at 1 MP it costs 4 (a partial capture)
            given().contentType("application/json").body(Map.of("tenantId", tj[0], "jobId", tj[1],
                    "quote", TestStack.quote(JobTypes.GENERATE, "flux-2-pro", 2.0, null))).post("/holds").then().statusCode(201);
        }
        EventEnvelope lateCancel = canceled(lateTenant, late);
        EventEnvelope earlyCancel = canceled(earlyTenant, early);
        UUID earlyCompleted = UUID.randomUUID();
        try (KafkaProducer<String, String> producer = TestStack.producer()) {
            TestStack.send(producer, Topics.JOB_EVENTS, late, TestStack.completed(lateTenant, late, JobTypes.GENERATE, "flux-2-pro", 1.0, null));
            TestStack.send(producer, Topics.JOB_EVENTS, late, EventJson.write(lateCancel));
            TestStack.send(producer, Topics.JOB_EVENTS, early, EventJson.write(earlyCancel));
            TestStack.send(producer, Topics.JOB_EVENTS, early, TestStack.completed(earlyCompleted, earlyTenant, early, JobTypes.GENERATE,
                    "flux-2-pro", 1.0, null));
        }
        awaitApplied(lateCancel.eventId());
        awaitApplied(earlyCompleted);

        given().get("/accounts/" + lateTenant + "/balance").then().body("available", equalTo(25)).body("held", equalTo(0));
        given().get("/holds/" + late).then().statusCode(200).body("status", equalTo("RELEASED")).body("captured", equalTo(4));
        given().queryParam("jobId", late).get("/accounts/" + lateTenant + "/ledger").then().statusCode(200)
                .body("items.kind", org.hamcrest.Matchers.contains("REFUND", "RELEASE", "CAPTURE", "HOLD"))
                .body("items[0].amount", equalTo(4)).body("items[0].idempotencyKey", equalTo("cancel-refund:" + late));
        given().get("/accounts/" + earlyTenant + "/balance").then().body("available", equalTo(25)).body("held", equalTo(0));
        given().queryParam("jobId", early).get("/accounts/" + earlyTenant + "/ledger").then().statusCode(200)
                .body("items.kind", org.hamcrest.Matchers.contains("RELEASE", "HOLD")).body("items[0].amount", equalTo(6));

        // redelivered (same event id) and republished (a new one): nothing more
        EventEnvelope republished = canceled(lateTenant, late);
        try (KafkaProducer<String, String> producer = TestStack.producer()) {
            TestStack.send(producer, Topics.JOB_EVENTS, late, EventJson.write(lateCancel));
            TestStack.send(producer, Topics.JOB_EVENTS, late, EventJson.write(republished));
        }
        awaitApplied(republished.eventId());
        assertEquals(1, TestStack.queryLong("select count(*) from ledger_entries where job_id = ? and kind = 'REFUND'", late));
        given().get("/accounts/" + lateTenant + "/balance").then().body("available", equalTo(25)).body("held", equalTo(0));
        given().contentType("application/json").body(Map.of("jobId", late)).post("/accounts/" + lateTenant + "/refunds").then()
                .statusCode(404).body("detail", containsString("no captured charge"));
        for (String tenant : new String[] {lateTenant, earlyTenant}) {
            given().queryParam("tenantId", tenant).get("/reconciliation").then().statusCode(200).body("drift", equalTo(0));
        }
    }

    /** An admin refunded part of a job's charge before its late CANCELED: the cancel gives back the rest, never more. */
    @Test
    void aLateCancelGivesBackWhatAnAdminRefundLeft() {
        String tenant = TestStack.unique("refundcancel");
        String job = TestStack.unique("job");
        given().contentType("application/json").body(Map.of("tenantId", tenant, "jobId", job,
                "quote", TestStack.quote(JobTypes.GENERATE, "flux-2-pro", 2.0, null))).post("/holds").then().statusCode(201);
        try (KafkaProducer<String, String> producer = TestStack.producer()) {
            TestStack.send(producer, Topics.JOB_EVENTS, job, TestStack.completed(tenant, job, JobTypes.GENERATE, "flux-2-pro", 1.0, null));
        }
        TestStack.await(Duration.ofSeconds(90), () -> TestStack.queryLong(
                "select count(*) from holds where job_id = ? and status = 'CAPTURED'", job) == 1, "capture of " + job);
        given().contentType("application/json").body(Map.of("jobId", job, "amount", 1)).post("/accounts/" + tenant + "/refunds")
                .then().statusCode(201);
        EventEnvelope cancel = canceled(tenant, job);
        try (KafkaProducer<String, String> producer = TestStack.producer()) {
            TestStack.send(producer, Topics.JOB_EVENTS, job, EventJson.write(cancel));
        }
        awaitApplied(cancel.eventId());
        given().get("/accounts/" + tenant + "/balance").then().body("available", equalTo(25)).body("held", equalTo(0));
        assertEquals(3, TestStack.queryLong("select amount from ledger_entries where job_id = ? and idempotency_key like 'cancel-refund:%'", job));
        given().queryParam("tenantId", tenant).get("/reconciliation").then().statusCode(200).body("drift", equalTo(0));
    }

    private static EventEnvelope canceled(String tenant, String job) {
        return EventEnvelope.of(EventTypes.CANCELED, tenant, job, new JobFailed(FailureCodes.CANCELED, "canceled by the user"));
    }

    private static void awaitApplied(UUID eventId) {
        TestStack.await(Duration.ofSeconds(90), () -> TestStack.queryLong(
                "select count(*) from processed_events where event_id = ?", eventId) == 1, "event " + eventId + " applied");
    }

    @Test
    void validationErrorsAreProblems() {
        given().contentType("application/json").body(Map.of("tenantId", "t", "jobId", "j",
                        "quote", TestStack.quote("paint", null, 1.0, null)))
                .post("/holds").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://realskin.io/problems/invalid-request")).body("detail", containsString("operation"));
        given().contentType("application/json").body("{not json").post("/holds").then().statusCode(400)
                .contentType("application/problem+json");
        given().get("/accounts/nobody-" + System.nanoTime() + "/balance").then().statusCode(404)
                .contentType("application/problem+json");
        assertEquals(0, TestStack.queryLong("select count(*) from accounts where tenant_id = 't'"));
    }

    /** Sets columns of the job's hold behind billing's back (its age, its expiry), as time would. */
    private static void setHold(String job, String assignments) {
        assertEquals(1, TestStack.queryLong("with x as (update holds set " + assignments + " where job_id = ? returning 1) "
                + "select count(*) from x", job));
    }
}
