package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.Topics;
import io.realskin.gateway.tenants.TenantJobCancels;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Operators cancel a tenant's jobs ({@code POST /v1/admin/tenants/{id}/jobs/{jobId}/cancel} and
 * {@code POST /v1/admin/tenants/{id}/jobs/cancel}), suspended or not: each job ends as the tenant's own cancel would end
 * it (canceled, a CANCELED event for billing, its texture-pass step with it), its error saying an operator did it.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class AdminJobCancelTest {
    private static final Duration KAFKA = Duration.ofSeconds(90);
    private static final String NOT_FOUND = "https://realskin.io/problems/not-found";
    private static final String FORBIDDEN = "https://realskin.io/problems/insufficient-scope";
    private static final String JOB_FINISHED = "https://realskin.io/problems/job-finished";

    @Inject
    MeterRegistry registry;

    /** realskin_gateway_jobs_canceled_total{by} summed over job types. */
    private double canceledBy(String by) {
        return registry.find("realskin.gateway.jobs.canceled").tag("by", by).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static ValidatableResponse cancelOne(String tenant, String job) {
        return Api.admin().post("/v1/admin/tenants/" + tenant + "/jobs/" + job + "/cancel").then();
    }

    private static ValidatableResponse cancelAll(String tenant) {
        return Api.admin().post("/v1/admin/tenants/" + tenant + "/jobs/cancel").then();
    }

    /** A top-level job row written straight to the database, created {@code secondsAgo}. */
    private static String insertJob(String tenant, String type, String status, int secondsAgo) throws Exception {
        String id = "job_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        insertJob(id, tenant, type, status, null, secondsAgo);
        return id;
    }

    private static void insertJob(String id, String tenant, String type, String status, String parent, int secondsAgo) throws Exception {
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            Sql.execute(c, "insert into jobs (id, tenant_id, type, status, request, parent_job_id, created_at) values (?, ?, ?, ?, "
                    + "'{}'::jsonb, ?, now() - make_interval(secs => " + secondsAgo + "))", id, tenant, type, status, parent);
        }
    }

    private static boolean publishedCanceled(String job) {
        List<KafkaProbe.Received> events = Events.await(Topics.JOB_EVENTS, job, 1, KAFKA);
        return events.stream().map(e -> EventJson.readEnvelope(e.value())).map(EventEnvelope::type).anyMatch(EventTypes.CANCELED::equals);
    }

    @Test
    void anOperatorCancelsAnotherTenantsJobAsTheTenantsOwnCancelWould() {
        String[] tk = Api.tenantAndKey();
        String hook = "/operator-cancel/" + tk[0];
        as(tk[1]).post("/v1/webhooks/secrets").then().statusCode(201);
        as(tk[1]).contentType("application/json").body(Map.of("url", Stubs.receiverUrl(hook))).put("/v1/webhooks").then().statusCode(200);
        String image = Api.upload(tk[1]);
        String job = Api.submitTexture(tk[1], image);
        double byOperator = canceledBy("operator"), byTenant = canceledBy("tenant");

        cancelOne(tk[0], job).statusCode(200).body("id", equalTo(job)).body("status", equalTo("canceled"))
                .body("error.code", equalTo("canceled")).body("error.message", equalTo("canceled by an operator"))
                .body("urls.cancel", nullValue());
        as(tk[1]).get("/v1/jobs/" + job).then().statusCode(200).body("status", equalTo("canceled"))
                .body("error.message", equalTo("canceled by an operator"));
        as(tk[1]).accept("application/json").get("/v1/jobs/" + job + "/events").then().statusCode(200)
                .body("items.event", equalTo(List.of("queued", "canceled")));
        // billing releases the job's hold on this event
        assertTrue(publishedCanceled(job), "a CANCELED event on job.events for " + job);
        JsonPath delivered = JsonPath.from(WebhooksTest.awaitWebhook(hook, 1).get(0).get("body"));
        assertEquals("job.canceled", delivered.getString("type"));
        assertEquals(job, delivered.getString("data.id"));
        assertEquals("canceled by an operator", delivered.getString("data.error.message"));
        cancelOne(tk[0], job).statusCode(409).contentType("application/problem+json").body("type", equalTo(JOB_FINISHED))
                .body("jobStatus", equalTo("canceled"));

        // the tenant's own cancel still says it was the tenant's
        String own = Api.submitTexture(tk[1], image);
        as(tk[1]).post("/v1/jobs/" + own + "/cancel").then().statusCode(200).body("error.message", equalTo("canceled by the user"));
        assertEquals(byOperator + 1, canceledBy("operator"), "the operator's cancel is counted as the operator's, once");
        assertEquals(byTenant + 1, canceledBy("tenant"), "the tenant's own cancel is counted as the tenant's");
    }

    @Test
    void aGenerateJobsTexturePassIsCanceledWithIt() throws Exception {
        String tenant = Api.tenant("pro");
        String key = Api.key(tenant, "jobs:read");
        String parent = insertJob(tenant, "generate", "running", 20);
        insertJob(parent + "-tp", tenant, "texture-restore", "queued", parent, 10);

        cancelOne(tenant, parent).statusCode(200).body("status", equalTo("canceled"));
        as(key).get("/v1/jobs/" + parent + "-tp").then().statusCode(200).body("status", equalTo("canceled"))
                .body("error.message", equalTo("canceled by an operator"));
    }

    /** Canceled on its own, a texture-pass step ends its generate job too, which would otherwise wait for the stale-job check. */
    @Test
    void aTexturePassCanceledOnItsOwnEndsItsGenerateJob() throws Exception {
        String tenant = Api.tenant("pro");
        String key = Api.key(tenant, "jobs:read", "jobs:write");
        String parent = insertJob(tenant, "generate", "running", 20);
        insertJob(parent + "-tp", tenant, "texture-restore", "queued", parent, 10);

        as(key).post("/v1/jobs/" + parent + "-tp/cancel").then().statusCode(200).body("id", equalTo(parent + "-tp"))
                .body("status", equalTo("canceled")).body("error.message", equalTo("canceled by the user"));
        as(key).get("/v1/jobs/" + parent).then().statusCode(200).body("status", equalTo("canceled"))
                .body("error.code", equalTo("canceled"));
        assertTrue(publishedCanceled(parent), "a CANCELED event on job.events for " + parent);
        as(key).post("/v1/jobs/" + parent + "-tp/cancel").then().statusCode(409).body("type", equalTo(JOB_FINISHED));

        // an operator's cancel of a step does the same
        String other = insertJob(tenant, "generate", "running", 20);
        insertJob(other + "-tp", tenant, "texture-restore", "running", other, 10);
        cancelOne(tenant, other + "-tp").statusCode(200).body("status", equalTo("canceled"));
        as(key).get("/v1/jobs/" + other).then().statusCode(200).body("status", equalTo("canceled"))
                .body("error.message", equalTo("canceled by an operator"));
    }

    @Test
    void aFinishedJobIsNotCanceled() throws Exception {
        String tenant = Api.tenant("pro");
        String key = Api.key(tenant, "jobs:read");
        for (String status : List.of("completed", "failed")) {
            String job = insertJob(tenant, "texture-restore", status, 5);
            cancelOne(tenant, job).statusCode(409).contentType("application/problem+json").body("type", equalTo(JOB_FINISHED))
                    .body("jobStatus", equalTo(status));
            as(key).get("/v1/jobs/" + job).then().statusCode(200).body("status", equalTo(status)).body("error", nullValue());
        }
    }

    @Test
    void aJobIsFoundOnlyUnderItsOwnTenant() throws Exception {
        String owner = Api.tenant("pro");
        String other = Api.tenant("pro");
        String key = Api.key(owner, "jobs:read");
        String job = insertJob(owner, "texture-restore", "queued", 5);

        cancelOne(other, job).statusCode(404).contentType("application/problem+json").body("type", equalTo(NOT_FOUND));
        cancelOne("ten_nosuchtenant", job).statusCode(404).body("type", equalTo(NOT_FOUND))
                .body("detail", equalTo("tenant ten_nosuchtenant does not exist"));
        cancelOne(owner, "job_nosuchjob").statusCode(404).body("type", equalTo(NOT_FOUND));
        cancelAll("ten_nosuchtenant").statusCode(404).body("type", equalTo(NOT_FOUND));
        cancelAll(other).statusCode(200).body("canceled", equalTo(0));
        as(key).get("/v1/jobs/" + job).then().statusCode(200).body("status", equalTo("queued"));
    }

    @Test
    void onlyAdminKeysMayCancelAnotherTenantsJobs() throws Exception {
        String[] tk = Api.tenantAndKey();
        String job = insertJob(tk[0], "texture-restore", "queued", 5);
        String keysKey = Api.key(tk[0], "jobs:write", "jobs:read", "keys:write");
        String adminTenantsPartnerKey = Api.key("admin", "jobs:write", "jobs:read");
        for (String key : List.of(tk[1], keysKey, adminTenantsPartnerKey)) {
            as(key).post("/v1/admin/tenants/" + tk[0] + "/jobs/" + job + "/cancel").then().statusCode(403)
                    .contentType("application/problem+json").body("type", equalTo(FORBIDDEN)).body("requiredScope", equalTo("admin"));
            as(key).post("/v1/admin/tenants/" + tk[0] + "/jobs/cancel").then().statusCode(403).body("type", equalTo(FORBIDDEN));
        }
        as(tk[1]).get("/v1/jobs/" + job).then().statusCode(200).body("status", equalTo("queued"));
    }

    @Test
    void aRepeatedCancelWithTheSameIdempotencyKeyIsReplayed() throws Exception {
        String tenant = Api.tenant("pro");
        String job = insertJob(tenant, "texture-restore", "queued", 5);
        String idem = UUID.randomUUID().toString();
        String path = "/v1/admin/tenants/" + tenant + "/jobs/" + job + "/cancel";
        Api.admin().header("Idempotency-Key", idem).post(path).then().statusCode(200).body("status", equalTo("canceled"))
                .header("Idempotent-Replayed", nullValue());
        Api.admin().header("Idempotency-Key", idem).post(path).then().statusCode(200).body("status", equalTo("canceled"))
                .header("Idempotent-Replayed", equalTo("true"));
        Api.admin().post(path).then().statusCode(409).body("type", equalTo(JOB_FINISHED));
    }

    @Test
    void aSuspendedTenantsUnfinishedJobsAreCanceledAndItsFinishedOnesLeftAlone() throws Exception {
        String[] tk = Api.tenantAndKey();
        String[] bystander = Api.tenantAndKey();
        String submitted = Api.submitTexture(tk[1], Api.upload(tk[1]));
        String running = insertJob(tk[0], "generate", "running", 1);
        String queued = insertJob(tk[0], "texture-restore", "queued", 0);
        String completed = insertJob(tk[0], "texture-restore", "completed", 30);
        String failed = insertJob(tk[0], "analyze", "failed", 20);
        String notTheirs = insertJob(bystander[0], "texture-restore", "queued", 10);
        Api.admin().contentType("application/json").body("{\"reason\":\"runaway integration\"}")
                .post("/v1/admin/tenants/" + tk[0] + "/suspend").then().statusCode(200).body("status", equalTo("suspended"));

        cancelAll(tk[0]).statusCode(200).body("canceled", equalTo(3)).body("more", equalTo(false))
                .body("jobIds", containsInAnyOrder(submitted, running, queued));
        cancelAll(tk[0]).statusCode(200).body("canceled", equalTo(0)).body("jobIds", hasSize(0)).body("more", equalTo(false));
        Api.admin().get("/v1/admin/tenants/" + tk[0]).then().statusCode(200).body("unfinishedJobs", equalTo(0));
        assertTrue(publishedCanceled(submitted), "a CANCELED event on job.events for " + submitted);

        Api.admin().post("/v1/admin/tenants/" + tk[0] + "/resume").then().statusCode(200);
        for (String job : List.of(submitted, running, queued)) {
            as(tk[1]).get("/v1/jobs/" + job).then().statusCode(200).body("status", equalTo("canceled"))
                    .body("error.message", equalTo("canceled by an operator"));
        }
        as(tk[1]).get("/v1/jobs/" + completed).then().statusCode(200).body("status", equalTo("completed"));
        as(tk[1]).get("/v1/jobs/" + failed).then().statusCode(200).body("status", equalTo("failed"));
        as(bystander[1]).get("/v1/jobs/" + notTheirs).then().statusCode(200).body("status", equalTo("queued"));
    }

    @Test
    void oneCallCancelsAtMostItsMaximumAndSaysWhetherMoreRemain() throws Exception {
        String tenant = Api.tenant("pro");
        int total = TenantJobCancels.MAX_PER_CALL + 1;
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            Sql.execute(c, "insert into jobs (id, tenant_id, type, status, request, created_at) select 'job_bulk' || n || '_' || ?, ?, "
                    + "'texture-restore', 'queued', '{}'::jsonb, now() - make_interval(secs => 1000 - n) from generate_series(1, "
                    + total + ") n", tenant.substring(4), tenant);
        }
        List<String> first = cancelAll(tenant).statusCode(200).body("canceled", equalTo(TenantJobCancels.MAX_PER_CALL))
                .body("more", equalTo(true)).extract().path("jobIds");
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= TenantJobCancels.MAX_PER_CALL; n++) {
            expected.add("job_bulk" + n + "_" + tenant.substring(4));
        }
        assertEquals(expected, first, "the oldest first");
        cancelAll(tenant).statusCode(200).body("canceled", equalTo(1)).body("more", equalTo(false))
                .body("jobIds", equalTo(List.of("job_bulk" + total + "_" + tenant.substring(4))));
        cancelAll(tenant).statusCode(200).body("canceled", equalTo(0)).body("more", equalTo(false));
    }

    @Test
    void theOpenApiDocumentDescribesBothRoutes() {
        io.restassured.RestAssured.given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/v1/admin/tenants/{id}/jobs/cancel'.post.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/CanceledJobs"))
                .body("paths.'/v1/admin/tenants/{id}/jobs/{jobId}/cancel'.post.responses.'200'.content.'application/json'"
                        + ".examples.canceled.value.error.message", equalTo("canceled by an operator"))
                .body("paths.'/v1/admin/tenants/{id}/jobs/{jobId}/cancel'.post.responses.'409'.content.'application/problem+json'"
                        + ".examples.'job-finished'.value.type", equalTo(JOB_FINISHED));
    }
}
