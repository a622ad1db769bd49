package io.realskin.gateway.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.realskin.contracts.EventJson;
import io.realskin.gateway.auth.AuthFilter;
import io.realskin.gateway.auth.Caller;
import io.realskin.gateway.auth.CallerContext;
import io.realskin.gateway.idempotency.IdempotencyService.StoredResponse;
import io.realskin.gateway.problems.Problems;
import io.realskin.gateway.rest.UploadedFiles;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Runs an {@link Idempotent} POST at most once per {@code Idempotency-Key} and tenant, for the API key that sent it.
 * The request's fingerprint is the method, the path, every path parameter and the body as sent (a JSON body in
 * canonical form: field order and layout do not count, an extra field does, one the body does not define being refused
 * before this runs; not headers such as Prefer); the
 * response kept is the status, body and the headers a client needs again (Location, Retry-After; a problem's own, such
 * as WWW-Authenticate); a client's error thrown (a problem, a constraint violation of a {@code @Valid} parameter, a
 * 4xx WebApplicationException: {@link ClientErrorAnswer}) is answered here, as the exception mapper would, so that the
 * body kept is the body sent; any other exception frees the key and goes on to the mappers. The route's scope was
 * checked before this runs ({@link AuthFilter}); 429 and 5xx answers are not kept, nor an answer that holds a secret
 * ({@link HoldsSecret}).
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class IdempotencyInterceptor {
    public static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    /** Not Preference-Applied: a replay waits for nothing, whatever the first request's answer did. */
    private static final List<String> KEPT_HEADERS = List.of("Location", "Retry-After");

    private final IdempotencyService idempotency;
    private final CallerContext caller;
    private final CurrentVertxRequest current;
    private final ObjectMapper mapper;
    private final UriInfo uri;
    private final Request httpRequest;
    private final HttpHeaders httpHeaders;

    public IdempotencyInterceptor(IdempotencyService idempotency, CallerContext caller, CurrentVertxRequest current,
                                  ObjectMapper mapper, UriInfo uri, Request httpRequest, HttpHeaders httpHeaders) {
        this.idempotency = idempotency;
        this.caller = caller;
        this.current = current;
        this.mapper = mapper;
        this.uri = uri;
        this.httpRequest = httpRequest;
        this.httpHeaders = httpHeaders;
    }

    @AroundInvoke
    Object around(InvocationContext invocation) throws Exception {
        if (invocation.getMethod().getReturnType() != Response.class) {
            // a replay is a stored Response, which a method typed otherwise cannot return: refuse every call, not only replays
            throw new IllegalStateException("an @Idempotent method must return Response: " + invocation.getMethod());
        }
        HttpServerRequest request = current.getCurrent().request();
        List<String> keys = request.headers().getAll(HEADER);
        Caller who = caller.current();
        if (keys.isEmpty() || who == null) {
            return invocation.proceed();
        }
        if (keys.size() > 1) { // a proxy in between may pass on the other one: as a query parameter given twice
            throw Problems.repeatedIdempotencyKey(keys.size());
        }
        String key = keys.get(0);
        if (!VALID_KEY.matcher(key).matches()) {
            throw Problems.invalidIdempotencyKey();
        }
        String tenant = who.tenantId();
        Optional<StoredResponse> stored = idempotency.begin(tenant, who.keyId(), key, fingerprint(request, invocation));
        if (stored.isPresent()) {
            return replay(stored.get());
        }
        Object result;
        Collection<String> headers = KEPT_HEADERS;
        try {
            result = invocation.proceed();
        } catch (Exception | Error e) {
            // a client's error is answered here as the exception mapper would: the answer kept is the one sent
            Optional<Response> answer = ClientErrorAnswer.of(e, uri, httpRequest, httpHeaders);
            if (answer.isEmpty()) {
                idempotency.abandon(tenant, key);
                throw e;
            }
            result = answer.get();
            headers = problemHeaders(answer.get());
        }
        try {
            keep(tenant, key, result, headers);
        } catch (Exception | Error e) {
            idempotency.abandon(tenant, key);
            throw e;
        }
        return result;
    }

    /** A problem's own headers (WWW-Authenticate, Retry-After, Allow): all the mapper set but its media type. */
    private static Collection<String> problemHeaders(Response problem) {
        return problem.getHeaders().keySet().stream().filter(name -> !HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)).toList();
    }

    /**
     * Stores the answer for replays with the headers named; an answer whose entity holds a secret only as "ran"; a 5xx, a
     * 429 or no answer frees the key.
     */
    private void keep(String tenant, String key, Object result, Collection<String> headers) throws IOException {
        if (!(result instanceof Response response) || !kept(response.getStatus())) {
            idempotency.abandon(tenant, key);
        } else if (response.getEntity() instanceof HoldsSecret) {
            idempotency.withhold(tenant, key, response.getStatus());
        } else {
            idempotency.complete(tenant, key, capture(response, headers));
        }
    }

    /** Answers worth replaying: not a 5xx (our failure) nor a 429 (try again later), which free the key instead. */
    private static boolean kept(int status) {
        return status < 500 && status != 429;
    }

    private StoredResponse capture(Response response, Collection<String> kept) throws IOException {
        Object entity = response.getEntity();
        String body = entity == null ? null : entity instanceof String s ? s : mapper.writeValueAsString(entity);
        ObjectNode headers = EventJson.MAPPER.createObjectNode();
        for (String name : kept) {
            Object value = response.getHeaders().getFirst(name);
            if (value != null) {
                headers.put(name, value.toString());
            }
        }
        MediaType type = response.getMediaType();
        return new StoredResponse(response.getStatus(), type == null ? MediaType.APPLICATION_JSON : type.toString(), body, headers);
    }

    private static Response replay(StoredResponse stored) {
        Response.ResponseBuilder response = Response.status(stored.status()).header("Idempotent-Replayed", "true");
        if (stored.body() != null) {
            response.entity(stored.body()).type(stored.contentType());
        }
        if (stored.headers() != null) {
            stored.headers().fields().forEachRemaining(h -> response.header(h.getKey(), h.getValue().asText()));
        }
        return response.build();
    }

    private String fingerprint(HttpServerRequest request, InvocationContext invocation) throws IOException {
        MessageDigest digest = sha256();
        digest.update((request.method().name() + " " + request.path() + "\n").getBytes(StandardCharsets.UTF_8));
        Object[] args = invocation.getParameters();
        Annotation[][] annotations = invocation.getMethod().getParameterAnnotations();
        for (int i = 0; i < args.length; i++) {
            if (isHeader(annotations[i])) {
                continue;
            }
            Object arg = args[i];
            byte[] json = JsonBodyCapture.captured(current.getCurrent());
            if (arg instanceof byte[] bytes) {
                digest.update(bytes);
            } else if (json != null && isEntity(annotations[i])) {
                digest.update(canonicalJson(json));
            } else if (arg instanceof FileUpload upload) {
                digest.update(UploadedFiles.read(upload.uploadedFile()));
            } else if (arg instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(FileUpload.class::isInstance)) {
                for (Object upload : list) { // the files' bytes, never their temporary paths
                    digest.update(UploadedFiles.read(((FileUpload) upload).uploadedFile()));
                    digest.update((byte) 0);
                }
            } else {
                digest.update(mapper.writeValueAsBytes(arg));
            }
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The JSON body as sent, with object fields sorted: the same request in another layout is the same request. */
    private byte[] canonicalJson(byte[] json) throws IOException {
        return mapper.writeValueAsBytes(sorted(mapper.readTree(json)));
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = EventJson.MAPPER.createObjectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            names.forEach(name -> out.set(name, sorted(node.get(name))));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = EventJson.MAPPER.createArrayNode();
            node.forEach(element -> out.add(sorted(element)));
            return out;
        }
        return node;
    }

    /** The request entity is the one parameter without a JAX-RS parameter annotation. */
    private static boolean isEntity(Annotation[] annotations) {
        for (Annotation a : annotations) {
            String type = a.annotationType().getName();
            if (type.startsWith("jakarta.ws.rs.") && type.endsWith("Param") || type.startsWith("org.jboss.resteasy.reactive.Rest")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHeader(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof HeaderParam) {
                return true;
            }
        }
        return false;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
