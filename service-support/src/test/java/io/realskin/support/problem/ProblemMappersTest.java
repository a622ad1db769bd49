package io.realskin.support.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProblemMappersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UriInfo AT_JOBS = uriInfo("/v1/jobs");
    private static final Request POST = proxy(Request.class, Map.of("getMethod", "POST"));
    private static final HttpHeaders NO_HEADERS = headers(Map.of());
    private final ProblemMappers mappers = new ProblemMappers();

    record Job(@NotBlank String imageId, @Max(100) int intensity) {
    }

    @Test
    void aProblemExceptionIsAnsweredWithItsStatusHeadersAndTheRequestPath() throws Exception {
        ProblemException e = new ProblemException(Problem.of(new ProblemType("too-many-jobs", 429, "Too many unfinished jobs"), "wait")
                .with("limit", 3), Map.of("Retry-After", "5"));
        Response response = mappers.problem(e, AT_JOBS);
        assertEquals(429, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        assertEquals("5", response.getHeaderString("Retry-After"));
        JsonNode body = body(response);
        assertEquals("https://realskin.io/problems/too-many-jobs", body.path("type").asText());
        assertEquals("/v1/jobs", body.path("instance").asText());
        assertEquals(3, body.path("limit").asInt(), "extension members are written beside the standard ones");
        assertFalse(body.has("extensions"));
    }

    @Test
    void constraintViolationsAreOneInvalidRequestNamingEachField() throws Exception {
        var validator = Validation.byDefaultProvider().configure().messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory().getValidator();
        var violations = validator.validate(new Job(" ", 101));
        JsonNode body = body(mappers.invalid(new ConstraintViolationException(violations), AT_JOBS));
        assertEquals(ProblemTypes.INVALID_REQUEST.uri(), body.path("type").asText());
        assertEquals(400, body.path("status").asInt());
        assertTrue(body.path("detail").asText().startsWith("imageId: "), body.toString());
        assertTrue(body.path("detail").asText().contains("; intensity: "), body.toString());
        assertEquals("imageId", body.path("field").asText(), "the first in sorted order");
        assertEquals("[\"imageId\",\"intensity\"]", body.path("fields").toString(), body.toString());
    }

    @Test
    void aBodyThatIsNoJsonIsAnInvalidRequestWithItsPosition() throws Exception {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> JSON.readTree("{\"type\":"));
        JsonNode body = body(mappers.unreadableJson(e, AT_JOBS));
        assertEquals(ProblemTypes.INVALID_REQUEST.uri(), body.path("type").asText());
        assertTrue(body.path("detail").asText().startsWith("the body is not valid JSON (line 1, column"), body.toString());
    }

    /**
     * A Latin-1 body (a client that sent its platform's charset, and may say so in Content-Type) was "the body is not
     * valid JSON" at a column where the JSON looks fine; now the problem says what is wrong with it.
     */
    @Test
    void aBodyThatIsNotUtf8IsSaidSo() throws Exception {
        byte[] latin1 = "{\"name\":\"Andr\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> JSON.readTree(latin1));
        JsonNode body = body(mappers.unreadableJson(e, AT_JOBS));
        assertEquals(400, body.path("status").asInt());
        assertEquals("the body is not UTF-8 (line 1, column 16): send JSON in UTF-8, whatever charset the Content-Type names",
                body.path("detail").asText(), body.toString());
    }

    record Reference(String imageId, Double weight) {
    }

    record Generate(String prompt, List<Reference> referenceImages) {
    }

    /**
     * A token that is no JSON ({@code NaN}, {@code Infinity}, a bare word) is "the body is not valid JSON" with its position
     * wherever it stands: inside an array's object it was "referenceImages[0]: not a valid value", naming the object
     * and not the field, since Jackson wraps the parser's refusal when it meets it in a record's creator properties.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"prompt\":\"p\",\"referenceImages\":[{\"imageId\":\"img_a\",\"weight\":NaN}]}",
            "{\"prompt\":\"p\",\"referenceImages\":[{\"weight\":Infinity,\"imageId\":\"img_a\"}]}",
            "{\"prompt\":\"p\",\"referenceImages\":[{\"imageId\":\"img_a\",\"weight\":half}]}",
            "{\"referenceImages\":[],\"prompt\":NaN}"})
    void aTokenThatIsNoJsonIsSaidSoWhereverItStands(String json) throws Exception {
        ObjectMapper strict = new ObjectMapper();
        io.realskin.contracts.StrictJson.apply(strict);
        var e = assertThrows(JsonProcessingException.class, () -> strict.readValue(json, Generate.class));
        JsonNode body = body(mappers.unreadableJson(e, AT_JOBS));
        assertEquals(400, body.path("status").asInt());
        assertTrue(body.path("detail").asText().startsWith("the body is not valid JSON (line 1, column"), body.toString());
        assertFalse(body.has("field"), body.toString());
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedWithoutJavaTypeNames() throws Exception {
        var e = assertThrows(com.fasterxml.jackson.databind.exc.MismatchedInputException.class,
                () -> JSON.readValue("{\"imageId\":\"img_a\",\"intensity\":[1]}", Job.class));
        JsonNode body = body(mappers.mismatchedJson(e, AT_JOBS));
        assertEquals("intensity: must be a whole number", body.path("detail").asText());
        assertEquals("intensity", body.path("field").asText());
        assertFalse(body.toString().contains("java."), body.toString());
    }

    @Test
    void aSecondValueAfterTheBodyIsSaidSo() throws Exception {
        ObjectMapper strict = new ObjectMapper();
        io.realskin.contracts.StrictJson.apply(strict);
        var e = assertThrows(JsonProcessingException.class, () -> strict.readValue("{\"imageId\":\"img_a\"} {\"imageId\":\"img_b\"}", Job.class));
        JsonNode body = body(mappers.unreadableJson(e, AT_JOBS));
        assertEquals("the body holds more than one JSON value; send one", body.path("detail").asText());
        assertFalse(body.has("field"), body.toString());
    }

    /** Every limit of the parser was answered "nests deeper than 64 levels": a 1,001-digit number, a 50,001-character name too. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "depth  | the body nests deeper than 64 levels",
            "number | the body holds a number longer than 1000 characters",
            "name   | the body holds a field name longer than 50000 characters",
            "string | the body holds a string longer than 20000000 characters"})
    void aBodyOverAParserLimitIsToldWhichLimit(String over, String detail) throws Exception {
        ObjectMapper strict = new ObjectMapper();
        io.realskin.contracts.StrictJson.apply(strict);
        String body = switch (over) {
            case "depth" -> "[".repeat(65) + "]".repeat(65);
            case "number" -> "{\"intensity\":" + "1".repeat(1001) + "}";
            case "name" -> "{\"" + "n".repeat(50_001) + "\":1}";
            default -> "{\"imageId\":\"" + "s".repeat(20_000_001) + "\"}";
        };
        var e = assertThrows(JsonProcessingException.class, () -> strict.readValue(body, Object.class));
        JsonNode answer = body(mappers.unreadableJson(e, AT_JOBS));
        assertEquals(400, answer.path("status").asInt());
        assertEquals(detail, answer.path("detail").asText());
    }

    record Ranged(@jakarta.validation.constraints.Min(1) @Max(2) Integer upscale, @Max(100) int intensity, Integer count,
                  List<@jakarta.validation.Valid Credit> credits) {
    }

    record Credit(@jakarta.validation.constraints.Positive Long amount) {
    }

    /**
     * A whole number past its Java type's range (99999999999 for an int) was "not a valid value": it is refused with the
     * message of the field's own range check, as one just past the range is ("upscale": 3), and a field whose range is
     * its type's says that range.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"upscale\":99999999999}                    | upscale: must be less than or equal to 2",
            "{\"upscale\":-99999999999}                   | upscale: must be greater than or equal to 1",
            "{\"upscale\":1e20}                           | upscale: must be less than or equal to 2",
            "{\"intensity\":2147483648}                   | intensity: must be less than or equal to 100",
            "{\"credits\":[{\"amount\":-99999999999999999999}]} | credits[0].amount: must be greater than 0",
            "{\"count\":99999999999}                      | count: must be a whole number between -2147483648 and 2147483647"})
    void aWholeNumberPastItsTypesRangeIsRefusedAsOutOfItsFieldsRange(String sent, String detail) throws Exception {
        ObjectMapper strict = new ObjectMapper();
        io.realskin.contracts.StrictJson.apply(strict);
        var e = assertThrows(JsonProcessingException.class, () -> strict.readValue(sent, Ranged.class));
        JsonNode body = body(mappers.unreadableJson(e, AT_JOBS));
        assertEquals(400, body.path("status").asInt());
        assertEquals(detail, body.path("detail").asText());
        assertEquals(detail.substring(0, detail.indexOf(':')), body.path("field").asText());
    }

    record Expiring(java.time.Instant expiresAt) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"tomorrow\"", "\"2030-01-01\"", "true", "{}", "1e30", "-1e30", "99999999999999999999"})
    void anInstantOfTheWrongShapeSaysWhatIsTakenNotAnObject(String sent) throws Exception { // a number past any instant was "not a valid value"
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        var e = assertThrows(JsonProcessingException.class, () -> json.readValue("{\"expiresAt\":" + sent + "}", Expiring.class));
        JsonNode body = body(mappers.unreadableJson(e, AT_JOBS));
        assertEquals("expiresAt: must be a date and time such as 2027-01-31T00:00:00Z", body.path("detail").asText());
        assertEquals("expiresAt", body.path("field").asText());
    }

    @ParameterizedTest
    @CsvSource({"400, invalid-request", "404, not-found", "405, method-not-allowed", "406, not-acceptable", "413, request-too-large",
            "415, unsupported-media-type", "418, http-418"})
    void anHttpErrorGetsTheSharedTypeOfItsStatus(int status, String slug) throws Exception {
        Response response = mappers.web(new WebApplicationException(status), AT_JOBS, POST, NO_HEADERS);
        assertEquals(status, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        assertEquals(ProblemType.BASE + slug, body(response).path("type").asText());
    }

    /** The framework's own messages named Java annotations ("did not match the value in @Consumes"). */
    @Test
    void anHttpErrorSaysWhatWasSentInTheClientsWords() throws Exception {
        JsonNode unsupported = body(mappers.web(new NotSupportedException("The content-type header value did not match the value in @Consumes"),
                AT_JOBS, POST, headers(Map.of(HttpHeaders.CONTENT_TYPE, "text/plain"))));
        assertEquals("/v1/jobs does not take a body of Content-Type text/plain; GET /q/openapi lists the types it takes",
                unsupported.path("detail").asText());
        JsonNode notAllowed = body(mappers.web(new NotAllowedException(Response.status(405).build()), AT_JOBS,
                proxy(Request.class, Map.of("getMethod", "DELETE")), NO_HEADERS));
        assertEquals("/v1/jobs does not take DELETE; GET /q/openapi lists the methods it takes", notAllowed.path("detail").asText());
        JsonNode notAcceptable = body(mappers.web(new NotAcceptableException(), AT_JOBS, POST,
                headers(Map.of(HttpHeaders.ACCEPT, "text/html"))));
        assertEquals("/v1/jobs cannot answer in a type the Accept header allows (text/html)", notAcceptable.path("detail").asText());
        JsonNode noRoute = body(mappers.web(new NotFoundException("Unable to find matching target resource method"), AT_JOBS, POST, NO_HEADERS));
        assertEquals("there is no /v1/jobs; GET /q/openapi lists the routes", noRoute.path("detail").asText());
    }

    @Test
    void anHttpAnswerThatIsNoErrorIsKept() {
        Response noContent = Response.noContent().build();
        assertSame(noContent, mappers.web(new WebApplicationException(noContent), AT_JOBS, POST, NO_HEADERS));
    }

    @Test
    void aServerErrorNeverTellsItsMessage() throws Exception {
        Response response = mappers.web(new WebApplicationException("connect to billing.internal:8084 refused", 502), AT_JOBS, POST, NO_HEADERS);
        JsonNode body = body(response);
        assertEquals(502, response.getStatus());
        assertEquals(ProblemTypes.INTERNAL.uri(), body.path("type").asText());
        assertFalse(body.toString().contains("billing.internal"), body.toString());
    }

    @Test
    void aBugIsA500WithoutStackTraceOrMessage() throws Exception {
        Response response = mappers.unexpected(new IllegalStateException("pool of db-7.cluster.local exhausted"), AT_JOBS);
        JsonNode body = body(response);
        assertEquals(500, response.getStatus());
        assertEquals(ProblemTypes.INTERNAL.uri(), body.path("type").asText());
        assertEquals("an unexpected error occurred", body.path("detail").asText());
        assertFalse(body.toString().contains("db-7") || body.toString().contains("IllegalState"), body.toString());
    }

    @Test
    void aDatabaseOutageIsA503TheCallerMayRetry() throws Exception {
        Response response = mappers.unexpected(new RuntimeException(new ConnectException("Connection refused: db.internal/10.0.0.7:5432")),
                AT_JOBS);
        JsonNode body = body(response);
        assertEquals(503, response.getStatus());
        assertEquals("5", response.getHeaderString("Retry-After"));
        assertEquals(ProblemTypes.BACKEND_UNAVAILABLE.uri(), body.path("type").asText());
        assertEquals("database", body.path("backend").asText());
        assertFalse(body.toString().contains("10.0.0.7"), body.toString());
    }

    @Test
    void aRequestWhoseConnectionClosedWhileItWasReadIsNoDatabaseOutage() throws Exception {
        // what RESTEasy reports when the client (or the body's deadline) closed the connection mid-body
        Response response = mappers.unexpected(new java.io.IOException(new java.io.IOException(new io.vertx.core.http.HttpClosedException(
                "Connection was closed"))), AT_JOBS);
        assertEquals(400, response.getStatus());
        assertEquals(ProblemTypes.INVALID_REQUEST.uri(), body(response).path("type").asText());
    }

    /** A blob store's I/O failure that no route caught was answered 503 naming the database (and logged as its outage). */
    @Test
    void aBlobStoreOutageNamesTheBlobStore(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path root = dir.resolve("blobs");
        var blobs = new io.realskin.contracts.blob.FileSystemBlobStore(root);
        java.nio.file.Files.delete(root);
        java.nio.file.Files.writeString(root, "the volume is gone"); // the store's directory is no directory now
        java.io.IOException failure = assertThrows(java.io.IOException.class, () -> blobs.put("images/t/a.png", new byte[] {1}));
        Response response = mappers.unexpected(new java.io.UncheckedIOException(failure), AT_JOBS);
        assertEquals(503, response.getStatus());
        assertEquals("5", response.getHeaderString("Retry-After"));
        assertEquals("blob store", body(response).path("backend").asText());
    }

    @Test
    void withoutARequestThereIsNoInstance() throws Exception {
        assertNull(body(mappers.unexpected(new IllegalStateException(), null)).get("instance"));
    }

    @Test
    void theSharedTypesHaveOneSlugEach() {
        List<ProblemType> types = List.of(ProblemTypes.INVALID_REQUEST, ProblemTypes.NOT_FOUND, ProblemTypes.METHOD_NOT_ALLOWED,
                ProblemTypes.NOT_ACCEPTABLE, ProblemTypes.REQUEST_TOO_LARGE, ProblemTypes.UNSUPPORTED_MEDIA_TYPE,
                ProblemTypes.IMAGE_TOO_LARGE, ProblemTypes.UNSUPPORTED_IMAGE, ProblemTypes.INSUFFICIENT_CREDITS,
                ProblemTypes.PLAN_EXCLUDES, ProblemTypes.BACKEND_UNAVAILABLE, ProblemTypes.INTERNAL);
        assertEquals(types.size(), types.stream().map(ProblemType::slug).distinct().count());
        types.forEach(t -> assertTrue(t.uri().startsWith("https://realskin.io/problems/") && t.slug().matches("[a-z-]+"), t.slug()));
    }

    private static JsonNode body(Response response) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(response.getEntity()));
    }

    private static HttpHeaders headers(Map<String, String> values) {
        return (HttpHeaders) Proxy.newProxyInstance(HttpHeaders.class.getClassLoader(), new Class<?>[] {HttpHeaders.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getHeaderString")) {
                        return values.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** {@code type} answering each named no-argument method with its value. */
    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (answers.containsKey(method.getName()) && (args == null || args.length == 0)) {
                return answers.get(method.getName());
            }
            throw new UnsupportedOperationException(method.getName());
        }));
    }

    private static UriInfo uriInfo(String path) {
        return (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] {UriInfo.class}, (proxy, method, args) -> {
            if (method.getName().equals("getPath") && (args == null || args.length == 0)) {
                return path;
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }
}
