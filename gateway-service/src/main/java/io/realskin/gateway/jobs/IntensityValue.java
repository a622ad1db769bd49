package io.realskin.gateway.jobs;

import io.realskin.contracts.Intensity;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A texture intensity in a job body: absent, a whole number 0..100, or {@code "auto"} ({@link Intensity#ofJson}).
 * Anything else is a 400 {@code invalid-request} naming the field.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IntensityValue.Check.class)
public @interface IntensityValue {
    String message() default Intensity.EXPECTED;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<IntensityValue, Object> {
        @Override
        public boolean isValid(Object value, ConstraintValidatorContext context) {
            return Intensity.isValidJson(value);
        }
    }
}
