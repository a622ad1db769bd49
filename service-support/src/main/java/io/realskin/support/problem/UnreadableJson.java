package io.realskin.support.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.realskin.contracts.StrictJson;
import io.realskin.contracts.WholeNumbers;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A body that is no JSON, or JSON of the wrong shape, as an {@code invalid-request} problem: the field (also as the
 * member {@code field}) and what was expected, in the client's words, never a Java type name. A key given twice is
 * named by its path ({@link StrictJson#duplicateKey}): the parser's own refusal names none.
 */
final class UnreadableJson {
    static Problem problem(JsonProcessingException e) {
        String duplicate = StrictJson.duplicateKey(e);
        if (duplicate != null) {
            return InvalidRequest.naming(duplicate + ": given more than once; send each field once", List.of(duplicate));
        }
        String field = e instanceof JsonMappingException m ? m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[") : "";
        return InvalidRequest.naming(detail(e, field), field.isEmpty() ? List.of() : List.of(field));
    }

    private static String detail(JsonProcessingException e, String field) {
        if (e instanceof StreamConstraintsException || e.getCause() instanceof StreamConstraintsException) {
            return "the body nests deeper than " + StrictJson.MAX_DEPTH + " levels";
        }
        if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) { // FAIL_ON_TRAILING_TOKENS
            return "the body holds more than one JSON value; send one";
        }
        if (e instanceof JsonParseException) {
            return "the body is not valid JSON (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        String expected = e instanceof MismatchedInputException m && m.getTargetType() != null ? expected(m.getTargetType()) : null;
        if ("must not contain control characters".equals(e.getOriginalMessage())) {
            return (field.isEmpty() ? "a text" : field) + ": must not contain control characters";
        }
        if (field.isEmpty()) {
            return expected == null ? "the body is not what this endpoint reads" : "the body must be " + expected;
        }
        return field + ": " + (expected == null ? "not a valid value" : "must be " + expected);
    }

    private static String expected(Class<?> type) {
        if (WholeNumbers.TYPES.contains(type)) { // a fraction is refused ("upscale": 2.7); 2.0 is read as 2
            return "a whole number";
        }
        if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (Temporal.class.isAssignableFrom(type)) { // an API key's expiresAt: was "must be an object"
            return "a date and time such as 2027-01-31T00:00:00Z";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private UnreadableJson() {
    }
}
