package io.realskin.prompt.domain;

import io.realskin.support.problem.Problem;
import io.realskin.support.problem.ProblemException;
import io.realskin.support.problem.ProblemTypes;
import java.util.List;

/**
 * prompt-service's problems with fields of their own; their types, and the shared ones (invalid-request for a body that
 * is no JSON or of the wrong shape, not-found, internal, ...) with their mappers, are service-support's.
 */
public final class PromptProblems {
    public static ProblemException unknownValue(String field, String value, List<String> allowed) {
        return Problem.of(ProblemTypes.UNKNOWN_VALUE, "Unknown " + field + " '" + value + "'; allowed: " + String.join(", ", allowed))
                .with("field", field).with("value", value).with("allowed", allowed).exception();
    }

    public static ProblemException missingField(String field) {
        return Problem.of(ProblemTypes.MISSING_FIELD, "'" + field + "' is required").with("field", field).exception();
    }

    private PromptProblems() {
    }
}
