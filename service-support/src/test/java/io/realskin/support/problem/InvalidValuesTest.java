package io.realskin.support.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.jboss.resteasy.reactive.RestQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A Bean Validation failure names its field as the client sent it, as every other invalid-request does. */
class InvalidValuesTest {
    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    record Pass(@Max(100) Integer intensity) {
    }

    record Reference(@NotNull String imageId, @DecimalMax(value = "0.6", message = "must be 0.4-0.6") Double weight) {
    }

    record Submission(@Valid Pass texturePass, List<@Valid Reference> referenceImages, List<@NotNull String> scopes,
                      @Max(2) Integer upscale) {
    }

    public static class Resource {
        public void submit(@Valid @NotNull Submission body) {
        }

        public void list(@PathParam("id") @Size(max = 3) String id, @QueryParam("page-size") @Max(100) Integer limit,
                         @RestQuery @Pattern(regexp = "[a-z]+") String state, @HeaderParam("Idempotency-Key") @Size(max = 4) String key) {
        }
    }

    /** As Quarkus's interceptor subclass: the method overridden, its parameters without annotations. */
    public static class Intercepted extends Resource {
        @Override
        public void list(String id, Integer limit, String state, String key) {
        }
    }

    static Stream<Arguments> oneField() {
        Reference fine = new Reference("img_a", 0.5);
        return Stream.of(
                Arguments.of(body(new Submission(new Pass(101), null, null, null)), "texturePass.intensity",
                        "texturePass.intensity: must be less than or equal to 100"),
                Arguments.of(body(new Submission(null, List.of(fine, new Reference("img_b", 0.9)), null, null)), "referenceImages[1].weight",
                        "referenceImages[1].weight: must be 0.4-0.6"),
                Arguments.of(body(new Submission(null, List.of(new Reference(null, 0.5)), null, null)), "referenceImages[0].imageId",
                        "referenceImages[0].imageId: must not be null"),
                Arguments.of(body(new Submission(null, null, Arrays.asList("jobs:read", null), null)), "scopes[1]",
                        "scopes[1]: must not be null"),
                Arguments.of(body(new Submission(null, null, null, 3)), "upscale", "upscale: must be less than or equal to 2"),
                Arguments.of(list(new Resource(), "abcd", null, null, null), "id", "id: size must be between 0 and 3"),
                Arguments.of(list(new Resource(), null, 101, null, null), "page-size", "page-size: must be less than or equal to 100"),
                Arguments.of(list(new Resource(), null, null, "X", null), "state", "state: must match \"[a-z]+\""),
                Arguments.of(list(new Resource(), null, null, null, "12345"), "Idempotency-Key", "Idempotency-Key: size must be between 0 and 4"),
                Arguments.of(list(new Intercepted(), null, 101, null, null), "page-size", "page-size: must be less than or equal to 100"));
    }

    @ParameterizedTest
    @MethodSource("oneField")
    void oneFieldIsNamedByItsPathAsSent(Set<ConstraintViolation<Object>> violations, String field, String detail) {
        Problem problem = problem(violations);
        assertEquals(ProblemTypes.INVALID_REQUEST.uri(), problem.type());
        assertEquals(400, problem.status());
        assertEquals(field, problem.members().get("field"));
        assertEquals(detail, problem.detail());
        assertFalse(problem.members().containsKey("fields"), "one field: the contract of every invalid-request");
    }

    @Test
    void severalFieldsAreTheFirstInFieldAndAllInFields() {
        Problem problem = problem(body(new Submission(new Pass(101), null, null, 3)));
        assertEquals("texturePass.intensity", problem.members().get("field"));
        assertEquals(List.of("texturePass.intensity", "upscale"), problem.members().get("fields"));
        assertEquals("texturePass.intensity: must be less than or equal to 100; upscale: must be less than or equal to 2", problem.detail());
    }

    @Test
    void noBodyNamesNoField() {
        Problem problem = problem(body(null));
        assertEquals("the body: must not be null", problem.detail());
        assertFalse(problem.members().containsKey("field"));
    }

    /** As answered: through the mapper, which names no field on the previous code. */
    private static Problem problem(Set<ConstraintViolation<Object>> violations) {
        return (Problem) new ProblemMappers().invalid(new ConstraintViolationException(violations), null).getEntity();
    }

    private static Set<ConstraintViolation<Object>> body(Submission submission) {
        return validate(new Resource(), "submit", new Class<?>[] {Submission.class}, submission);
    }

    private static Set<ConstraintViolation<Object>> list(Resource resource, String id, Integer limit, String state, String key) {
        return validate(resource, "list", new Class<?>[] {String.class, Integer.class, String.class, String.class}, id, limit, state, key);
    }

    private static Set<ConstraintViolation<Object>> validate(Resource resource, String method, Class<?>[] types, Object... args) {
        try {
            return VALIDATOR.forExecutables().validateParameters(resource, resource.getClass().getMethod(method, types), args);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }
}
