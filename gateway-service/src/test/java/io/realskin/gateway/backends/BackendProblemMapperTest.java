package io.realskin.gateway.backends;

import io.realskin.contracts.billing.BillingExamples;
import io.realskin.contracts.billing.CreditShortfall;
import io.realskin.support.problem.Problem;
import io.realskin.support.problem.ProblemException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A backend's error answer as the typed clients throw it: a 4xx problem read into a record, a 5xx a failure. */
class BackendProblemMapperTest {
    private final BackendProblemMapper mapper = new BackendProblemMapper();

    private RuntimeException answer(int status, String type, String body) {
        return mapper.toThrowable(Response.status(status).type(type).entity(body).build());
    }

    @Test
    void billingsShortfallArrivesAsATypedRecord() {
        String body = BillingExamples.PROBLEM_INSUFFICIENT_CREDITS.replace("\"status\": 402,", "\"status\": 402, \"instance\": \"/holds\",");
        BackendProblem e = assertInstanceOf(BackendProblem.class, answer(402, Problem.MEDIA_TYPE, body));
        assertEquals(402, e.status());
        assertEquals(new CreditShortfall(10, 4, 6), e.members(CreditShortfall.class).orElseThrow());
        Problem problem = e.toCaller("billing").problem();
        assertEquals("https://realskin.io/problems/insufficient-credits", problem.type());
        assertEquals("this job needs 10 credits, 4 are available", problem.detail());
        assertNull(problem.instance(), "billing's own path is not the caller's");
    }

    @Test
    void onlyPlainMembersOfAProblemPassOn() {
        BackendProblem e = (BackendProblem) answer(400, Problem.MEDIA_TYPE, """
                {"type":"https://realskin.io/problems/unknown-value","title":"Unknown value","status":400,"detail":"Unknown model 'x'",
                 "field":"model","allowed":["a","b"],"debug":{"host":"prompt-7.svc.cluster.local"},"frames":[{"at":"X"}]}""");
        assertEquals(Map.of("field", "model", "allowed", List.of("a", "b")), e.problem().orElseThrow().members());
    }

    /**
     * prompt-service's refusal of a field its record does not define reaches the caller whole: the field(s) and what each
     * likely meant. {@code suggestions} was dropped as a nested object; one holding anything but texts still is.
     */
    @Test
    void anInvalidRequestsSuggestionsPassOn() {
        BackendProblem e = (BackendProblem) answer(400, Problem.MEDIA_TYPE, """
                {"type":"https://realskin.io/problems/invalid-request","title":"The request is not valid","status":400,
                 "detail":"Model is not a field of this body; did you mean model?; promt is not a field of this body; did you mean prompt?",
                 "field":"Model","fields":["Model","promt"],"suggestions":{"promt":"prompt","Model":"model"}}""");
        assertEquals(Map.of("field", "Model", "fields", List.of("Model", "promt"), "suggestions", Map.of("promt", "prompt", "Model", "model")),
                e.toCaller("prompt-service").problem().members());
        BackendProblem dump = (BackendProblem) answer(400, Problem.MEDIA_TYPE, """
                {"type":"https://realskin.io/problems/invalid-request","title":"The request is not valid","status":400,
                 "field":"x","suggestions":{"x":{"host":"prompt-7.svc.cluster.local"}}}""");
        assertEquals(Map.of("field", "x"), dump.problem().orElseThrow().members());
    }

    @Test
    void anAnswerThatIsNoRealSkinProblemNamesOnlyTheBackend() {
        BackendProblem e = (BackendProblem) answer(409, "text/html", "<html>conflict at prompt-7.svc.cluster.local:8081</html>");
        assertFalse(e.problem().isPresent());
        assertTrue(e.members(CreditShortfall.class).isEmpty());
        Problem problem = e.toCaller("prompt-service").problem();
        assertEquals(409, problem.status());
        assertEquals("prompt-service refused the request", problem.detail());
        assertFalse(((BackendProblem) answer(404, Problem.MEDIA_TYPE, "{\"status\":404}")).problem().isPresent(), "no type, no title");
    }

    @Test
    void aServerErrorIsABackendFailureTheBreakersCount() {
        RuntimeException e = answer(500, Problem.MEDIA_TYPE, "{\"type\":\"https://realskin.io/problems/internal\",\"status\":500}");
        assertInstanceOf(BackendFailure.class, e);
        assertTrue(Backend.infrastructure(e));
        assertFalse(Backend.infrastructure(answer(402, Problem.MEDIA_TYPE, BillingExamples.PROBLEM_INSUFFICIENT_CREDITS)),
                "a 4xx is an answer, no failure");
    }

    @Test
    void aBusyAnswerIsNoFailureAndKeepsItsRetryAfterForTheCaller() {
        Response busy = Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "3").entity("{}").build();
        BackendBusy unavailable = assertInstanceOf(BackendBusy.class, mapper.toThrowable(busy));
        assertFalse(Backend.infrastructure(unavailable), "busy is an answer: no breaker counts it");
        ProblemException toCaller = unavailable.toCaller("texture-service");
        assertEquals(503, toCaller.problem().status());
        assertEquals("https://realskin.io/problems/backend-unavailable", toCaller.problem().type());
        assertEquals(Map.of("Retry-After", "3"), toCaller.headers());
        Response limited = Response.status(429).type("text/plain").header("Retry-After", "86400").entity("slow down").build();
        toCaller = assertInstanceOf(BackendBusy.class, mapper.toThrowable(limited)).toCaller("texture-service");
        assertEquals(Map.of("Retry-After", "60"), toCaller.headers());
        assertEquals(429, toCaller.problem().status());
        // without a Retry-After it can read, a 503 is a failure (retried, counted) and a 429 a plain answer
        for (String unreadable : List.of("Wed, 21 Oct 2037 07:28:00 GMT", "soon")) {
            assertInstanceOf(BackendFailure.class, mapper.toThrowable(Response.status(503).header("Retry-After", unreadable).build()));
        }
        assertInstanceOf(BackendFailure.class, mapper.toThrowable(Response.status(503).build()));
        assertInstanceOf(BackendFailure.class, mapper.toThrowable(Response.status(500).header("Retry-After", "3").build()),
                "only a 503 says busy with it");
        assertInstanceOf(BackendProblem.class, answer(429, "text/plain", "slow down"));
    }

    @Test
    void theBackendsRetryAfterIsHeldToOneMinute() {
        Response conflict = Response.status(409).type("text/plain").header("Retry-After", "86400").entity("later").build();
        assertEquals(Map.of("Retry-After", "60"), ((BackendProblem) mapper.toThrowable(conflict)).toCaller("prompt-service").headers());
        assertTrue(((BackendProblem) answer(409, "text/plain", "no")).toCaller("prompt-service").headers().isEmpty(), "none sent, none added");
        // delta-seconds held to 1..60; anything else (an HTTP date included) is not passed on
        Map<String, String> kept = Map.of("0", "1", " 12 ", "12", "99999999999999999999", "60", "-1", "none", "1.5", "none",
                "Wed, 21 Oct 2037 07:28:00 GMT", "none", "", "none");
        kept.forEach((sent, expected) -> assertEquals(expected,
                BackendRetryAfter.read(sent).stream().mapToObj(String::valueOf).findFirst().orElse("none"), "Retry-After: " + sent));
    }

    @Test
    void handlesErrorsOnly() {
        assertTrue(mapper.handles(400, null));
        assertTrue(mapper.handles(503, null));
        assertFalse(mapper.handles(201, null));
    }
}
