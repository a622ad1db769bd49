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
                "{\"type\": \"generate\", \"prompt\": \"p\", \"referenceImages\": [{\"imageId\": \"img_a\", \"wieght\": 0.6}]}",
                // an intensity is 0..100 or "auto", as the API takes it (the schema took any integer, any string)
                "{\"type\": \"texture-restore\", \"imageId\": \"img_a\", \"intensity\": 101}",
                "{\"type\": \"texture-restore\", \"imageId\": \"img_a\", \"intensity\": -1}",
                "{\"type\": \"texture-restore\", \"imageId\": \"img_a\", \"intensity\": \"AUTO\"}",
                "{\"type\": \"generate\", \"prompt\": \"p\", \"texturePass\": {\"intensity\": \"strong\"}}")) {
            assertTrue(!validate(document, schema, JSON.readTree(body)).isEmpty(), body);
        }
        for (String body : List.of("{\"type\": \"texture-restore\", \"imageId\": \"img_a\", \"intensity\": 100}",
                "{\"type\": \"texture-restore\", \"imageId\": \"img_a\", \"intensity\": \"auto\"}",
                "{\"type\": \"generate\", \"prompt\": \"p\", \"texturePass\": {\"intensity\": 0}}")) {
            assertEquals(List.of(), validate(document, schema, JSON.readTree(body)), body);
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
        // the webhook settings (no endpoint: url null) and delivery log (had no schema) fit the schema of their answer
        for (String[] call : new String[][]{{"/v1/webhooks", "/paths/~1v1~1webhooks/get/responses/200/content/application~1json/schema"},
                {"/v1/webhooks/deliveries", "/paths/~1v1~1webhooks~1deliveries/get/responses/200/content/application~1json/schema"}}) {
            JsonNode answer = JSON.readTree(Api.as(key).get(call[0]).then().statusCode(200).extract().asString());
            JsonNode schema = document.at(call[1]);
            assertTrue(schema.has("$ref") || schema.has("type"), call[0] + " " + schema);
            assertEquals(List.of(), validate(document, schema, answer), call[0] + " " + answer);
        }
        // the endpoint's body takes url only: a "given" the schema listed is refused 400
        assertEquals(List.of("url"), List.copyOf(document.at("/components/schemas/EndpointRequest/properties").properties().stream()
                .map(Map.Entry::getKey).toList()));
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
                if (takesIdempotencyKey(operation.getValue())) { // idempotency-in-progress comes with Retry-After: 1
                    if (responses.path("409").path("headers").path("Retry-After").isMissingNode()) {
                        missing.add(where + " 409 Retry-After header");
                    }
                    responses.properties().stream().filter(r -> r.getKey().startsWith("2"))
                            .filter(r -> r.getValue().path("headers").path("Idempotent-Replayed").isMissingNode())
                            .forEach(r -> missing.add(where + " " + r.getKey() + " Idempotent-Replayed header"));
                }
                if (responses.path("401").path("headers").path("WWW-Authenticate").isMissingNode()) {
                    missing.add(where + " 401 WWW-Authenticate header");
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

    /**
     * What a client generator and an OpenAPI validator need of every operation, walked over the whole document: an
     * operationId, unique, usable as a method name (there were none: every generator made its own names up from the
     * paths); every parameter with a schema (If-None-Match had none, which made the document invalid OpenAPI: a
     * validator refused it whole) and listed once (grants and adjustments listed Idempotency-Key twice); every problem
     * answer with the Problem schema (a route's own 402, 404, 409, 413 or 415 had an example but no schema) and every
     * JSON answer with a schema (the webhook settings and delivery log had none); every page's limit an integer with its
     * range and default and its cursor said what to pass.
     */
    @Test
    void everyOperationIsWhatAClientGeneratorNeeds() throws Exception {
        JsonNode document = document();
        List<String> wrong = new ArrayList<>();
        java.util.Set<String> operationIds = new java.util.HashSet<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String where = operation.getKey().toUpperCase() + " " + path.getKey();
                String operationId = operation.getValue().path("operationId").asText("");
                if (!operationId.matches("[a-z][A-Za-z0-9]*")) {
                    wrong.add(where + " operationId '" + operationId + "'");
                } else if (!operationIds.add(operationId)) {
                    wrong.add(where + " operationId " + operationId + " given twice");
                }
                // the key on every /v1 operation, and on no other, which says so (GET /ping said nothing)
                String security = operation.getValue().path("security").toString();
                if (!security.equals(path.getKey().startsWith("/v1") ? "[{\"apiKey\":[]}]" : "[]")) {
                    wrong.add(where + " security " + security);
                }
                java.util.Set<String> parameters = new java.util.HashSet<>();
                for (JsonNode parameter : operation.getValue().path("parameters")) {
                    String name = parameter.path("in").asText() + " " + parameter.path("name").asText();
                    if (!parameters.add(parameter.path("in").asText().equals("header") ? name.toLowerCase(java.util.Locale.ROOT) : name)) {
                        wrong.add(where + " parameter " + name + " listed twice");
                    }
                    if (!parameter.has("schema") && !parameter.has("content")) {
                        wrong.add(where + " parameter " + name + " without a schema");
                    }
                    if (name.equals("query limit")) {
                        JsonNode limit = parameter.path("schema");
                        if (!limit.path("type").asText().equals("integer") || limit.path("minimum").asInt() != 1
                                || !limit.has("maximum") || !limit.has("default")) {
                            wrong.add(where + " limit " + limit);
                        }
                    }
                    if (name.equals("query cursor") && parameter.path("description").asText().isBlank()) {
                        wrong.add(where + " cursor without a description");
                    }
                }
                for (Map.Entry<String, JsonNode> response : operation.getValue().path("responses").properties()) {
                    JsonNode content = response.getValue().path("content");
                    if (response.getKey().matches("[45]\\d\\d")
                            && !content.path("application/problem+json").path("schema").path("$ref").asText().equals("#/components/schemas/Problem")) {
                        wrong.add(where + " " + response.getKey() + " without the Problem schema");
                    }
                    if (content.has("application/json") && !content.get("application/json").has("schema")) {
                        wrong.add(where + " " + response.getKey() + " JSON without a schema");
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /**
     * Every answer's example keeps its fields in a client that reads only the fields a schema names (a generated model
     * class): every example validates with each object schema closed to the fields it lists, but where the schema says
     * the object is open. The job's request, result and error, an analysis and a profile's document were typed as
     * Jackson's JsonNode bean ({@code empty}, {@code array}, {@code nodeType}, ... booleans), so a generated client read
     * {@code {"type": "texture-restore", "imageId": ...}} as an object of false flags; a problem's members beside the
     * standard ones (retryAfter, requiredScope, shortfall) were dropped.
     */
    @Test
    void everyExampleKeepsItsFieldsInAClientThatReadsOnlyTheSchema() throws Exception {
        JsonNode document = document().deepCopy();
        closeObjects(document.get("components"));
        List<String> dropped = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                for (Map.Entry<String, JsonNode> response : operation.getValue().path("responses").properties()) {
                    for (Map.Entry<String, JsonNode> media : response.getValue().path("content").properties()) {
                        if (!media.getValue().has("schema")) {
                            continue;
                        }
                        JsonNode schema = media.getValue().get("schema").deepCopy();
                        closeObjects(schema);
                        for (Map.Entry<String, JsonNode> example : media.getValue().path("examples").properties()) {
                            checked++;
                            dropped.addAll(validate(document, schema, example.getValue().get("value")).stream()
                                    .map(m -> operation.getKey().toUpperCase() + " " + path.getKey() + " " + response.getKey() + " "
                                            + example.getKey() + ": " + m).toList());
                        }
                    }
                }
            }
        }
        assertTrue(checked > 50, "found the examples: " + checked);
        assertEquals(List.of(), dropped);
    }

    /**
     * The headers a client acts on that the API answers are in the document, on the operation and status that answer
     * them: Location (a new image, job, tenant, texture profile), Idempotent-Replayed (a replay), Retry-After (also on a
     * 202 of an analysis still running), Preference-Applied, and WWW-Authenticate (a 401). None was but the erasure's
     * Location and the 429s' and 503s' Retry-After.
     */
    @Test
    void theHeadersTheApiAnswersAreDocumented() throws Exception {
        JsonNode paths = document().get("paths");
        String[] tenantAndKey = Api.tenantAndKey();
        String key = tenantAndKey[1];
        List<String> undocumented = new ArrayList<>();
        String replayKey = java.util.UUID.randomUUID().toString();
        byte[] png = Api.png(64, 48);
        List<Object[]> answers = new ArrayList<>();
        answers.add(new Object[]{"/v1/jobs", "get", io.restassured.RestAssured.given().get("/v1/jobs")});
        for (int i = 0; i < 2; i++) { // the second is the replay
            answers.add(new Object[]{"/v1/images", "post", Api.as(key).header("Idempotency-Key", replayKey).contentType("image/png")
                    .body(png).post("/v1/images")});
        }
        String image = ((io.restassured.response.Response) answers.get(1)[2]).then().statusCode(201).extract().path("id");
        answers.add(new Object[]{"/v1/jobs", "post", Api.as(key).contentType("application/json")
                .body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\"}").post("/v1/jobs")});
        answers.add(new Object[]{"/v1/images/{id}/analysis", "get", Api.as(key).get("/v1/images/" + image + "/analysis")});
        answers.add(new Object[]{"/v1/admin/tenants", "post", Api.admin().contentType("application/json")
                .body("{\"name\":\"headers\"}").post("/v1/admin/tenants")});
        for (Object[] answer : answers) {
            io.restassured.response.Response response = (io.restassured.response.Response) answer[2];
            String status = String.valueOf(response.statusCode());
            JsonNode documented = paths.path((String) answer[0]).path((String) answer[1]).path("responses").path(status);
            assertTrue(!documented.isMissingNode(), answer[1] + " " + answer[0] + " " + status + " " + response.asString());
            for (String header : List.of("Location", "Idempotent-Replayed", "Retry-After", "Preference-Applied", "WWW-Authenticate")) {
                if (response.header(header) != null && documented.path("headers").path(header).isMissingNode()) {
                    undocumented.add(answer[1] + " " + answer[0] + " " + status + " " + header);
                }
            }
        }
        assertTrue(((io.restassured.response.Response) answers.get(2)[2]).header("Idempotent-Replayed") != null, "a replay");
        assertEquals(List.of(), undocumented);
    }

    /** Each object schema that lists its fields and says nothing of others is closed to others, as a generated model is. */
    private static void closeObjects(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties") && object.get("properties").isObject() && !object.has("additionalProperties")
                    && !object.has("unevaluatedProperties")) {
                object.put("unevaluatedProperties", false);
            }
            object.properties().forEach(e -> closeObjects(e.getValue()));
        } else if (node != null && node.isArray()) {
            node.forEach(OpenApiDocumentTest::closeObjects);
        }
    }

    /**
     * A query parameter's schema takes what the API takes and refuses what it refuses (400): flags are booleans, filters
     * list their values, a thumbnail's width is one of three, a preview's intensity 0..100 or "auto". Each was a bare
     * string, so a generated client offered any text and a validator passed "QUEUED" and width 300.
     */
    @Test
    void eachQueryParameterTakesWhatTheApiTakes() throws Exception {
        JsonNode document = document();
        List<String> wrong = new ArrayList<>();
        // path, method, parameter, values the API takes, values it refuses
        Object[][] rows = {
                {"/v1/jobs", "get", "status", List.of("\"queued\"", "\"canceled\""), List.of("\"QUEUED\"", "\"done\"")},
                {"/v1/jobs", "get", "type", List.of("\"analyze\"", "\"source-restore\""), List.of("\"Analyze\"", "\"restore\"")},
                {"/v1/jobs", "get", "limit", List.of("1", "100"), List.of("0", "101")},
                {"/v1/api-keys", "get", "state", List.of("\"active\"", "\"all\""), List.of("\"revoked\"")},
                {"/v1/admin/tenants/{id}/api-keys", "get", "state", List.of("\"inactive\""), List.of("\"ACTIVE\"")},
                {"/v1/api-keys/{id}", "delete", "descendants", List.of("true", "false"), List.of("\"yes\"")},
                {"/v1/admin/api-keys/{id}", "delete", "descendants", List.of("true"), List.of("\"1\"")},
                {"/v1/images", "post", "expireUnused", List.of("true"), List.of("\"yes\"")},
                {"/v1/images/{id}/thumbnail", "get", "width", List.of("160", "640"), List.of("300", "\"wide\"")},
                {"/v1/previews", "post", "intensity", List.of("0", "100", "\"auto\""), List.of("101", "\"AUTO\"")},
                {"/v1/billing/ledger", "get", "limit", List.of("500"), List.of("501")}};
        for (Object[] row : rows) {
            JsonNode schema = null;
            for (JsonNode parameter : document.path("paths").path((String) row[0]).path((String) row[1]).path("parameters")) {
                if (parameter.path("in").asText().equals("query") && parameter.path("name").asText().equals(row[2])) {
                    schema = parameter.get("schema");
                }
            }
            String where = row[1] + " " + row[0] + " " + row[2];
            if (schema == null) {
                wrong.add(where + " not listed");
                continue;
            }
            for (Object taken : (List<?>) row[3]) {
                if (!validate(document, schema, JSON.readTree((String) taken)).isEmpty()) {
                    wrong.add(where + " refuses " + taken + ": " + schema);
                }
            }
            for (Object refused : (List<?>) row[4]) {
                if (validate(document, schema, JSON.readTree((String) refused)).isEmpty()) {
                    wrong.add(where + " takes " + refused + ": " + schema);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /**
     * The problems a route's code answers are listed on it, by the type in the example (none of these was): a preview
     * while the key has one being made; a webhook URL while host lookups are at their bound (a job, its quote, the
     * endpoint); an erased tenant's resume, key or plan; no billing account for a job's hold or the caller's credits;
     * and on every route that reads a body or sends image bytes, the tenant's or the server's bodies in progress.
     */
    @Test
    void eachRouteListsTheProblemsItsCodeAnswers() throws Exception {
        JsonNode paths = document().get("paths");
        List<String[]> needed = new ArrayList<>(List.of(
                new String[]{"/v1/previews", "post", "429", "preview-in-progress"},
                new String[]{"/v1/jobs", "post", "429", "too-many-webhook-lookups"},
                new String[]{"/v1/jobs", "post", "503", "server-busy"},
                new String[]{"/v1/jobs/quote", "post", "429", "too-many-webhook-lookups"},
                new String[]{"/v1/webhooks", "put", "429", "too-many-webhook-lookups"},
                new String[]{"/v1/webhooks", "put", "503", "server-busy"},
                new String[]{"/v1/admin/tenants/{id}/resume", "post", "409", "tenant-erased"},
                new String[]{"/v1/admin/api-keys", "post", "409", "tenant-erased"},
                new String[]{"/v1/admin/tenants/{tenantId}/plan", "put", "409", "tenant-erased"},
                new String[]{"/v1/jobs", "post", "404", "no-billing-account"},
                new String[]{"/v1/billing/balance", "get", "404", "no-billing-account"},
                new String[]{"/v1/billing/ledger", "get", "404", "no-billing-account"},
                new String[]{"/v1/jobs", "post", "403", "plan-excludes"},
                new String[]{"/v1/images/{id}/analysis", "get", "402", "insufficient-credits"},
                new String[]{"/v1/images/{id}/analysis", "get", "404", "no-billing-account"},
                new String[]{"/v1/images/{id}/analysis", "get", "429", "too-many-jobs"}));
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                boolean download = operation.getKey().equals("get") && operation.getValue().path("responses").path("200").path("content")
                        .properties().stream().anyMatch(m -> m.getKey().startsWith("image/"));
                if (path.getKey().startsWith("/v1") && (operation.getValue().has("requestBody") || download)) {
                    needed.add(new String[]{path.getKey(), operation.getKey(), "429", "too-many-transfers"});
                    needed.add(new String[]{path.getKey(), operation.getKey(), "503", "server-busy"});
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String[] need : needed) {
            JsonNode examples = paths.path(need[0]).path(need[1]).path("responses").path(need[2]).path("content")
                    .path("application/problem+json").path("examples");
            boolean listed = examples.properties().stream()
                    .anyMatch(e -> e.getValue().path("value").path("type").asText().endsWith("/problems/" + need[3]));
            if (!listed) {
                missing.add(String.join(" ", need));
            }
        }
        assertTrue(needed.size() > 40, "found the routes with bodies: " + needed.size());
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
