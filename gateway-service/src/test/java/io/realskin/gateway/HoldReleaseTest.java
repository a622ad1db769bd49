package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.Intensity;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.gateway.images.Image;
import io.realskin.gateway.images.ImageRepository;
import io.realskin.gateway.jobs.FollowUpService;
import io.realskin.gateway.jobs.Job;
import io.realskin.gateway.jobs.JobRepository;
import io.realskin.gateway.jobs.JobService;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The hold of a job that was never created is given back within the settle time (10 s in tests), not billing's hour of
 * hold expiry: when billing placed it but its answer was lost, when it was placed after billing's first "no hold", and
 * when billing could not release it at once. A hold call that never reached billing leaves nothing to release. The hold
 * of a generate job's texture-pass step that was never written goes with its parent's cancel; one that expired first
 * pays for no step.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class HoldReleaseTest {
    @Inject
    BlobStore blobs;
    @Inject
    JobRepository jobs;
    @Inject
    ImageRepository images;
    @Inject
    JobService jobService;
    @Inject
    FollowUpService followUps;

    /** Generous, for a busy machine: each wait ends as soon as what it waits for is there. */
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String GENERATE = "{\"type\":\"generate\",\"prompt\":\"a portrait\",\"enhancePrompt\":false}";

    @Test
    void aHoldWhoseAnswerWasLostIsReleased() throws Exception {
        String[] tk = Api.tenantAndKey();
        Stubs.holdMode(tk[0], "lost");
        as(tk[1]).contentType("application/json").body(GENERATE).post("/v1/jobs").then().statusCode(503)
                .body("type", equalTo("https://realskin.io/problems/backend-unavailable")).body("backend", equalTo("billing"));
        assertEquals(List.of("HELD"), Stubs.holdsOf(tk[0]), "billing placed the hold; the gateway never heard");
        await(() -> Stubs.holdsOf(tk[0]).equals(List.of("RELEASED")), "the hold is released");
        as(tk[1]).get("/v1/jobs").then().body("items", hasSize(0));
        await(() -> pendingReleases(tk[0]) == 0, "nothing is left to release");
    }

    @Test
    void aHoldPlacedAfterBillingFirstHadNoneIsReleased() throws Exception {
        String[] tk = Api.tenantAndKey();
        Stubs.holdMode(tk[0], "late");
        as(tk[1]).contentType("application/json").body(GENERATE).post("/v1/jobs").then().statusCode(503);
        List<String> asked = Stubs.holdJobsOf(tk[0]);
        assertEquals(1, asked.size(), "one job's hold was asked for");
        String job = asked.get(0);
        await(() -> Stubs.tokens().stream().anyMatch(t -> "DELETE".equals(t.get("method")) && ("/holds/" + job).equals(t.get("path"))),
                "the sweep asked billing to release the hold");
        assertEquals("NONE", Stubs.hold(job), "billing had no hold then");
        Stubs.holdState(job, "HELD"); // the request still on its way arrives
        await(() -> askedAgainAtSettle(job), "billing's \"no hold\" before the settle time is asked again at it");
        settleNow(job); // the settle time comes now rather than after the seconds it is away
        await(() -> Stubs.hold(job).equals("RELEASED"), "the late hold is released after all");
        await(() -> pendingReleases(tk[0]) == 0, "nothing is left to release");
    }

    @Test
    void aReleaseThatFailsIsTriedAgain() throws Exception {
        String tenant = Api.tenant("free");
        String key = Api.key(tenant, "jobs:write", "jobs:read");
        Stubs.holdMode(tenant, "unreleasable");
        for (int i = 0; i < 5; i++) { // the free plan's cap on unfinished jobs
            as(key).contentType("application/json").body(GENERATE).post("/v1/jobs").then().statusCode(202);
        }
        as(key).contentType("application/json").body(GENERATE).post("/v1/jobs").then().statusCode(429)
                .body("type", equalTo("https://realskin.io/problems/too-many-jobs"));
        assertEquals(1, pendingReleases(tenant), "the refused job's hold, which billing could not release, is recorded");
        assertEquals(List.of(), Stubs.holdsOf(tenant).stream().filter("RELEASED"::equals).toList());
        Stubs.holdMode(tenant, "ok");
        await(() -> Stubs.holdsOf(tenant).stream().filter("RELEASED"::equals).count() == 1, "the refused job's hold is released");
        assertEquals(5, Stubs.holdsOf(tenant).stream().filter("HELD"::equals).count(), "the five jobs keep theirs");
        await(() -> pendingReleases(tenant) == 0, "nothing is left to release");
    }

    @Test
    void aHoldCallThatNeverReachedBillingLeavesNothingToRelease() throws Exception {
        String[] tk = Api.tenantAndKey();
        Stubs.up("billing", false);
        try {
            as(tk[1]).contentType("application/json").body(GENERATE).post("/v1/jobs").then().statusCode(503);
        } finally {
            Stubs.up("billing", true);
        }
        assertEquals(0, pendingReleases(tk[0]), "the connection was refused: billing holds nothing");
    }

    @Test
    void theHoldOfATexturePassStepNeverWrittenIsReleasedWhenItsParentIsCanceled() throws Exception {
        String[] tk = Api.tenantAndKey();
        String job = generateWithTexturePass(tk[1]);
        Stubs.holdMode(tk[0], "lost"); // the step's hold is placed, its answer lost: the step is not written, the hold kept
        Events.completed(tk[0], job, generatedImage(tk[0]), 80, 60, null);
        String step = job + "-tp";
        await(() -> "HELD".equals(Stubs.hold(step)), "the step's hold placed at billing");
        as(tk[1]).get("/v1/jobs/" + job).then().body("status", equalTo("running")).body("stage", equalTo("texture-pass"));
        as(tk[1]).get("/v1/jobs/" + step).then().statusCode(404);

        as(tk[1]).post("/v1/jobs/" + job + "/cancel").then().statusCode(200).body("status", equalTo("canceled"));
        await(() -> "RELEASED".equals(Stubs.hold(step)), "the step's hold is released with its parent's cancel");
        as(tk[1]).get("/v1/jobs/" + step).then().statusCode(404);
    }

    @Test
    void aTexturePassStepWhoseParentWasCanceledMeanwhileIsNotWrittenAndItsHoldIsReleased() throws Exception {
        String[] tk = Api.tenantAndKey();
        String job = generateWithTexturePass(tk[1]);
        Stubs.holdMode(tk[0], "late"); // the first attempt at the step gets no answer and no hold: the parent waits for the sweep
        Events.completed(tk[0], job, generatedImage(tk[0]), 80, 60, null);
        await(() -> jobs.findAny(job).await().atMost(WAIT).map(j -> "texture-pass".equals(j.stage())).orElse(false),
                "the parent waiting for its step");
        Job parent = jobs.findAny(job).await().atMost(WAIT).orElseThrow(); // as a follow-up attempt read it
        Image generated = images.findIncludingUnreleased(tk[0], parent.result().path("imageId").asText()).await().atMost(WAIT).orElseThrow();
        as(tk[1]).post("/v1/jobs/" + job + "/cancel").then().statusCode(200); // the user cancels meanwhile
        Stubs.holdMode(tk[0], "ok");

        assertEquals(Optional.empty(), jobService.submitTexturePass(parent, generated, Intensity.DEFAULT));
        String step = job + "-tp";
        assertEquals("RELEASED", Stubs.hold(step), "the hold that attempt placed is released at once");
        as(tk[1]).get("/v1/jobs/" + step).then().statusCode(404);
        as(tk[1]).get("/v1/jobs/" + job).then().body("status", equalTo("canceled"));
    }

    /**
     * A step whose hold ended before the step could be written (it expired: the step's writes failed for an hour) is
     * not written, and its generate job ends with the generated image and says why. Until 2026-12-06 billing's answer
     * had no status, and the step was written and ran unpaid.
     */
    @Test
    void aTexturePassStepWhoseHoldExpiredIsNotWrittenAndItsJobEndsWithoutIt() throws Exception {
        String[] tk = Api.tenantAndKey();
        String job = generateWithTexturePass(tk[1]);
        Stubs.holdMode(tk[0], "lost"); // the step's hold is placed, its answer lost: the step is not written, the hold kept
        Events.completed(tk[0], job, generatedImage(tk[0]), 80, 60, null);
        String step = job + "-tp";
        await(() -> "HELD".equals(Stubs.hold(step)), "the step's hold placed at billing");
        Stubs.holdState(step, "EXPIRED"); // billing's expiry, an hour on
        Stubs.holdMode(tk[0], "ok");

        followUps.continueIfWaiting(job); // the follow-up sweep's next attempt
        as(tk[1]).get("/v1/jobs/" + step).then().statusCode(404);
        as(tk[1]).get("/v1/jobs/" + job).then().body("status", equalTo("completed"))
                .body("result.texturePass.status", equalTo("skipped"))
                .body("result.texturePass.reason", containsString("EXPIRED"));
        // the generated image is the job's result, the tenant's once the job completed
        String generated = as(tk[1]).get("/v1/jobs/" + job).then().extract().path("result.imageId");
        as(tk[1]).get("/v1/images/" + generated + "/content").then().statusCode(200);
    }

    private static String generateWithTexturePass(String key) {
        return as(key).contentType("application/json")
                .body("{\"type\":\"generate\",\"prompt\":\"a portrait\",\"enhancePrompt\":false,\"texturePass\":{\"intensity\":45}}")
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
    }

    /** A generated image as generation-service stores it, for the job's COMPLETED. */
    private String generatedImage(String tenant) throws Exception {
        String blobKey = "results/" + tenant + "/" + UUID.randomUUID() + ".png";
        blobs.put(blobKey, Api.png(80, 60));
        return blobKey;
    }

    private static long pendingReleases(String tenant) {
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            return Sql.count(c, "select count(*) from hold_releases where tenant_id = ?", tenant);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The job's release waits for its settle time, still ahead. */
    private static boolean askedAgainAtSettle(String job) {
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            return Sql.count(c, "select count(*) from hold_releases where job_id = ? and due_at = settle_after and settle_after > now()",
                    job) == 1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Moves the release's settle time, and with it its next attempt, to now: the clock jumps over the wait. */
    private static void settleNow(String job) throws Exception {
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            Sql.execute(c, "update hold_releases set settle_after = now(), due_at = now() where job_id = ?", job);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(condition.getAsBoolean(), what);
    }
}
