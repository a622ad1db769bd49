package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.LocalStackResource;
import io.restassured.response.Response;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A HEAD carries the headers its GET would (RFC 9110 9.3.2), its Content-Length first: JAX-RS answers a HEAD by running
 * the GET without sending the body, and the answer had no Content-Length at all (a client sizing a download, or a
 * cache, learned nothing), for a JSON answer and a problem alike.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class HeadAnswersTest {
    @TestHTTPResource("/")
    URL base;

    @Test
    void aHeadCarriesTheLengthAndTypeOfItsGet() {
        String key = Api.tenantAndKey()[1];
        String image = Api.upload(key);
        String job = as(key).contentType("application/json").body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\"}")
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        for (String path : List.of("/v1/jobs/" + job, "/v1/images/" + image, "/v1/jobs", "/v1/api-keys",
                "/v1/jobs/job_00000000000000000000")) {
            Response get = as(key).get(path);
            Response head = as(key).head(path);
            assertEquals(get.statusCode(), head.statusCode(), path);
            assertEquals(get.contentType(), head.contentType(), path);
            assertEquals(String.valueOf(get.asByteArray().length), head.header("Content-Length"), path);
            assertTrue(head.asByteArray().length == 0, path + ": a HEAD has no body");
        }
    }

    /**
     * A HEAD of a job's event stream (with no Accept, the stream is what the GET answers) is answered at once: JAX-RS ran
     * the GET, which took a stream slot and did not end while the job was open, so the HEAD's answer never ended and the
     * connection carried nothing else (here a second request on it). Thrice, more than the key's two streams here.
     */
    @Test
    void aHeadOfAnEventStreamEndsAtOnceAndHoldsNoStream() throws Exception {
        String key = Api.tenantAndKey()[1];
        String job = as(key).contentType("application/json").body("{\"type\":\"texture-restore\",\"imageId\":\"" + Api.upload(key) + "\"}")
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        try (Socket socket = RawHttp.sendHead(base, "HEAD /v1/jobs/" + job + "/events HTTP/1.1", "Authorization: Bearer " + key)) {
            for (int i = 0; i < 3; i++) {
                String head = RawHttp.readHead(socket.getInputStream());
                assertTrue(head.startsWith("HTTP/1.1 200") && head.toLowerCase(Locale.ROOT).contains("content-type: text/event-stream"), head);
                socket.getOutputStream().write(("HEAD /v1/jobs/" + job + "/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key
                        + "\r\n" + (i == 2 ? "Connection: close\r\n" : "") + "\r\n").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            }
            assertTrue(RawHttp.readHead(socket.getInputStream()).startsWith("HTTP/1.1 200"));
        }
        Response json = as(key).accept("application/json").get("/v1/jobs/" + job + "/events");
        assertEquals(String.valueOf(json.asByteArray().length),
                as(key).accept("application/json").head("/v1/jobs/" + job + "/events").header("Content-Length"));
        assertEquals(404, as(key).head("/v1/jobs/job_00000000000000000000/events").statusCode());
    }

    /**
     * A HEAD of an image's analysis starts nothing: JAX-RS ran the GET for it, and the GET starts a billed analyze job
     * when the image has none, so a link checker's or a prefetcher's HEAD cost the tenant an analysis. Now it answers
     * 404 until a GET has started one, then the GET's status, Location and length, and never waits.
     */
    @Test
    void aHeadOfAnImagesAnalysisStartsNoJob() {
        String key = Api.tenantAndKey()[1];
        String image = Api.upload(key);
        String analysis = "/v1/images/" + image + "/analysis";
        as(key).head(analysis).then().statusCode(404).header("Content-Type", org.hamcrest.Matchers.startsWith("application/problem+json"));
        as(key).head(analysis).then().statusCode(404);
        as(key).get("/v1/jobs?type=analyze").then().statusCode(200).body("items", org.hamcrest.Matchers.empty());

        Response started = as(key).get(analysis);
        assertEquals(202, started.statusCode());
        Response head = as(key).header("Prefer", "wait=30").head(analysis);
        assertEquals(202, head.statusCode(), "the job the GET started, not waited for");
        assertEquals(started.header("Location"), head.header("Location"));
        assertEquals(null, head.header("Preference-Applied"));
        assertEquals(String.valueOf(as(key).get(analysis).asByteArray().length), head.header("Content-Length"));
        as(key).get("/v1/jobs?type=analyze").then().statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(1));
        as(Api.tenantAndKey()[1]).head(analysis).then().statusCode(404); // another tenant's image
    }
}
