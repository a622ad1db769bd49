package io.realskin.gateway.backends;

import com.fasterxml.jackson.databind.JsonNode;
import io.realskin.contracts.EventJson;
import io.realskin.support.problem.Problem;
import io.realskin.support.problem.ProblemType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a backend's 4xx answer (docs/api.md, "Problems from the backends"). The problem is rebuilt, never copied: its
 * {@code type}, {@code title}, {@code detail} and its extension members that are plain values (a string, number or
 * boolean, or a list of them) are kept, with the status the backend answered; {@code instance} (the backend's own path)
 * is not, so the caller's {@code instance} is the gateway's path; a nested object (where a stack trace or an exception
 * dump would sit) is dropped, but for an invalid-request's {@code suggestions} (texts only). An answer that is no RealSkin problem (another type, no JSON) has no problem: the caller
 * gets the shared problem of its status with a detail that names only the backend ({@link BackendProblem#toCaller}). A
 * 5xx never gets here: it is the caller's 503 backend-unavailable, and the backend's answer stays in the gateway's log.
 */
final class BackendProblems {
    private static final Pattern REALSKIN_TYPE = Pattern.compile(Pattern.quote(ProblemType.BASE) + "[a-z0-9-]{1,64}");
    private static final Set<String> STANDARD = Set.of("type", "title", "status", "detail", "instance");
    private static final String SUGGESTIONS = "suggestions";

    /** The answer, with the backend's Retry-After (already held to {@link BackendRetryAfter}'s range) for the caller. */
    static BackendProblem read(int status, String body, OptionalLong retryAfterSeconds) {
        JsonNode problem = read(body);
        String type = problem.path("type").asText("");
        if (!REALSKIN_TYPE.matcher(type).matches() || !problem.path("title").isTextual()) {
            return new BackendProblem(status, null, retryAfterSeconds);
        }
        Map<String, Object> members = new LinkedHashMap<>();
        problem.fields().forEachRemaining(member -> {
            if (!STANDARD.contains(member.getKey()) && (plain(member.getValue()) || suggestions(member.getKey(), member.getValue()))) {
                members.put(member.getKey(), EventJson.MAPPER.convertValue(member.getValue(), Object.class));
            }
        });
        String detail = problem.path("detail").isTextual() ? problem.path("detail").asText() : null;
        return new BackendProblem(status, new Problem(type, problem.path("title").asText(), status, detail, null, members),
                retryAfterSeconds);
    }

    /**
     * An invalid-request's {@code suggestions}, each field the request sent to the one it likely meant: an object of
     * texts naming the request's own fields, kept as it is, the one object that passes ({@code debug: {host: …}} does not).
     */
    private static boolean suggestions(String name, JsonNode value) {
        if (!SUGGESTIONS.equals(name) || !value.isObject()) {
            return false;
        }
        for (JsonNode meant : value) {
            if (!meant.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static boolean plain(JsonNode value) {
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (!item.isValueNode()) {
                    return false;
                }
            }
            return true;
        }
        return value.isValueNode();
    }

    private static JsonNode read(String body) {
        try {
            JsonNode node = EventJson.MAPPER.readTree(body == null ? "" : body);
            return node == null ? EventJson.MAPPER.missingNode() : node;
        } catch (Exception e) {
            return EventJson.MAPPER.missingNode();
        }
    }

    private BackendProblems() {
    }
}
