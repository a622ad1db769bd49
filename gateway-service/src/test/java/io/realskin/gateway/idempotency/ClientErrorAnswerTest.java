package io.realskin.gateway.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.support.problem.Problem;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which exceptions escaping an @Idempotent method are a client's error the key keeps, rendered by the shared mapper. */
class ClientErrorAnswerTest {
    private static final UriInfo AT_JOBS = proxy(UriInfo.class, Map.of("getPath", "/v1/jobs"));
    private static final Request POST = proxy(Request.class, Map.of("getMethod", "POST"));
    private static final HttpHeaders NO_HEADERS = proxy(HttpHeaders.class, Map.of());

    @Test
    void aWebApplicationExceptionOf4xxIsTheMappersProblem() {
        Response answer = ClientErrorAnswer.of(new NotFoundException(), AT_JOBS, POST, NO_HEADERS).orElseThrow();
        assertEquals(404, answer.getStatus());
        assertEquals(Problem.MEDIA_TYPE, answer.getMediaType().toString());
        Problem problem = (Problem) answer.getEntity();
        assertEquals("https://realskin.io/problems/not-found", problem.type());
        assertEquals("/v1/jobs", problem.instance());
    }

    /** 5xx (ours) and anything unexpected go on to the mappers, which log them; the interceptor frees the key. */
    @Test
    void serverErrorsAndUnexpectedExceptionsAreLeftToTheMappers() {
        assertEquals(Optional.empty(), ClientErrorAnswer.of(new ServiceUnavailableException(), AT_JOBS, POST, NO_HEADERS));
        assertEquals(Optional.empty(), ClientErrorAnswer.of(new IllegalArgumentException("a bug"), AT_JOBS, POST, NO_HEADERS));
        assertEquals(Optional.empty(), ClientErrorAnswer.of(new IllegalStateException(), AT_JOBS, POST, NO_HEADERS));
    }

    /** A 429 is rendered too (the client gets it); it is the interceptor that does not keep it. */
    @Test
    void a429IsRenderedForTheInterceptorToFreeTheKey() {
        Response answer = ClientErrorAnswer.of(new ClientErrorException(429), AT_JOBS, POST, NO_HEADERS).orElseThrow();
        assertEquals(429, answer.getStatus());
        assertTrue(answer.getEntity() instanceof Problem);
    }

    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> answers.get(method.getName())));
    }
}
