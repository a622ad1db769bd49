package io.realskin.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.LocalStackResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document as a partner's tooling reads it (a client generator, a response validator): every example it
 * gives validates against the schema it stands beside, and every answer the API gives can be read by those schemas.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class OpenApiDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyExampleValidatesAgainstItsOwnSchema() throws Exception {
        JsonNode document = document();
        List<String> invalid = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String where = operation.getKey().toUpperCase() + " " + path.getKey();
                List<Map.Entry<String, JsonNode>> bodies = new ArrayList<>();
                operation.getValue().path("responses").properties()
                        .forEach(r -> r.getValue().path("content").properties().forEach(m -> bodies.add(Map.entry(r.getKey() + " " + m.getKey(), m.getValue()))));
                operation.getValue().path("requestBody").path("content").properties()
                        .forEach(m -> bodies.add(Map.entry("request " + m.getKey(), m.getValue())));
                for (Map.Entry<String, JsonNode> body : bodies) {
                    if (!body.getValue().has("schema")) {
                        continue;
                    }
                    for (Map.Entry<String, JsonNode> example : body.getValue().path("examples").properties()) {
                        checked++;
                        invalid.addAll(validate(document, body.getValue().get("schema"), example.getValue().get("value")).stream()
                                .map(m -> where + " " + body.getKey() + " example " + example.getKey() + ": " + m).toList());
                    }
                }
            }
        }
        assertTrue(checked > 50, "found the examples: " + checked);
        assertEquals(List.of(), invalid);
    }

    /**
     * The job body's schema says what the API does with a field a job does not define: refuses it. It let any pass, so
     * a validator or a generated client took {@code "Intensity": 90} that the API dropped.
     */
    @Test
    void theJobBodySchemaTakesNoFieldItDoesNotDefine() throws Exception {
        JsonNode document = document();
        JsonNode schema = JSON.createObjectNode().put("$ref", "#/components/schemas/JobSubmission");
        assertEquals(List.of(), validate(document, schema, JSON.readTree("""
                {"type": "generate", "prompt": "p", "texturePass": {"intensity": 40}, "referenceImages": [{"imageId": "img_a", "weight": 0.5}]}""")));
        for (String body : List.of("{\"type\": \"texture-restore\", \"imageId\": \"img_a\", \"Intensity\": 90}",
                "{\"type\": \"generate\", \"prompt\": \"p\", \"texturePass\": {\"intensty\": 90}}",
                "{\"type\": \"generate\", \"prompt\": \"p\", \"referenceImages\": [{\"imageId\": \"img_a\", \"wieght\": 0.6}]}")) {
            assertTrue(!validate(document, schema, JSON.readTree(body)).isEmpty(), body);
        }
    }

    /**
     * Every JSON request body's schema refuses a field it does not define, as the API does: each request example with a
     * made-up field added fails its schema. A validator or a generated client took {@code {"Name": "ci"}} for a key's
     * body; the API dropped the name.
     */
    @Test
    void everyJsonRequestBodySchemaTakesNoFieldItDoesNotDefine() throws Exception {
        JsonNode document = document();
        List<String> open = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                JsonNode body = operation.getValue().path("requestBody").path("content").path("application/json");
                if (!body.has("schema")) {
                    continue;
                }
                for (Map.Entry<String, JsonNode> example : body.path("examples").properties()) {
                    if (!example.getValue().path("value").isObject()) {
                        continue;
                    }
                    checked++;
                    ObjectNode extra = example.getValue().get("value").deepCopy();
                    extra.put("zzNotAField", 1);
                    if (validate(document, body.get("schema"), extra).isEmpty()) {
                        open.add(operation.getKey().toUpperCase() + " " + path.getKey() + " example " + example.getKey());
                    }
                }
            }
        }
        assertTrue(checked > 10, "found the request examples: " + checked);
        assertEquals(List.of(), open);
    }

    /** A last page says so with a null cursor: the page schemas take it, as a generated client must. */
    @Test
    void aLastPageAndAKeyWithoutExpiryFitTheirSchemas() throws Exception {
        JsonNode document = document();
        String key = Api.tenantAndKey()[1];
        for (String[] call : new String[][]{{"/v1/jobs", "JobPage"}, {"/v1/images", "ImagePage"}, {"/v1/api-keys", "KeyPage"},
                {"/v1/texture-profiles", "TextureProfilePage"}}) {
            JsonNode answer = JSON.readTree(Api.as(key).get(call[0]).then().statusCode(200).extract().asString());
            assertTrue(answer.get("nextCursor").isNull(), call[0] + " " + answer);
            JsonNode schema = JSON.createObjectNode().put("$ref", "#/components/schemas/" + call[1]);
            assertEquals(List.of(), validate(document, schema, answer), call[0] + " " + answer);
        }
    }

    /**
     * The problems every /v1 route shares are listed beside a route's own of the same status (before, a route declaring
     * a 409 of its own lost idempotency-in-progress, a 429 of its own rate-limited), with the headers they come with.
     */
    @Test
    void everyOperationListsTheSharedProblemsAndTheirHeaders() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document().get("paths").properties()) {
            if (!path.getKey().startsWith("/v1")) {
                continue;
            }
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String where = operation.getKey().toUpperCase() + " " + path.getKey();
                JsonNode responses = operation.getValue().get("responses");
                List<String> needed = new ArrayList<>(List.of("400 invalid-request", "401 unauthorized", "403 insufficient-scope",
                        "406 not-acceptable", "429 rate-limited"));
                JsonNode body = operation.getValue().path("requestBody").path("content");
                if (!body.isMissingNode()) { // what the gateway answers about a body before the route runs
                    needed.addAll(List.of("408 request-timeout", "415 unsupported-media-type", "501 http-501"));
                    if (body.has("application/json")) {
                        needed.add("413 request-too-large");
                    }
                }
                boolean paged = false;
                for (JsonNode parameter : operation.getValue().path("parameters")) {
                    paged |= "query".equals(parameter.path("in").asText()) && "limit".equals(parameter.path("name").asText());
                }
                if (paged) { // a limit out of range is 400 (before, the document's 400 spoke only of a parameter given twice)
                    needed.add("400 invalid-limit");
                }
                if (takesIdempotencyKey(operation.getValue())) {
                    needed.addAll(List.of("409 idempotency-in-progress", "422 idempotency-key-reused"));
                }
                for (String need : needed) {
                    String[] codeAndName = need.split(" ");
                    if (responses.path(codeAndName[0]).path("content").path("application/problem+json").path("examples")
                            .path(codeAndName[1]).isMissingNode()) {
                        missing.add(where + " " + need);
                    }
                }
                for (String code : List.of("429", "503")) {
                    if (responses.has(code) && responses.get(code).path("headers").path("Retry-After").isMissingNode()) {
                        missing.add(where + " " + code + " Retry-After header");
                    }
                }
                responses.properties().stream().filter(r -> r.getKey().startsWith("2"))
                        .filter(r -> r.getValue().path("content").has("application/json"))
                        .filter(r -> !r.getValue().path("content").path("application/json").has("examples"))
                        .forEach(r -> missing.add(where + " " + r.getKey() + " example"));
                responses.properties().stream().filter(r -> r.getKey().startsWith("2"))
                        .filter(r -> r.getValue().path("content").has("application/problem+json"))
                        .forEach(r -> missing.add(where + " " + r.getKey() + " answers no problem"));
            }
        }
        JsonNode notAllowed = document().path("components").path("responses").path("MethodNotAllowed");
        if (notAllowed.path("headers").path("Allow").isMissingNode()
                || notAllowed.path("content").path("application/problem+json").path("examples").path("method-not-allowed").isMissingNode()) {
            missing.add("components.responses.MethodNotAllowed with its Allow header and example");
        }
        assertEquals(List.of(), missing);
    }

    /** A multipart upload carries one file: the document shows one binary part, not a list of them. */
    @Test
    void theMultipartUploadTakesOneFile() throws Exception {
        JsonNode document = document();
        JsonNode form = document.at("/paths/~1v1~1images/post/requestBody/content/multipart~1form-data/schema");
        if (form.has("$ref")) {
            form = document.at(form.get("$ref").asText().substring(1));
        }
        JsonNode file = form.path("properties").path("file");
        assertEquals("string", file.path("type").asText(), file.toString());
        assertEquals("binary", file.path("format").asText(), file.toString());
    }

    /** A quote and a preview hold and store nothing and ignore Idempotency-Key (docs/api.md); the document says so. */
    @Test
    void onlyTheRoutesThatHonourIdempotencyKeyListIt() throws Exception {
        JsonNode paths = document().get("paths");
        for (String path : List.of("/v1/jobs/quote", "/v1/previews")) {
            JsonNode post = paths.get(path).get("post");
            assertTrue(!takesIdempotencyKey(post) && !post.get("responses").has("422"), path + " " + post);
            assertTrue(!post.toString().contains(io.realskin.gateway.rest.OpenApiProblems.IGNORES_IDEMPOTENCY_KEY), path + " " + post);
        }
        JsonNode submit = paths.get("/v1/jobs").get("post");
        assertTrue(takesIdempotencyKey(submit));
        JsonNode conflicts = submit.get("responses").get("409").get("content").get("application/problem+json").get("examples");
        assertTrue(conflicts.has("model-unavailable") && conflicts.has("idempotency-in-progress"), conflicts.toString());
        for (String path : List.of("/v1/jobs", "/v1/jobs/quote", "/v1/texture-profiles", "/v1/admin/api-keys")) {
            assertTrue(paths.get(path).get("post").get("responses").has("404"), path + ": what its body names may not exist");
        }
        assertEquals(List.of("image/*"), List.copyOf(paths.get("/v1/previews").get("post").get("responses").get("200").get("content")
                .properties().stream().map(Map.Entry::getKey).toList()));
    }

    /** Prefer is one header whose lines the gateway reads as one list: a client sends it as a string. */
    @Test
    void preferIsAStringHeader() throws Exception {
        JsonNode paths = document().get("paths");
        for (JsonNode operation : List.of(paths.get("/v1/jobs").get("post"), paths.get("/v1/images/{id}/analysis").get("get"))) {
            JsonNode prefer = null;
            for (JsonNode parameter : operation.get("parameters")) {
                prefer = parameter.get("name").asText().equals("Prefer") ? parameter : prefer;
            }
            assertEquals("string", prefer.get("schema").get("type").asText(), operation.toString());
            assertEquals("header", prefer.get("in").asText());
        }
    }

    private static boolean takesIdempotencyKey(JsonNode operation) {
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("name").asText().equals("Idempotency-Key")) {
                return true;
            }
        }
        return false;
    }

    /** A key made without a name, an expiry or a rate limit answers those as null; its schema takes them. */
    @Test
    void aNewKeyWithoutNameOrExpiryFitsItsSchema() throws Exception {
        String tenant = Api.tenant("pro");
        JsonNode answer = JSON.readTree(Api.admin().contentType("application/json")
                .body("{\"tenantId\":\"" + tenant + "\",\"scopes\":[\"jobs:read\"],\"live\":false}").post("/v1/admin/api-keys")
                .then().statusCode(201).extract().asString());
        assertTrue(answer.get("expiresAt").isNull() && answer.get("name").isNull(), answer.toString());
        JsonNode schema = document().at("/paths/~1v1~1admin~1api-keys/post/responses/201/content/application~1json/schema");
        assertEquals(List.of(), validate(document(), schema, answer), answer.toString());
    }

    private static JsonNode document() throws Exception {
        return JSON.readTree(io.restassured.RestAssured.given().accept("application/json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
    }

    /** The schema with the document's components beside it, so that its $refs resolve as in the document. */
    private static List<String> validate(JsonNode document, JsonNode schema, JsonNode value) {
        ObjectNode rooted = schema.deepCopy();
        rooted.set("components", document.get("components"));
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(rooted).validate(value).stream()
                .map(Object::toString).toList();
    }
}
