package io.realskin.system;

import static io.restassured.RestAssured.given;

import io.realskin.contracts.ApiKeys;
import io.realskin.generation.stub.ProviderStubs;
import io.realskin.local.LocalDeployment;
import io.realskin.local.LocalStack;
import io.realskin.local.RealSkinService;
import io.realskin.local.ServiceProcess;
import io.realskin.support.blob.S3TestServer;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The product as deployed, once per test JVM: the local stack and the five services, each its own JVM, keeping their
 * blobs in a real S3 server ({@link S3TestServer}) as in production. The gateway may call the test's
 * {@link WebhookReceiver} (the only exemption from its public-https rule) and retries webhooks fast. The image providers
 * (OpenAI, Gemini, BFL) are stubs on loopback ({@link ProviderStubs}) that answer as their documentation says.
 * Some Kafka client clocks run faster than production's ({@link #TEXTURE_WORKER_CLOCKS}, billing's commit interval):
 * the same behaviour, less waiting for it.
 */
public final class RealSkinSystem {
    /**
     * Every texture worker of the deployment (the first and the replicas a test starts): heartbeats every 500 ms
     * instead of 2 s, so a worker joining or leaving the group is seen, and its partitions move, sooner. The session
     * timeout (how soon a killed worker is declared dead) stays production's here; the crash test's killed worker
     * takes the broker's least.
     */
    public static final Map<String, String> TEXTURE_WORKER_CLOCKS = Map.of(
            "MP_MESSAGING_INCOMING_TEXTURE_REQUESTS_HEARTBEAT_INTERVAL_MS", "500");

    private static LocalDeployment deployment;
    private static S3TestServer s3;

    public static synchronized LocalDeployment get() {
        if (deployment == null) {
            // the S3 server starts in this JVM while Kafka and PostgreSQL start in theirs
            CompletableFuture<S3TestServer> s3Started = CompletableFuture.supplyAsync(RealSkinSystem::startS3);
            LocalStack stack = LocalStack.shared();
            s3 = s3Started.join();
            stack.closeBefore(s3);
            LocalDeployment started = new LocalDeployment(projectRoot(), stack, LocalDeployment.anyFreePorts(),
                    ApiKeys.generate(false)).withEnvironment(s3.serviceEnvironment());
            // at the end of the test JVM the services are killed, not drained: nothing is asserted of that stop (the
            // shutdown and crash tests stop replicas of their own), and each graceful stop took 5 s of the build's end
            stack.closeBefore(() -> started.processes().forEach(ServiceProcess::kill));
            Map<String, String> providers = ProviderStubs.shared().environment();
            Map<String, String> keys = Map.of("OPENAI_API_KEY", ProviderStubs.OPENAI_KEY, "GEMINI_API_KEY", ProviderStubs.GEMINI_KEY,
                    "BFL_API_KEY", ProviderStubs.BFL_KEY); // prompt-service lists the models of providers with a key
            // billing's budget: production's 5 s is too short for the first calls to a cold billing JVM on a CI machine
            // running ten times more threads than it has cores (a tenant creation answered 503 there)
            deployment = started.startAll(Map.of(RealSkinService.GATEWAY, Map.of(
                    "REALSKIN_WEBHOOKS_ALLOWED_HOSTS", "127.0.0.1:" + WebhookReceiver.start(),
                    "REALSKIN_WEBHOOKS_RETRY_SCHEDULE", "2s,2s",
                    "REALSKIN_BACKENDS_BILLING_TIMEOUT", "30s",
                    "QUARKUS_REST_CLIENT_BILLING_READ_TIMEOUT", "30000"),
                    RealSkinService.GENERATION, providers, RealSkinService.PROMPT, keys,
                    RealSkinService.TEXTURE, TEXTURE_WORKER_CLOCKS,
                    RealSkinService.BILLING, commitInterval("job-events", Duration.ofSeconds(1))));
        }
        return deployment;
    }

    /**
     * A consumer's commit interval ({@code auto.commit.interval.ms}, 5 s by default), as the JVM option a service takes
     * from its environment: the throttled commit strategy writes acknowledged offsets that often, so a test that waits
     * until a group has committed everything ({@code KafkaProbe.awaitConsumed}) waits less, and a graceful stop gives
     * up on records it never started after this long instead of 5 s. (A system property: the connector reads this
     * setting by its dotted name, which an environment variable of a setting missing from application.properties
     * cannot give.)
     */
    public static Map<String, String> commitInterval(String channel, Duration interval) {
        return Map.of("JAVA_TOOL_OPTIONS", "-Dmp.messaging.incoming." + channel + ".auto.commit.interval.ms=" + interval.toMillis());
    }

    /** The blob store every service of the deployment uses. */
    public static synchronized S3TestServer blobs() {
        get();
        return s3;
    }

    private static S3TestServer startS3() {
        try {
            return S3TestServer.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the S3 server", e);
        }
    }

    public static String gateway() {
        return get().url(RealSkinService.GATEWAY);
    }

    public static String billing() {
        return get().url(RealSkinService.BILLING);
    }

    /**
     * Polls the job until it has ended (real workers: a busy machine may need minutes where an idle one needs a second),
     * returning it as the gateway shows it; fails after 5 minutes.
     */
    public static JsonPath awaitJobEnd(String authorization, String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        JsonPath job;
        do {
            job = given().baseUri(gateway()).header("Authorization", authorization).get("/v1/jobs/" + jobId)
                    .then().statusCode(200).extract().jsonPath();
            if (List.of("completed", "failed", "canceled").contains(job.getString("status"))) {
                return job;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("job " + jobId + " has not ended: " + job.prettify());
    }

    /** billing-service called directly, as the gateway does: with a service token for {@code tenantId} and {@code scope}. */
    public static RequestSpecification billingAs(String tenantId, String scope) {
        return RestAssured.given().baseUri(billing())
                .header("Authorization", get().serviceKeys().bearer(RealSkinService.BILLING.audience(), tenantId, scope));
    }

    public static Path projectRoot() {
        String root = System.getProperty("realskin.root");
        return Path.of(root == null ? ".." : root).toAbsolutePath().normalize();
    }

    private RealSkinSystem() {
    }
}
