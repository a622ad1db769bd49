package io.realskin.gateway.backends;

import io.realskin.contracts.EventJson;
import io.realskin.support.problem.Problem;
import io.realskin.support.problem.ProblemException;
import io.realskin.support.problem.ProblemMappers;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A backend's 4xx answer, as {@link BackendProblemMapper} reads it: the status, and the problem when the body was a
 * RealSkin one (rebuilt by {@link BackendProblems}: no {@code instance}, only plain members). The clients decide what a
 * status means to them (404 to a balance is "no account"); {@link #toCaller} is the problem the gateway's caller gets,
 * with the backend's {@code Retry-After} (a 429's, say) when it sent one.
 */
public final class BackendProblem extends RuntimeException {
    private final int status;
    private final transient Problem problem;
    private final OptionalLong retryAfterSeconds;

    BackendProblem(int status, Problem problem, OptionalLong retryAfterSeconds) {
        super("answered " + status + (problem == null ? "" : " " + problem.type()), null, false, false);
        this.status = status;
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    /** Empty when the backend's body was no RealSkin problem (another type, no JSON). */
    public Optional<Problem> problem() {
        return Optional.ofNullable(problem);
    }

    /** The problem's extension members as {@code type} (for a 402, a {@link io.realskin.contracts.billing.CreditShortfall}). */
    public <T> Optional<T> members(Class<T> type) {
        return problem().map(p -> EventJson.MAPPER.convertValue(p.members(), type));
    }

    /** The problem passed on; a body that was no RealSkin problem becomes the shared one of its status, naming only the backend. */
    ProblemException toCaller(String backend) {
        Problem passed = problem != null ? problem : Problem.of(ProblemMappers.forStatus(status), backend + " refused the request");
        return new ProblemException(passed, retryAfterSeconds.isPresent()
                ? Map.of("Retry-After", String.valueOf(retryAfterSeconds.getAsLong())) : Map.of());
    }
}
