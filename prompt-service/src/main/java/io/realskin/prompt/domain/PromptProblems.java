package io.realskin.prompt.domain;

import io.realskin.support.problem.Problem;
import io.realskin.support.problem.ProblemException;
import io.realskin.support.problem.ProblemType;
import java.util.List;

/**
 * prompt-service's own problem types; the shared ones (invalid-request for a body that is no JSON or of the wrong
 * shape, not-found, internal, ...) and their mappers are service-support's.
 */
public final class PromptProblems {
    public static final ProblemType PROMPT_EMPTY = new ProblemType("prompt-empty", 400, "Prompt is empty");
    public static final ProblemType PROMPT_TOO_LONG = new ProblemType("prompt-too-long", 400, "Prompt is too long");
    public static final ProblemType UNKNOWN_VALUE = new ProblemType("unknown-value", 400, "Unknown value");
    public static final ProblemType MISSING_FIELD = new ProblemType("missing-field", 400, "Required field missing");
    public static final ProblemType NO_MATCHING_MODEL = new ProblemType("no-matching-model", 422, "No model meets these needs on this plan");

    public static ProblemException unknownValue(String field, String value, List<String> allowed) {
        return Problem.of(UNKNOWN_VALUE, "Unknown " + field + " '" + value + "'; allowed: " + String.join(", ", allowed))
                .with("field", field).with("value", value).with("allowed", allowed).exception();
    }

    public static ProblemException missingField(String field) {
        return Problem.of(MISSING_FIELD, "'" + field + "' is required").with("field", field).exception();
    }

    private PromptProblems() {
    }
}
