package io.realskin.support.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.realskin.contracts.WholeNumbers;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * What a body's whole number past its Java type's range ({@code "upscale": 99999999999} for an int, refused by
 * {@link WholeNumbers#OUT_OF_RANGE}) is told: what the field's own range check tells a number just past it, found by
 * checking the field's constraints against the type's bound on the number's side ({@code upscale: must be less than
 * or equal to 2}); a field with no such constraint, the type's own range.
 */
final class PastTypeRange {
    private static final Map<Class<?>, BigInteger[]> BOUNDS = Map.of(
            Integer.class, bounds(Integer.MIN_VALUE, Integer.MAX_VALUE), int.class, bounds(Integer.MIN_VALUE, Integer.MAX_VALUE),
            Long.class, bounds(Long.MIN_VALUE, Long.MAX_VALUE), long.class, bounds(Long.MIN_VALUE, Long.MAX_VALUE),
            Short.class, bounds(Short.MIN_VALUE, Short.MAX_VALUE), short.class, bounds(Short.MIN_VALUE, Short.MAX_VALUE));

    private PastTypeRange() {
    }

    /** The message after the field's name, or null when {@code e} is no such refusal. */
    static String message(JsonMappingException e) {
        if (!(e instanceof InvalidFormatException refused) || !WholeNumbers.OUT_OF_RANGE.equals(refused.getOriginalMessage())
                || !(refused.getValue() instanceof BigInteger sent) || !BOUNDS.containsKey(refused.getTargetType())) {
            return null;
        }
        BigInteger[] range = BOUNDS.get(refused.getTargetType());
        BigInteger bound = sent.signum() < 0 ? range[0] : range[1];
        String fieldsOwn = fieldsOwn(e.getPath(), refused.getTargetType(), bound);
        return fieldsOwn != null ? fieldsOwn : "must be a whole number between " + range[0] + " and " + range[1];
    }

    /** The field's constraints' messages for {@code bound}, or null when the field has none that refuse it. */
    private static String fieldsOwn(List<JsonMappingException.Reference> path, Class<?> type, BigInteger bound) {
        JsonMappingException.Reference field = path.isEmpty() ? null : path.get(path.size() - 1);
        if (field == null || field.getFieldName() == null || field.getFrom() == null) {
            return null;
        }
        Class<?> owner = field.getFrom() instanceof Class<?> c ? c : field.getFrom().getClass();
        Object value = type == Long.class || type == long.class ? (Object) bound.longValue()
                : type == Short.class || type == short.class ? (Object) bound.shortValue() : (Object) bound.intValue();
        try {
            List<String> messages = Checks.VALIDATOR.validateValue(owner, field.getFieldName(), value).stream()
                    .map(ConstraintViolation::getMessage).sorted().distinct().toList();
            return messages.isEmpty() ? null : String.join("; ", messages);
        } catch (IllegalArgumentException noSuchProperty) { // a map's key, a creator parameter without a field
            return null;
        }
    }

    private static BigInteger[] bounds(long min, long max) {
        return new BigInteger[] {BigInteger.valueOf(min), BigInteger.valueOf(max)};
    }

    /** Built on the first such number: the messages are Bean Validation's defaults, as every service answers them. */
    private static final class Checks {
        static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();
    }
}
