package io.realskin.billing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.JobTypes;
import io.realskin.local.LocalStackResource;
import io.realskin.local.ServiceTokenFilter;
import io.restassured.RestAssured;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every id and string field is checked (one id grammar, no control characters, bounded length) before it reaches
 * SQL: a NUL byte is a 400 problem, never PostgreSQL's 500.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class InputValidationTest {
    private static final String INVALID = "https://realskin.io/problems/invalid-request";

    /** As the gateway's admin operations (it ran with the token another class had set, and alone it was 401 throughout). */
    @BeforeAll
    static void callAsTheGatewaysAdmin() {
        RestAssured.replaceFiltersWith(new ServiceTokenFilter("billing-service", "admin", "admin"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/accounts/%s/ledger?jobId=job%%00x", "/accounts/%s/ledger?kind=%%00", "/accounts/%s/ledger?cursor=%%00",
            "/accounts/ten%%00x/balance", "/accounts/ten%%00x/ledger", "/accounts/ten%%00x", "/holds/job%%00x",
            "/reconciliation?tenantId=ten%%00x", "/accounts/%s/ledger?jobId=" + "j%%20"})
    void aControlByteOrABadIdInAPathOrQueryIsA400(String pathTemplate) {
        String tenant = TestStack.unique("ten");
        given().contentType("application/json").body(Map.of("plan", "pro")).put("/accounts/" + tenant).then().statusCode(200);
        given().urlEncodingEnabled(false).get(String.format(pathTemplate, tenant)).then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo(INVALID));
    }

    @Test
    void aControlByteInABodyIsA400() {
        String tenant = TestStack.unique("ten");
        given().contentType("application/json").body(Map.of("plan", "pro")).put("/accounts/" + tenant).then().statusCode(200);
        hold(tenant, "job\u0000x", TestStack.quote(JobTypes.GENERATE, "flux-2-pro", 1.0, null));
        hold(tenant, TestStack.unique("job"), TestStack.quote(JobTypes.GENERATE, "flux\u0000pro", 1.0, null));
        hold(tenant, TestStack.unique("job"), TestStack.quote("gen\u0000erate", "flux-2-pro", 1.0, null));
        hold("ten\u0000x", TestStack.unique("job"), TestStack.quote(JobTypes.GENERATE, "flux-2-pro", 1.0, null));
        given().contentType("application/json").body(Map.of("amount", 5, "idempotencyKey", "k\u0000", "reason", "r"))
                .post("/accounts/" + tenant + "/grants").then().statusCode(400).body("type", equalTo(INVALID));
        given().contentType("application/json").body(Map.of("amount", 5, "idempotencyKey", TestStack.unique("k"), "reason", "r\u0000"))
                .post("/accounts/" + tenant + "/grants").then().statusCode(400).body("type", equalTo(INVALID));
        given().contentType("application/json").body(Map.of("jobId", "job\u0000", "reason", "r")).post("/accounts/" + tenant + "/refunds")
                .then().statusCode(400).body("type", equalTo(INVALID));
        given().contentType("application/json").body(Map.of("plan", "pro\u0000")).put("/accounts/" + tenant).then().statusCode(400)
                .body("type", equalTo(INVALID));
        given().contentType("application/json").body(Map.of("code", "c\u0000")).put("/accounts/" + tenant + "/referrer").then()
                .statusCode(400).body("type", equalTo(INVALID));
        Map<String, Object> quote = new LinkedHashMap<>(TestStack.quote(JobTypes.GENERATE, "m\u0000", 1.0, null));
        quote.put("tenantId", tenant);
        given().contentType("application/json").body(quote).post("/quotes").then().statusCode(400).body("type", equalTo(INVALID));
        given().get("/accounts/" + tenant + "/balance").then().statusCode(200).body("held", equalTo(0));
    }

    /**
     * A field a body does not define was dropped and its default used: a hold whose quote misspelt {@code megapixels}
     * was priced and held at 1 MP (4 credits for a 40 MP generate, 82 now), a grant's misspelt {@code reason} booked
     * without one. Now 400 naming the field, before anything is booked; a field given as null is as absent (the
     * gateway writes every field of its records, nulls included).
     */
    @Test
    void aFieldABodyDoesNotDefineIsA400NamingIt() {
        String tenant = TestStack.unique("ten");
        given().contentType("application/json").body(Map.of("plan", "pro")).put("/accounts/" + tenant).then().statusCode(200);
        Map<String, Object> quote = new LinkedHashMap<>(TestStack.quote(JobTypes.GENERATE, "flux-2-pro", 1.0, null));
        quote.remove("megapixels");
        quote.put("megapixles", 40.0);
        given().contentType("application/json").body(Map.of("tenantId", tenant, "jobId", TestStack.unique("job"), "quote", quote))
                .post("/holds").then().statusCode(400).contentType("application/problem+json").body("type", equalTo(INVALID))
                .body("field", equalTo("quote.megapixles"));
        given().contentType("application/json").body(Map.of("amount", 5, "idempotencyKey", TestStack.unique("k"), "reasn", "r"))
                .post("/accounts/" + tenant + "/grants").then().statusCode(400).body("type", equalTo(INVALID)).body("field", equalTo("reasn"));
        given().get("/accounts/" + tenant + "/balance").then().statusCode(200).body("held", equalTo(0)).body("available", equalTo(500));
        Map<String, Object> withNull = new LinkedHashMap<>(Map.of("amount", 5, "idempotencyKey", TestStack.unique("k")));
        withNull.put("addedByANewerGateway", null);
        given().contentType("application/json").body(withNull).post("/accounts/" + tenant + "/grants").then().statusCode(201);
    }

    /**
     * An amount past what a bigint balance can add was PostgreSQL's out-of-range error, a 500. One past a long's range
     * (refused by Jackson before billing's check) was told a long's range ("amount: must be a whole number between
     * -9223372036854775808 and 9223372036854775807"), and a grant of 1000000001 that negative amounts were allowed: each
     * is told its endpoint's range, as an amount just past it is.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "grants      | 1000000001           | amount must be between 1 and 1000000000 credits",
            "grants      | 0                    | amount must be between 1 and 1000000000 credits",
            "grants      | 9223372036854775807  | amount must be between 1 and 1000000000 credits",
            "grants      | 9223372036854775808  | amount must be between 1 and 1000000000 credits",
            "purchases   | 99999999999999999999 | amount must be between 1 and 1000000000 credits",
            "purchases   | -9223372036854775809 | amount must be between 1 and 1000000000 credits",
            "purchases   | 1e30                 | amount must be between 1 and 1000000000 credits",
            "adjustments | -1000000001          | amount must be between -1000000000 and 1000000000 credits",
            "adjustments | -9223372036854775808 | amount must be between -1000000000 and 1000000000 credits",
            "adjustments | -9223372036854775809 | amount must be between -1000000000 and 1000000000 credits",
            "adjustments | 9223372036854775808  | amount must be between -1000000000 and 1000000000 credits",
            "refunds     | 9223372036854775808  | amount must be between 1 and what the job was charged"})
    void anAmountPastTheLimitIsA400NamingTheEndpointsRange(String route, String amount, String detail) {
        String tenant = TestStack.unique("ten");
        given().contentType("application/json").body(Map.of("plan", "pro")).put("/accounts/" + tenant).then().statusCode(200);
        int available = given().get("/accounts/" + tenant + "/balance").then().statusCode(200).extract().path("available");
        given().contentType("application/json")
                .body("{\"amount\":" + amount + (route.equals("refunds") ? ",\"jobId\":\"j1\"}"
                        : ",\"idempotencyKey\":\"" + TestStack.unique("k") + "\"}")) // each its own fields: another is refused
                .post("/accounts/" + tenant + "/" + route).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(INVALID)).body("field", equalTo("amount")).body("detail", equalTo(detail))
                .body("instance", equalTo("/accounts/" + tenant + "/" + route));
        given().get("/accounts/" + tenant + "/balance").then().statusCode(200).body("available", equalTo(available)).body("held", equalTo(0));
    }

    /** Any other value Jackson refuses in these bodies is answered as before (the shared mappers). */
    @Test
    void anotherRefusedValueOfACreditBodyIsTheSharedAnswer() {
        String tenant = proTenant();
        given().contentType("application/json").body("{\"amount\":5.5,\"idempotencyKey\":\"k\"}").post("/accounts/" + tenant + "/adjustments")
                .then().statusCode(400).contentType("application/problem+json").body("type", equalTo(INVALID))
                .body("field", equalTo("amount")).body("detail", equalTo("amount: must be a whole number"));
        assertUntouched(tenant);
    }

    /**
     * An amount written 5.0 (Python's json.dumps of a float) was refused though whole; a fraction is refused naming the
     * field, never cut (one rule for every whole number: contracts' WholeNumbers).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {"5.0|5", "5e0|5", "0.5E1|5", "5.00|5", "5.5|-", "5e-1|-", "4.999|-"})
    void anAmountIsReadAsTheWholeNumberItIsNeverCut(String written, Integer booked) {
        String tenant = TestStack.unique("ten");
        given().contentType("application/json").body(Map.of("plan", "pro")).put("/accounts/" + tenant).then().statusCode(200);
        int available = given().get("/accounts/" + tenant + "/balance").then().statusCode(200).extract().path("available");
        var answer = given().contentType("application/json")
                .body("{\"amount\":" + written + ",\"idempotencyKey\":\"" + TestStack.unique("k") + "\"}")
                .post("/accounts/" + tenant + "/grants").then();
        if (booked == null) {
            answer.statusCode(400).contentType("application/problem+json").body("type", equalTo(INVALID))
                    .body("field", equalTo("amount")).body("detail", equalTo("amount: must be a whole number"));
        } else {
            answer.statusCode(201).body("amount", equalTo(booked));
        }
        given().get("/accounts/" + tenant + "/balance").then().statusCode(200)
                .body("available", equalTo(available + (booked == null ? 0 : booked)));
    }

    /** A number or a yes or no for a text was read as its text ("reason": 42 booked the reason "42"): 400 naming it. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PUT  | /accounts/{tenant}          | {\"plan\":1}                                                  | plan",
            "PUT  | /accounts/{tenant}/referrer | {\"code\":true}                                               | code",
            "POST | /accounts/{tenant}/grants   | {\"amount\":5,\"idempotencyKey\":7}                         | idempotencyKey",
            "POST | /accounts/{tenant}/grants   | {\"amount\":5,\"idempotencyKey\":\"k-{tenant}\",\"reason\":4.5} | reason",
            "POST | /accounts/{tenant}/refunds  | {\"jobId\":42}                                                | jobId",
            "POST | /quotes                     | {\"tenantId\":\"{tenant}\",\"operation\":1,\"model\":\"flux-2-pro\"} | operation",
            "POST | /holds                      | {\"tenantId\":\"{tenant}\",\"jobId\":false}                | jobId"})
    void aNumberOrAYesOrNoForATextIsA400NamingIt(String method, String path, String template, String field) {
        String tenant = proTenant();
        given().contentType("application/json").body(template.replace("{tenant}", tenant)).request(method, path.replace("{tenant}", tenant))
                .then().statusCode(400).contentType("application/problem+json").body("type", equalTo(INVALID))
                .body("field", equalTo(field)).body("detail", equalTo(field + ": must be a string"));
        assertUntouched(tenant);
    }

    /**
     * billing's own checks named the field only in the detail: each names it in {@code field}, a quote's field by its path
     * in the body ({@code quote.megapixels} in a hold). ({tenant}, {code}: the tenant's own referral code, {long}: 501
     * characters.) A limit or a price version that is no integer was answered 404 "there is no /accounts/…/ledger" (JAX-RS
     * converting an Integer parameter). A quote's number given as "NaN" (which Jackson reads into a double despite the strict reading of
     * numbers) passed the range checks: a free tenant's hold of a generate job at NaN MP went past the plan's 2 MP and
     * cost the base price, a skin inpaint with a NaN masked fraction its minimum.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "POST | /quotes                       | {\"tenantId\":\"{tenant}\",\"operation\":\"generate\",\"megapixels\":401} | megapixels",
            "POST | /quotes                       | {\"operation\":\"texture-restore\",\"maskedFraction\":1.5}          | maskedFraction",
            "POST | /quotes                       | {\"operation\":\"no-such-operation\"}                                  | operation",
            "POST | /quotes                       | {\"tenantId\":\"{tenant}\",\"operation\":\"generate\",\"megapixels\":\"NaN\"} | megapixels",
            "POST | /quotes                       | {\"operation\":\"skin-inpaint\",\"maskedFraction\":\"NaN\"}           | maskedFraction",
            "POST | /holds                        | {\"tenantId\":\"{tenant}\",\"jobId\":\"job-{tenant}\",\"quote\":{\"operation\":\"generate\",\"megapixels\":\"NaN\"}} | quote.megapixels",
            "POST | /holds                        | {\"tenantId\":\"{tenant}\",\"jobId\":\"job-{tenant}\",\"quote\":{\"operation\":\"skin-inpaint\",\"maskedFraction\":\"NaN\"}} | quote.maskedFraction",
            "POST | /holds                        | {\"tenantId\":\"{tenant}\",\"jobId\":\"job-{tenant}\"}           | quote",
            "POST | /holds                        | {\"tenantId\":\"{tenant}\",\"jobId\":\"job-{tenant}\",\"quote\":{\"operation\":\"generate\",\"megapixels\":-1}} | quote.megapixels",
            "POST | /holds                        | {\"tenantId\":\"{tenant}\",\"jobId\":\"job-{tenant}\",\"quote\":{\"operation\":\"no-such-operation\"}} | quote.operation",
            "POST | /holds                        | {\"tenantId\":\"{tenant}\",\"jobId\":\"job x\",\"quote\":{\"operation\":\"generate\"}} | jobId",
            "POST | /accounts/{tenant}/grants     | {\"idempotencyKey\":\"k-{tenant}\"}                                   | amount",
            "POST | /accounts/{tenant}/grants     | {\"amount\":0,\"idempotencyKey\":\"k-{tenant}\"}                    | amount",
            "POST | /accounts/{tenant}/adjustments | {\"amount\":0,\"idempotencyKey\":\"k-{tenant}\"}                   | amount",
            "POST | /accounts/{tenant}/grants     | {\"amount\":1000000001,\"idempotencyKey\":\"k-{tenant}\"}           | amount",
            "POST | /accounts/{tenant}/grants     | {\"amount\":5}                                                           | idempotencyKey",
            "POST | /accounts/{tenant}/grants     | {\"amount\":5,\"idempotencyKey\":\"k-{tenant}\",\"reason\":\"{long}\"} | reason",
            "PUT  | /accounts/{tenant}            | {\"plan\":\"gold\"}                                                   | plan",
            "PUT  | /accounts/{tenant}            | {\"plan\":\"pro plan\"}                                               | plan",
            "PUT  | /accounts/{tenant}/referrer   | {\"code\":\"no-such-code\"}                                           | code",
            "PUT  | /accounts/{tenant}/referrer   | {\"code\":\"{code}\"}                                                 | code",
            "GET  | /accounts/{tenant}/ledger?limit=0         | -                                                             | limit",
            "GET  | /accounts/{tenant}/ledger?cursor=not-ours | -                                                             | cursor",
            "GET  | /accounts/{tenant}/ledger?limit=abc       | -                                                             | limit",
            "GET  | /accounts/{tenant}/ledger?limit=1.5       | -                                                             | limit",
            "GET  | /accounts/{tenant}/ledger?limit=99999999999 | -                                                           | limit",
            "GET  | /prices?version=abc                       | -                                                             | version",
            "GET  | /accounts/{tenant}/ledger?kind=no-such-kind | -                                                           | kind",
            "GET  | /accounts/ten.x/balance                   | -                                                             | tenantId"})
    void eachOwnCheckNamesItsField(String method, String path, String template, String field) {
        String tenant = proTenant();
        var request = given().contentType("application/json");
        if (template != null) {
            String code = template.contains("{code}") ? given().get("/accounts/" + tenant).then().extract().path("referralCode") : "";
            request.body(template.replace("{tenant}", tenant).replace("{code}", code).replace("{long}", "r".repeat(501)));
        }
        request.request(method, path.replace("{tenant}", tenant)).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(INVALID)).body("field", equalTo(field));
        assertUntouched(tenant);
    }

    /** A new tenant on the pro plan. */
    private static String proTenant() {
        String tenant = TestStack.unique("ten");
        given().contentType("application/json").body(Map.of("plan", "pro")).put("/accounts/" + tenant).then().statusCode(200);
        return tenant;
    }

    /** The refused request held nothing and changed no plan. */
    private static void assertUntouched(String tenant) {
        given().get("/accounts/" + tenant + "/balance").then().statusCode(200).body("held", equalTo(0)).body("plan", equalTo("pro"));
    }

    /** A key given twice is named, as the gateway names it (one mapper, service-support's). */
    @Test
    void anAmountGivenTwiceIsA400NamingIt() {
        String tenant = TestStack.unique("ten");
        given().contentType("application/json").body(Map.of("plan", "pro")).put("/accounts/" + tenant).then().statusCode(200);
        int available = given().get("/accounts/" + tenant + "/balance").then().statusCode(200).extract().path("available");
        given().contentType("application/json").body("{\"amount\":5,\"amount\":500,\"idempotencyKey\":\"" + TestStack.unique("k") + "\"}")
                .post("/accounts/" + tenant + "/grants").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(INVALID)).body("field", equalTo("amount"))
                .body("detail", equalTo("amount: given more than once; send each field once"));
        given().get("/accounts/" + tenant + "/balance").then().statusCode(200).body("available", equalTo(available));
    }

    @Test
    void thePlansCarryTheRequestLimitsTheGatewayEnforces() {
        given().get("/plans").then().statusCode(200)
                .body("free.requestsPerMinute", equalTo(60)).body("pro.requestsPerMinute", equalTo(600))
                .body("creator.requestsPerMinute", equalTo(1200)).body("ultimate.requestsPerMinute", equalTo(3000));
    }

    private static void hold(String tenant, String job, Map<String, Object> quote) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenantId", tenant);
        body.put("jobId", job);
        body.put("quote", quote);
        given().contentType("application/json").body(body).post("/holds").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo(INVALID));
    }
}
