package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.LocalStackResource;
import io.restassured.response.Response;
import java.util.List;
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
}
