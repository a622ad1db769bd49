package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.LocalStackResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bodies and parameters the gateway cannot read are an application/problem+json 400, whatever is wrong with them. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class ProblemJsonTest {
    private static final String INVALID = "https://realskin.io/problems/invalid-request";

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"texture-restore\",\"imageId\":\"img_a\",\"intensity\":\"abc\"}",
            "{\"type\":\"texture-restore\",\"imageId\":[1,2]}", "[1,2,3]", "\"texture-restore\"", "42", "{\"type\":",
            "{\"type\":\"generate\",\"prompt\":\"p\",\"consent\":\"maybe\"}",
            "{\"type\":\"analyze\",\"imageId\":\"img_a\"} {\"type\":\"analyze\",\"imageId\":\"img_b\"}"})
    void anUnreadableJobIsA400Problem(String body) {
        String key = Api.tenantAndKey()[1];
        as(key).contentType("application/json").body(body).post("/v1/jobs").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo(INVALID)).body("status", equalTo(400));
    }

    @Test
    void deeplyNestedJsonIsA400Problem() {
        String key = Api.tenantAndKey()[1];
        String nested = "[".repeat(200) + "]".repeat(200);
        Api.asUnlogged(key).contentType("application/json").body("{\"prompt\":\"p\",\"x\":" + nested + "}").post("/v1/prompts/lint")
                .then().statusCode(400).contentType("application/problem+json").body("type", equalTo(INVALID));
        Api.asUnlogged(key).contentType("application/json").body("{\"type\":\"analyze\",\"imageId\":\"img_a\",\"x\":" + nested + "}")
                .post("/v1/jobs").then().statusCode(400).contentType("application/problem+json").body("type", equalTo(INVALID));
    }

    /** The prompt routes read prompt-service's records: what is wrong is named before prompt-service is asked. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "/v1/prompts/enhance | {\"prompt\":[\"a portrait\"]}          | prompt: must be a string                      | prompt",
            "/v1/prompts/lint    | {\"prompt\":{\"text\":\"a portrait\"}}   | prompt: must be a string                      | prompt",
            "/v1/prompts/enhance | {\"prompt\":\"a\\u0000portrait\"}        | prompt: must not contain control characters   | prompt",
            "/v1/models/recommend | {\"phase\":\"final\",\"needs\":\"reference\"} | needs: must be an array                 | needs",
            "/v1/models/recommend | {\"phase\":\"final\",\"needs\":[[1]]}   | needs[0]: must be a string                    | needs[0]",
            "/v1/advice          | [1,2]                                     | the body must be an object                    | -",
            "/v1/advice          | '{\"stage\":'                           | the body is not valid JSON (line 1, column 10) | -"})
    void aPromptBodyOfTheWrongShapeIsA400NamingTheField(String path, String body, String detail, String field) {
        String key = Api.tenantAndKey()[1];
        as(key).contentType("application/json").body(body).post(path).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(INVALID)).body("detail", equalTo(detail)).body("field", equalTo(field))
                .body("instance", equalTo(path));
    }

    /**
     * Every JSON body of the API refuses a field its record does not define (a job's by its type: JobBodyFields), naming
     * it with the field it likely meant, before the route runs: each was dropped unread ({@code {"Name": …}} made a key
     * without a name, {@code {"Plan": …}} a free tenant, a misspelt grant's {@code idempotency_key} booked without one).
     * The tenant routes as a tenant's key, the admin routes as the administrator.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "tenant | POST | /v1/api-keys                   | {\"scopes\":[\"jobs:read\"],\"Name\":\"ci\"}                    | Name               | name",
            "tenant | POST | /v1/texture-profiles           | {\"image_id\":\"img_a\",\"consent\":true}                          | image_id           | imageId",
            "tenant | PUT  | /v1/webhooks                   | {\"webhookUrl\":\"https://hooks.example.com/h\"}                    | webhookUrl         | -",
            "admin  | POST | /v1/admin/api-keys             | {\"tenantId\":\"ten_a\",\"scopes\":[\"jobs:read\"],\"ratelimitPerMinute\":5} | ratelimitPerMinute | rateLimitPerMinute",
            "admin  | POST | /v1/admin/tenants/{t}/suspend  | {\"reasn\":\"chargeback\"}                                          | reasn              | reason",
            "admin  | PUT  | /v1/admin/tenants/{t}/plan     | {\"Plan\":\"ultimate\"}                                               | Plan               | plan",
            "admin  | POST | /v1/admin/tenants/{t}/grants   | {\"amount\":5,\"idempotency_key\":\"ticket-1\"}                     | idempotency_key    | idempotencyKey",
            "admin  | POST | /v1/admin/tenants/{t}/adjustments | {\"amount\":5,\"idempotencyKey\":\"ticket-2\",\"reson\":\"x\"} | reson              | reason",
            "admin  | POST | /v1/admin/tenants/{t}/refunds  | {\"jobId\":\"job_a\",\"ammount\":5}                                  | ammount            | amount"})
    void aFieldTheBodyDoesNotDefineIsA400NamingItAndWhatItMeant(String caller, String method, String path, String body, String field,
                                                                 String meant) {
        String tenant = Api.tenant("pro");
        var request = caller.equals("admin") ? Api.admin() : as(Api.key(tenant, "jobs:write", "jobs:read", "keys:write"));
        String where = path.replace("{t}", tenant);
        var answer = request.contentType("application/json").body(body).request(method, where).then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo(INVALID)).body("field", equalTo(field))
                .body("instance", equalTo(where));
        if (meant == null) {
            answer.body("suggestions", org.hamcrest.Matchers.nullValue())
                    .body("detail", equalTo(field + " is not a field of this body; the body takes url"));
        } else {
            answer.body("suggestions." + field, equalTo(meant))
                    .body("detail", equalTo(field + " is not a field of this body; did you mean " + meant + "?"));
        }
    }

    /** No body at all is prompt-service's to judge, as before: its own problem comes back. */
    @Test
    void aPromptRouteWithoutABodyPassesPromptServicesAnswerOn() {
        String key = Api.tenantAndKey()[1];
        as(key).contentType("application/json").post("/v1/prompts/enhance").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("https://realskin.io/problems/prompt-empty"));
    }

    @Test
    void aLimitThatIsNoNumberIsA400NotA404() {
        String key = Api.tenantAndKey()[1];
        for (String path : new String[] {"/v1/jobs?limit=abc", "/v1/webhooks/deliveries?limit=abc", "/v1/billing/ledger?limit=abc",
                "/v1/jobs?limit=99999999999"}) {
            as(key).get(path).then().statusCode(400).contentType("application/problem+json").body("type", equalTo(INVALID));
        }
    }

    /** The framework's messages were passed on ("did not match the value in @Consumes", "HTTP 405 Method Not Allowed"). */
    @Test
    void aBodyTypeOrMethodARouteDoesNotTakeIsSaidInTheClientsWords() {
        String key = Api.tenantAndKey()[1];
        as(key).contentType("text/plain").body("{}").post("/v1/images").then().statusCode(415).contentType("application/problem+json")
                .body("type", equalTo("https://realskin.io/problems/unsupported-media-type"))
                .body("detail", equalTo("/v1/images does not take a body of Content-Type text/plain; charset=ISO-8859-1; "
                        + "GET /q/openapi lists the types it takes"));
        as(key).delete("/v1/jobs").then().statusCode(405).contentType("application/problem+json")
                .body("type", equalTo("https://realskin.io/problems/method-not-allowed"))
                .body("detail", equalTo("/v1/jobs does not take DELETE; it takes GET, HEAD, OPTIONS, POST"))
                .header("Allow", "GET, HEAD, OPTIONS, POST"); // RFC 9110: a 405 names what the path takes
        // the methods of the path itself, not of every path of its resource class
        as(key).put("/v1/jobs/job_x/cancel").then().statusCode(405).header("Allow", "OPTIONS, POST");
        as(key).post("/v1/images/img_x").then().statusCode(405).header("Allow", "DELETE, GET, HEAD, OPTIONS");
    }

    /**
     * The router answered an OPTIONS with every method of the resource class the path fell under: OPTIONS of
     * /v1/images/x/y/z was 200 where a GET is 404, and /v1/jobs/job_x/cancel listed GET and DELETE, which its 405 does not.
     */
    @Test
    void anOptionsSaysWhatThe405SaysForThatPath() {
        String key = Api.tenantAndKey()[1];
        for (String[] pathAndAllow : new String[][] {{"/v1/jobs", "GET, HEAD, OPTIONS, POST"}, {"/v1/jobs/job_x/cancel", "OPTIONS, POST"},
                {"/v1/images/img_x", "DELETE, GET, HEAD, OPTIONS"}}) {
            String path = pathAndAllow[0];
            as(key).options(path).then().statusCode(200).header("Allow", pathAndAllow[1]);
            as(key).patch(path).then().statusCode(405).header("Allow", pathAndAllow[1]);
        }
        for (String path : new String[] {"/v1/images/x/y/z", "/v1/jobs/job_x/cancel/more"}) {
            as(key).options(path).then().statusCode(404).contentType("application/problem+json")
                    .body("type", equalTo("https://realskin.io/problems/not-found")).header("Allow", equalTo(null));
            as(key).get(path).then().statusCode(404);
        }
    }

    @Test
    void aNullScopeIsA400NotA500() {
        String tenant = Api.tenant("pro");
        Api.admin().contentType("application/json").body("{\"tenantId\":\"" + tenant + "\",\"scopes\":[null]}").post("/v1/admin/api-keys")
                .then().statusCode(400).contentType("application/problem+json").body("type", equalTo(INVALID));
        Api.admin().contentType("application/json").body("{\"tenantId\":\"" + tenant + "\",\"scopes\":[\"jobs:read\",null]}")
                .post("/v1/admin/api-keys").then().statusCode(400).body("type", equalTo(INVALID));
    }
}
