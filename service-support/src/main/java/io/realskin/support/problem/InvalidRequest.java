package io.realskin.support.problem;

import java.util.Collection;
import java.util.List;

/**
 * An {@code invalid-request} problem naming the request's fields at fault as the client wrote them: {@code field} the
 * first of them in sorted order, and {@code fields} all of them sorted when there are several. One form for every
 * service's own checks and for Bean Validation's refusals ({@link InvalidValues}), so a form can place the message.
 */
public final class InvalidRequest {
    private InvalidRequest() {
    }

    /** Naming {@code fields} (none: a problem about the request as a whole). */
    public static Problem naming(String detail, Collection<String> fields) {
        Problem problem = Problem.of(ProblemTypes.INVALID_REQUEST, detail);
        List<String> sorted = fields.stream().distinct().sorted().toList();
        if (sorted.isEmpty()) {
            return problem;
        }
        return sorted.size() == 1 ? problem.with("field", sorted.get(0)) : problem.with("field", sorted.get(0)).with("fields", sorted);
    }
}
