package io.realskin.contracts;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * The one rule for a whole-number value a client sends, in every field of a body ({@link StrictJson}) and in
 * {@code intensity} ({@link Intensity#ofJson}): a JSON number whose value is integral, however it is written
 * ({@code 2}, {@code 2.0}, {@code 2e0}, {@code 40.00}), is that integer; a fraction ({@code 2.7}, {@code 40.5}) is
 * refused, never cut or rounded. Python's {@code json.dumps} writes a float variable holding 2 as {@code 2.0}, so a
 * partner's generic client may send it. The field's range is the field's own check, as for {@code 2}.
 */
public final class WholeNumbers {
    /** The whole-number types of the records bodies are read into: the rule applies to these. */
    public static final List<Class<?>> TYPES = List.of(int.class, Integer.class, long.class, Long.class, short.class,
            Short.class, BigInteger.class);
    /**
     * The refusal of a whole number past its type's range ({@code 99999999999} for an int), carrying the number: the
     * answer names the field's own range, as for any other number out of it, never cut or read as another.
     */
    public static final String OUT_OF_RANGE = "out of the range of its type";
    /** More integer digits than any field takes; a bound on the work for {@code 1e999999999}, which is refused. */
    private static final int MAX_DIGITS = 1000;

    private WholeNumbers() {
    }

    /** The integer {@code value} is, or null when it has a fraction or is not finite. */
    public static BigInteger wholeValue(Number value) {
        BigDecimal exact;
        try {
            exact = value instanceof BigDecimal d ? d : new BigDecimal(value.toString()); // a Double's shortest exact text
        } catch (NumberFormatException notFinite) { // NaN, Infinity
            return null;
        }
        if (exact.signum() == 0) {
            return BigInteger.ZERO;
        }
        BigDecimal stripped = exact.stripTrailingZeros();
        if (stripped.scale() > 0 || stripped.precision() - stripped.scale() > MAX_DIGITS) {
            return null;
        }
        return stripped.toBigIntegerExact();
    }
}
