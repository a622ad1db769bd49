package io.realskin.prompt.domain;

import io.realskin.contracts.prompt.WireValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Parses the wire names of the request fields into their constants, with prompt-service's problem for an unknown one. */
public final class WireValues {

    /**
     * Parses a wire name into a constant of {@code type}.
     *
     * @param field the request field, named in the problem when the value is unknown
     * @return null when {@code value} is null or blank
     * @throws io.realskin.support.problem.ProblemException {@link PromptProblems#UNKNOWN_VALUE} when the value names no constant
     */
    public static <E extends Enum<E> & WireValue> E parse(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.wire().equals(wanted)) {
                return constant;
            }
        }
        throw PromptProblems.unknownValue(field, value, names(type));
    }

    public static <E extends Enum<E> & WireValue> List<String> names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireValue::wire).toList();
    }

    private WireValues() {
    }
}
