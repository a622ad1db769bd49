package io.realskin.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realskin.support.problem.Problem;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Extensible;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import io.realskin.gateway.idempotency.Idempotent;

/**
 * Adds what every {@code /v1} operation shares to the OpenAPI document: the bearer API key, and the problems any of
 * them can answer (400, 401, 403 with tenant-suspended too, 406, 429, 503; 408, 415, 501 and, for a JSON body, 413 on a
 * route with a body; the Idempotency-Key header and its problems on every POST and DELETE but those marked
 * {@link #IGNORES_IDEMPOTENCY_KEY}; 404 on a path with an id; 405 once, as a shared response of components), each
 * with an example, beside the route's own problems of the same status (a 503 the route declares, naming its backend,
 * stands alone); {@code Retry-After} on every 429 and 503, the RateLimit headers on every answer but the 401; and
 * {@code additionalProperties: false} on the JSON request bodies' schemas ({@link OpenApiClosedBodies}); the Problem
 * schema on every problem answer, a route's own included, and open to the members a type adds; one Idempotency-Key
 * header, where a route reads it too; a description of every page's cursor; too-many-transfers and server-busy where a
 * body is read or image bytes sent, too-many-webhook-lookups and server-busy on an operation marked
 * {@link #CHECKS_WEBHOOK_URL}.
 * Registered by {@code mp.openapi.filter}.
 */
public class OpenApiProblems implements OASFilter {
    /**
     * The extension ({@code @Extension(name = IGNORES_IDEMPOTENCY_KEY, value = "true")}) of a POST that holds and stores
     * nothing and so ignores {@code Idempotency-Key} (a quote, a preview); removed from the published document.
     */
    public static final String IGNORES_IDEMPOTENCY_KEY = "x-ignores-idempotency-key";
    /**
     * The extension of an operation that checks a webhook URL it is given (a job, its quote, the endpoint), and so
     * answers too-many-webhook-lookups and server-busy while host lookups are at their bound; removed from the document.
     */
    public static final String CHECKS_WEBHOOK_URL = "x-checks-webhook-url";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSecurityScheme("apiKey", OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").description("An rsk_live_... or rsk_test_... API key: Authorization: Bearer rsk_live_..."));
        var string = org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING;
        openAPI.getComponents().addSchema("Problem", OASFactory.createSchema()
                .addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details; switch on type (documented in docs/api.md)")
                .addProperty("type", OASFactory.createSchema().addType(string).description("stable URI of the kind of error"))
                .addProperty("title", OASFactory.createSchema().addType(string))
                .addProperty("status", OASFactory.createSchema().addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.INTEGER))
                .addProperty("detail", OASFactory.createSchema().addType(string))
                .addProperty("field", OASFactory.createSchema().addType(string)
                        .description("400: the request field at fault, as its path (texturePass.intensity, referenceImages[0].weight) "
                                + "or a parameter's name; the first in sorted order when several are"))
                .addProperty("fields", OASFactory.createSchema()
                        .addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().addType(string))
                        .description("400: every field at fault, sorted, when more than one is"))
                .addProperty("suggestions", OASFactory.createSchema()
                        .addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.OBJECT)
                        .additionalPropertiesSchema(OASFactory.createSchema().addType(string))
                        .description("400: each field the body gave that it does not define, to the defined field it most "
                                + "likely meant (when there is one)"))
                .addProperty("backend", OASFactory.createSchema().addType(string)
                        .description("503 backend-unavailable: billing, prompt-service, texture-service, blob store or database"))
                .addProperty("instance", OASFactory.createSchema().addType(string))
                // the members a type adds (retryAfter, limit, requiredScope, shortfall, ...: docs/api.md), kept by a
                // generated client only where the schema says there are others
                .additionalPropertiesBoolean(true));
        addMethodNotAllowed(openAPI);
        OpenApiClosedBodies.close(openAPI);
        if (openAPI.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/v1")) {
                // no key needed (GET /ping): said so, as an empty list, where a validator looks for the security of each
                path.getValue().getOperations().values().forEach(o -> o.setSecurity(new java.util.ArrayList<>()));
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().getOperations().entrySet()) {
                Operation operation = op.getValue();
                boolean idempotent = (op.getKey() == PathItem.HttpMethod.POST || op.getKey() == PathItem.HttpMethod.DELETE)
                        && !(operation.getExtensions() != null && operation.getExtensions().containsKey(IGNORES_IDEMPOTENCY_KEY));
                boolean checksWebhook = operation.getExtensions() != null && operation.getExtensions().containsKey(CHECKS_WEBHOOK_URL);
                withoutMarker(operation);
                operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("apiKey"));
                add(operation, "401", "Missing, malformed, unknown, revoked or expired API key", "unauthorized", ApiExamples.PROBLEM_UNAUTHORIZED);
                add(operation, "403", "The key lacks the scope this call needs, or its tenant is suspended (tenant-suspended)",
                        "insufficient-scope", ApiExamples.PROBLEM_FORBIDDEN);
                addExample(operation, "403", "tenant-suspended", ApiExamples.PROBLEM_TENANT_SUSPENDED);
                add(operation, "429", "Rate limit used up (see Retry-After, RateLimit and RateLimit-Policy); on a route with a "
                        + "body or a download also too-many-transfers (the tenant's bodies in progress, docs/api.md); on a prompt-service call "
                        + "also too-many-prompt-calls (the tenant's calls in progress); where a webhook URL is given also "
                        + "too-many-webhook-lookups", "rate-limited",
                        ApiExamples.PROBLEM_RATE_LIMITED);
                add(operation, "503", "A backend is unavailable (`backend` names it): the gateway's database on any route, the "
                        + "service or blob store a route calls; on a route with a body, a download, a prompt-service "
                        + "call or a webhook URL also server-busy",
                        "backend-unavailable", ApiExamples.PROBLEM_DATABASE_UNAVAILABLE);
                if (path.getKey().contains("{")) {
                    add(operation, "404", "Not found (another tenant's object is not found either)", "not-found", ApiExamples.PROBLEM_NOT_FOUND);
                }
                if (op.getKey() == PathItem.HttpMethod.POST || op.getKey() == PathItem.HttpMethod.PUT) {
                    add(operation, "400", "The request is not valid", "invalid-request", ApiExamples.PROBLEM_INVALID);
                } else {
                    add(operation, "400", "A query parameter or header outside its grammar, range or values (limit, cursor, "
                            + "a filter, Last-Event-ID), a query parameter given twice or empty, or a control character in the path or "
                            + "query", "invalid-request", ApiExamples.PROBLEM_INVALID_QUERY);
                }
                if (takesQueryParameter(operation, "limit")) {
                    addExample(operation, "400", "invalid-limit", ApiExamples.PROBLEM_INVALID_LIMIT);
                }
                add(operation, "406", "The Accept header allows no type this route answers (or weighs each q=0)", "not-acceptable",
                        ApiExamples.PROBLEM_NOT_ACCEPTABLE);
                if (operation.getRequestBody() != null) {
                    addBodyProblems(operation);
                }
                if (operation.getRequestBody() != null || downloads(op.getKey(), operation)) { // BodyBudget
                    addExample(operation, "429", "too-many-transfers", ApiExamples.PROBLEM_TOO_MANY_TRANSFERS);
                    addExample(operation, "503", "server-busy-transfers", ApiExamples.PROBLEM_TRANSFERS_BUSY);
                }
                if (checksWebhook) { // WebhookUrlPolicy
                    addExample(operation, "429", "too-many-webhook-lookups", ApiExamples.PROBLEM_TOO_MANY_WEBHOOK_LOOKUPS);
                    addExample(operation, "503", "server-busy-webhook-lookups", ApiExamples.PROBLEM_WEBHOOK_LOOKUPS_BUSY);
                }
                if (idempotent) {
                    // one Idempotency-Key, the shared one, where a route reads the header itself too (grants, adjustments)
                    List.copyOf(operation.getParameters() == null ? List.of() : operation.getParameters()).stream()
                            .filter(p -> p.getIn() == org.eclipse.microprofile.openapi.models.parameters.Parameter.In.HEADER
                                    && "Idempotency-Key".equalsIgnoreCase(p.getName()))
                            .forEach(operation::removeParameter);
                    add(operation, "409", "The first request with this Idempotency-Key is still running", "idempotency-in-progress",
                            ApiExamples.PROBLEM_IDEMPOTENCY_RUNNING);
                    add(operation, "422", "This Idempotency-Key was used with another request", "idempotency-key-reused",
                            ApiExamples.PROBLEM_IDEMPOTENCY_REUSED);
                    operation.addParameter(OASFactory.createParameter().name("Idempotency-Key")
                            .in(org.eclipse.microprofile.openapi.models.parameters.Parameter.In.HEADER)
                            .description("Same key and body within 24 h: the stored response (Idempotent-Replayed: true)")
                            .schema(OASFactory.createSchema().addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING))
                            .example("c6b1f2a4-0d5e-4a5b-9f1e-2b7c8d9e0f11"));
                }
                addHeaders(operation, idempotent);
                describeCursor(operation);
                problemSchemas(operation);
            }
        }
    }

    /**
     * Every problem answer with the Problem schema: a route's own status the shared ones do not cover (a 402, a 404 where
     * the body names the object, a 413 of an image, a 415 of a thumbnail) came with its example and no schema.
     */
    private static void problemSchemas(Operation operation) {
        for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
            MediaType problem = response.getContent() == null ? null : response.getContent().getMediaType(Problem.MEDIA_TYPE);
            if (problem != null && problem.getSchema() == null) {
                problem.schema(OASFactory.createSchema().ref("#/components/schemas/Problem"));
            }
        }
    }

    /** A page's cursor says what to pass: every list answers nextCursor, null on its last page. */
    private static void describeCursor(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        operation.getParameters().stream()
                .filter(p -> p.getIn() == org.eclipse.microprofile.openapi.models.parameters.Parameter.In.QUERY
                        && "cursor".equals(p.getName()) && p.getDescription() == null)
                .forEach(p -> p.description("The nextCursor of the previous page, as it was answered (opaque); leave it out "
                        + "for the first page. A cursor that is not one is 400 invalid-request"));
    }

    /** What a route that reads a body answers about the body itself, before the route runs. */
    private static void addBodyProblems(Operation operation) {
        add(operation, "408", "The body had not all arrived within its allowance (30 s plus its size at 32 KiB/s); the "
                + "connection is closed", "request-timeout", ApiExamples.PROBLEM_REQUEST_TIMEOUT);
        add(operation, "415", "A Content-Type this route does not take, or a Content-Encoding other than identity "
                + "(answered with Accept-Encoding: identity; ContentCodings)", "unsupported-media-type",
                ApiExamples.PROBLEM_UNSUPPORTED_MEDIA_TYPE);
        add(operation, "501", "A Transfer-Encoding other than chunked alone (RFC 9112 6.1); the connection is closed "
                + "(TransferCodings: any request is answered so, a body is where a client sends one)", "http-501",
                ApiExamples.PROBLEM_TRANSFER_CODING);
        Content body = operation.getRequestBody().getContent();
        if (body != null && body.hasMediaType("application/json")) {
            add(operation, "413", "The body is over 1 MiB (realskin.bodies.max-json-kib)", "request-too-large",
                    ApiExamples.PROBLEM_REQUEST_TOO_LARGE);
        }
    }

    /**
     * A method a path does not take is answered 405 with Allow: no operation of the document can list it (it is the
     * answer to the operations a path does not have), so the document holds it once, as a shared response.
     */
    private static void addMethodNotAllowed(OpenAPI openAPI) {
        MediaType media = OASFactory.createMediaType()
                .addExample("method-not-allowed", OASFactory.createExample().value(asObject(ApiExamples.PROBLEM_METHOD_NOT_ALLOWED)))
                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"));
        openAPI.getComponents().addResponse("MethodNotAllowed", OASFactory.createAPIResponse()
                .description("Any /v1 path, for a method it does not take (one not listed under the path): the Allow header "
                        + "lists the methods it takes")
                .addHeader("Allow", header("The methods the path takes: GET, HEAD, OPTIONS, POST",
                        org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING))
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, media)));
    }

    /** A GET answering image bytes, which are sent from memory and so take the tenant's share of bodies in progress. */
    private static boolean downloads(PathItem.HttpMethod method, Operation operation) {
        APIResponse ok = operation.getResponses() == null ? null : operation.getResponses().getAPIResponse("200");
        return method == PathItem.HttpMethod.GET && ok != null && ok.getContent() != null && ok.getContent().getMediaTypes() != null
                && ok.getContent().getMediaTypes().keySet().stream().anyMatch(type -> type.startsWith("image/"));
    }

    private static boolean takesQueryParameter(Operation operation, String name) {
        return operation.getParameters() != null && operation.getParameters().stream().anyMatch(p ->
                p.getIn() == org.eclipse.microprofile.openapi.models.parameters.Parameter.In.QUERY && name.equals(p.getName()));
    }

    /** The markers are for this filter only: the scanner copies a method's extension to its body and responses too. */
    private static void withoutMarker(Operation operation) {
        withoutMarker((Extensible<?>) operation);
        if (operation.getRequestBody() != null) {
            withoutMarker(operation.getRequestBody());
        }
        if (operation.getResponses() != null) {
            withoutMarker(operation.getResponses());
            operation.getResponses().getAPIResponses().values().forEach(OpenApiProblems::withoutMarker);
        }
    }

    private static void withoutMarker(Extensible<?> element) {
        if (element.getExtensions() != null) {
            element.removeExtension(IGNORES_IDEMPOTENCY_KEY);
            element.removeExtension(CHECKS_WEBHOOK_URL);
        }
    }

    /**
     * Retry-After where docs/api.md promises it (every 429 and 503, and an idempotent route's 409, which may be
     * idempotency-in-progress), WWW-Authenticate on a 401, Idempotent-Replayed on an idempotent route's success, the
     * RateLimit headers on every answer but a 401.
     */
    private static void addHeaders(Operation operation, boolean idempotent) {
        for (Map.Entry<String, APIResponse> response : operation.getResponses().getAPIResponses().entrySet()) {
            String code = response.getKey();
            if (code.equals("429") || code.equals("503")) {
                response.getValue().addHeader("Retry-After", header("The seconds to wait before sending the request again",
                        org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.INTEGER));
            }
            if (code.equals("409") && idempotent) {
                response.getValue().addHeader("Retry-After", header("idempotency-in-progress: the seconds to wait before "
                        + "sending the request again (1)", org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.INTEGER));
            }
            if (code.equals("401")) {
                response.getValue().addHeader("WWW-Authenticate", header("Bearer realm=\"realskin\": the scheme a key is sent in",
                        org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING));
            }
            if (code.startsWith("2") && idempotent) {
                response.getValue().addHeader("Idempotent-Replayed", header("true: the answer stored for this Idempotency-Key "
                        + "and body, replayed (the request did nothing again)", org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING));
            }
            if (!code.equals("401")) {
                response.getValue().addHeader("RateLimit-Policy", header("The quota q per window w seconds of the tenant "
                        + "(its plan's, shared by its keys) and, for a key with a limit of its own, of the key: "
                        + "\"per-tenant\";q=600;w=60, \"per-key\";q=100;w=60; on a 429 too-many-profile-measurements the tenant's "
                        + "measurements' instead: \"profile-measurements\";q=6;w=60", org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING));
                response.getValue().addHeader("RateLimit", header("Requests r left now, seconds t until the bucket is full, "
                        + "for each of those: \"per-tenant\";r=599;t=1, \"per-key\";r=99;t=1; on a 429 too-many-profile-measurements "
                        + "the measurements' only: \"profile-measurements\";r=0;t=58", org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING));
            }
        }
    }

    private static org.eclipse.microprofile.openapi.models.headers.Header header(String description,
            org.eclipse.microprofile.openapi.models.media.Schema.SchemaType type) {
        return OASFactory.createHeader().description(description).schema(OASFactory.createSchema().addType(type));
    }

    /** The example as a JSON object, as the routes' own (annotation) examples are rendered, not as a string of JSON. */
    private static Object asObject(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ApiExamples holds an example that is not JSON: " + json, e);
        }
    }

    /** One more example of a problem response, beside the route's own or the one {@link #add} gave it. */
    private static void addExample(Operation operation, String code, String name, String example) {
        APIResponse response = operation.getResponses().getAPIResponse(code);
        MediaType media = response.getContent() == null ? null : response.getContent().getMediaType(Problem.MEDIA_TYPE);
        if (media != null) {
            media.addExample(name, OASFactory.createExample().value(asObject(example)));
        }
    }

    private static void add(Operation operation, String code, String description, String name, String example) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponse existing = operation.getResponses().getAPIResponse(code);
        if (existing != null && existing.getContent() != null) {
            MediaType declared = existing.getContent().getMediaType(Problem.MEDIA_TYPE);
            if (declared != null && declared.getSchema() == null) {
                declared.schema(OASFactory.createSchema().ref("#/components/schemas/Problem"));
            }
            // the route's own problems of this status, and beside them the shared one (but the 503 naming its backend)
            if (declared != null && !code.equals("503")
                    && (declared.getExamples() == null || !declared.getExamples().containsKey(name))) {
                declared.addExample(name, OASFactory.createExample().value(asObject(example)));
            }
            return;
        }
        MediaType media = OASFactory.createMediaType()
                .addExample(name, OASFactory.createExample().value(asObject(example)))
                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"));
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, media);
        operation.getResponses().addAPIResponse(code, OASFactory.createAPIResponse().description(description).content(content));
    }
}
