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
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A body that is no JSON, or JSON of the wrong shape, as an {@code invalid-request} problem: the field (also as the
 * member {@code field}) and what was expected, in the client's words, never a Java type name. A key given twice is
 * named by its path ({@link StrictJson#duplicateKey}): the parser's own refusal names none.
 */
final class UnreadableJson {
    /** Jackson's StreamReadConstraints messages: "<what> (<found>) [magnitude ]exceeds the maximum allowed (<max>[, from ...])". */
    private static final Pattern LIMIT = Pattern.compile("^(.+?) \\((-?\\d+)\\) (?:magnitude )?exceeds the maximum allowed \\((\\d+)");
    static Problem problem(JsonProcessingException e) {
        String duplicate = StrictJson.duplicateKey(e);
        if (duplicate != null) {
            return InvalidRequest.naming(duplicate + ": given more than once; send each field once", List.of(duplicate));
        }
        if (e instanceof JsonMappingException && e.getCause() instanceof JsonParseException notJson) {
            // a token that is no JSON (NaN, a bare word) met while Jackson built a record inside an array: it wraps the
            // parser's refusal with the path to the record ("referenceImages[0]: not a valid value"); said as anywhere else
            return problem(notJson);
        }
        String field = e instanceof JsonMappingException m ? m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[") : "";
        return InvalidRequest.naming(detail(e, field), field.isEmpty() ? List.of() : List.of(field));
    }

    private static String detail(JsonProcessingException e, String field) {
        if (e instanceof StreamConstraintsException limit) {
            return overLimit(limit);
        }
        if (e.getCause() instanceof StreamConstraintsException limit) {
            return overLimit(limit);
        }
        if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) { // FAIL_ON_TRAILING_TOKENS
            return "the body holds more than one JSON value; send one";
        }
        if (e instanceof JsonParseException && e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Invalid UTF-8")) {
            // a Latin-1 or Windows-1252 body (its Content-Type may even say so): JSON between systems is UTF-8 (RFC 8259)
            return "the body is not UTF-8 (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + "): send JSON in UTF-8, whatever charset the Content-Type names";
        }
        if (e instanceof JsonParseException) {
            return "the body is not valid JSON (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        String pastTypeRange = e instanceof JsonMappingException m ? PastTypeRange.message(m) : null;
        if (pastTypeRange != null) {
            return (field.isEmpty() ? "the body" : field) + ": " + pastTypeRange;
        }
        String expected = e instanceof MismatchedInputException m && m.getTargetType() != null ? expected(m.getTargetType())
                : e instanceof JsonMappingException m ? declared(m) : null;
        if ("must not contain control characters".equals(e.getOriginalMessage())
                || StrictJson.UNPAIRED_SURROGATE.equals(e.getOriginalMessage())) {
            return (field.isEmpty() ? "a text" : field) + ": " + e.getOriginalMessage();
        }
        if (field.isEmpty()) {
            return expected == null ? "the body is not what this endpoint reads" : "the body must be " + expected;
        }
        return field + ": " + (expected == null ? "not a valid value" : "must be " + expected);
    }

    /**
     * Which of the parser's limits the body went over, and the limit: every one of them was answered "nests deeper than
     * 64 levels" (a number of 1,001 digits too). Jackson says which only in its message ("Number value length (1001)
     * exceeds the maximum allowed (1000, from ...)").
     */
    static String overLimit(StreamConstraintsException e) {
        Matcher said = LIMIT.matcher(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
        if (!said.find()) {
            return "the body is over a limit of the JSON reader";
        }
        String max = said.group(3);
        return switch (said.group(1)) {
            case "Document nesting depth" -> "the body nests deeper than " + max + " levels";
            case "Number value length" -> "the body holds a number longer than " + max + " characters";
            case "String value length" -> "the body holds a string longer than " + max + " characters";
            case "Name length" -> "the body holds a field name longer than " + max + " characters";
            case "Document length" -> "the body is longer than " + max + " characters";
            case "Token count" -> "the body holds more than " + max + " JSON tokens";
            case "BigDecimal scale" -> "the body holds a number whose exponent is beyond " + max;
            default -> "the body is over a limit of the JSON reader (" + said.group(1).toLowerCase(Locale.ROOT) + " at most " + max + ")";
        };
    }

    /**
     * What the field the failure names takes, by its declared type, when the failure names no type: a JSON number past
     * any instant for an expiresAt ({@code 1e30}) was "not a valid value".
     */
    private static String declared(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return null;
        }
        JsonMappingException.Reference field = e.getPath().get(e.getPath().size() - 1);
        if (field.getFieldName() == null || field.getFrom() == null) {
            return null;
        }
        Class<?> owner = field.getFrom() instanceof Class<?> c ? c : field.getFrom().getClass();
        try {
            return expected(owner.getDeclaredField(field.getFieldName()).getType());
        } catch (NoSuchFieldException | SecurityException notAField) {
            return null;
        }
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
