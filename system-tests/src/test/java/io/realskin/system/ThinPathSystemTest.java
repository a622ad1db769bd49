package io.realskin.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.ContractSchemas;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.JobCompleted;
import io.realskin.contracts.blob.BlobKeys;
import io.realskin.contracts.Topics;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalDeployment;
import io.realskin.support.blob.S3TestServer;
import io.restassured.path.json.JsonPath;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The thin path through everything, every service its own JVM on the real stack: upload a portrait to the gateway,
 * texture-service works the job from texture.requests, the gateway shows it COMPLETED, billing debits it once. The
 * image and the result travel through the S3 blob store, never inside a record.
 */
class ThinPathSystemTest {
    private static LocalDeployment system;

    @BeforeAll
    static void start() {
        system = RealSkinSystem.get();
    }

    @Test
    void aPortraitGoesThroughEveryServiceAndIsChargedOnce() throws Exception {
        String auth = "Bearer " + system.adminKey();
        byte[] portrait;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/portrait.jpg")) {
            portrait = in.readAllBytes();
        }

        JsonPath image = given().baseUri(RealSkinSystem.gateway()).header("Authorization", auth)
                .contentType("image/jpeg").body(portrait)
                .when().post("/v1/images")
                .then().statusCode(201).body("width", equalTo(1000)).body("height", equalTo(1000))
                .extract().jsonPath();

        // 200 when it ends within the wait, 202 on a machine too busy for that: then it is followed to its end
        String jobId = given().baseUri(RealSkinSystem.gateway()).header("Authorization", auth).header("Prefer", "wait=60")
                .contentType("application/json")
                .body("{\"type\":\"texture-restore\",\"imageId\":\"" + image.getString("id") + "\",\"intensity\":50}")
                .when().post("/v1/jobs")
                .then().log().ifValidationFails().statusCode(anyOf(is(200), is(202))).extract().path("id");
        JsonPath job = RealSkinSystem.awaitJobEnd(auth, jobId);
        assertEquals("completed", job.getString("status"), job.prettify());
        assertNotNull(job.getString("result.imageId"));

        given().baseUri(RealSkinSystem.gateway()).header("Authorization", auth)
                .when().get("/v1/jobs/" + jobId)
                .then().statusCode(200).body("status", equalTo("completed")).body("result.width", equalTo(1000));
        byte[] result = given().baseUri(RealSkinSystem.gateway()).header("Authorization", auth)
                .when().get(job.getString("urls.result"))
                .then().statusCode(200).contentType("image/jpeg").extract().asByteArray();
        assertTrue(result.length > 1000, "a JPEG came back");

        String tenant = "admin";
        List<Object> captures = awaitCaptures(tenant, jobId);
        assertEquals(1, captures.size(), "exactly one debit for " + jobId + ": " + captures);

        try (KafkaProbe kafka = new KafkaProbe(system.stack().kafkaBootstrapServers())) {
            List<KafkaProbe.Received> events = kafka.await(Topics.JOB_EVENTS, r -> jobId.equals(r.key()),
                    found -> found.stream().anyMatch(r -> r.value().contains("\"" + EventTypes.COMPLETED + "\"")), Duration.ofSeconds(90));
            assertTrue(events.size() >= 2, "STARTED and COMPLETED at least: " + events);
            for (KafkaProbe.Received event : events) {
                assertEquals(List.of(), ContractSchemas.violations(Topics.JOB_EVENTS, event.value()), event.value());
            }
            List<KafkaProbe.Received> requests = kafka.await(Topics.TEXTURE_REQUESTS, r -> jobId.equals(r.key()),
                    found -> !found.isEmpty(), Duration.ofSeconds(90));
            assertEquals(1, requests.size(), "the outbox published the request once");
            assertEquals(List.of(), ContractSchemas.violations(Topics.TEXTURE_REQUESTS, requests.get(0).value()));
            assertEquals(EventTypes.TEXTURE_REQUESTED, EventJson.readEnvelope(requests.get(0).value()).type());

            S3TestServer blobs = RealSkinSystem.blobs();
            assertArrayEquals(portrait, blobs.storedBytes("images/" + tenant + "/" + BlobKeys.sha256Hex(portrait)),
                    "the gateway stored the upload in S3 under its content address");
            String resultKey = events.stream().map(r -> EventJson.readEnvelope(r.value()))
                    .filter(e -> e.type().equals(EventTypes.COMPLETED)).findFirst().orElseThrow()
                    .payloadAs(JobCompleted.class).resultKey();
            assertArrayEquals(result, blobs.storedBytes(resultKey), "texture-service stored the result in S3; the gateway served it from there");
        }
    }

    /** Billing applies job.events asynchronously: wait (bounded) for the capture, then check it is alone. */
    private static List<Object> awaitCaptures(String tenant, String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<Object> captures = List.of();
        while (System.nanoTime() < deadline) {
            captures = RealSkinSystem.billingAs(tenant, "billing:read")
                    .queryParam("jobId", jobId).queryParam("kind", "CAPTURE")
                    .when().get("/accounts/" + tenant + "/ledger")
                    .then().statusCode(200).extract().jsonPath().getList("items.id");
            if (!captures.isEmpty()) {
                try (KafkaProbe kafka = new KafkaProbe(system.stack().kafkaBootstrapServers())) {
                    kafka.awaitConsumed("billing", Topics.JOB_EVENTS, Duration.ofSeconds(90)); // a duplicate would be applied by now
                }
                return RealSkinSystem.billingAs(tenant, "billing:read")
                        .queryParam("jobId", jobId).queryParam("kind", "CAPTURE")
                        .when().get("/accounts/" + tenant + "/ledger")
                        .then().statusCode(200).extract().jsonPath().getList("items.id");
            }
            Thread.sleep(300);
        }
        return captures;
    }
}
