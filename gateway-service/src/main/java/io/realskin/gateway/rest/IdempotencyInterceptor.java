package io.realskin.gateway.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.realskin.contracts.EventJson;
import io.realskin.gateway.domain.Caller;
import io.realskin.gateway.service.IdempotencyService;
import io.realskin.gateway.service.IdempotencyService.StoredResponse;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Runs an {@link Idempotent} POST at most once per {@code Idempotency-Key} and tenant. The request's fingerprint is
 * the method, the path and every body or path parameter (not headers such as Prefer); the response kept is the
 * status, body and the headers a client needs again (Location, Preference-Applied, Retry-After).
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class IdempotencyInterceptor {
    public static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final List<String> KEPT_HEADERS = List.of("Location", "Preference-Applied", "Retry-After");

    private final IdempotencyService idempotency;
    private final CallerContext caller;
    private final CurrentVertxRequest current;
    private final ObjectMapper mapper;

    public IdempotencyInterceptor(IdempotencyService idempotency, CallerContext caller, CurrentVertxRequest current,
                                  ObjectMapper mapper) {
        this.idempotency = idempotency;
        this.caller = caller;
        this.current = current;
        this.mapper = mapper;
    }

    @AroundInvoke
    Object around(InvocationContext invocation) throws Exception {
        HttpServerRequest request = current.getCurrent().request();
        String key = request.getHeader(HEADER);
        Caller who = caller.current();
        if (key == null || who == null) {
            return invocation.proceed();
        }
        if (!VALID_KEY.matcher(key).matches()) {
            throw Problems.invalidIdempotencyKey();
        }
        String tenant = who.tenantId();
        Optional<StoredResponse> stored = idempotency.begin(tenant, key, fingerprint(request, invocation));
        if (stored.isPresent()) {
            return replay(stored.get());
        }
        try {
            Object result = invocation.proceed();
            if (result instanceof Response response && response.getStatus() < 500) {
                idempotency.complete(tenant, key, capture(response));
            } else {
                idempotency.abandon(tenant, key);
            }
            return result;
        } catch (ProblemException e) {
            if (e.problem().status() < 500) {
                ObjectNode headers = EventJson.MAPPER.createObjectNode();
                e.headers().forEach(headers::put);
                idempotency.complete(tenant, key, new StoredResponse(e.problem().status(), Problem.MEDIA_TYPE,
                        mapper.writeValueAsString(e.problem()), headers));
            } else {
                idempotency.abandon(tenant, key);
            }
            throw e;
        } catch (Exception | Error e) {
            idempotency.abandon(tenant, key);
            throw e;
        }
    }

    private StoredResponse capture(Response response) throws IOException {
        Object entity = response.getEntity();
        String body = entity == null ? null : entity instanceof String s ? s : mapper.writeValueAsString(entity);
        ObjectNode headers = EventJson.MAPPER.createObjectNode();
        for (String name : KEPT_HEADERS) {
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
            if (arg instanceof byte[] bytes) {
                digest.update(bytes);
            } else if (arg instanceof FileUpload upload) {
                digest.update(Files.readAllBytes(upload.uploadedFile()));
            } else {
                digest.update(mapper.writeValueAsBytes(arg));
            }
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
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
