package io.realskin.contracts;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.ArrayDeque;

/**
 * How the services read request bodies from outside: no JSON nested deeper than {@link #MAX_DEPTH} levels, no
 * string field holding a control character ({@link Identifiers#hasControlCharacters}), so a NUL never reaches
 * PostgreSQL, nor half of a surrogate pair ({@code "\\ud800"} alone, stored as {@code ?}: a webhook URL checked as
 * one URL was kept as another), no fraction cut to fit a whole-number field ({@code "upscale": 2.7} was read as 2; a whole value written
 * {@code 2.0} or {@code 2e0} is read as 2, the rule {@code intensity} keeps too: {@link WholeNumbers}), no number or
 * string taken for a yes or no ({@code "consent": 1} was read as true), no string taken for a number
 * ({@code "upscale": "2"} was read as 2; {@code "NaN"} and {@code "Infinity"} into a fraction field:
 * {@link NumberDeserializer}), no number or yes or no taken for a text ({@code "prompt": 123} was read as
 * "123", {@code "name": true} as "true"; an enum's index as its constant; a field of type Object, such as
 * {@code intensity}'s number or "auto", is read as sent) and no key given twice in one object ({@code {"intensity":10,"intensity":90}}
 * was read as 90, while a client or proxy reading the first saw 10): {@link #duplicateKey} names it; and nothing but
 * whitespace after the body's value ({@code {…} {…}} ran the first and dropped the rest). Applied to the
 * REST ObjectMapper of the gateway and billing (what a client sends, and what the gateway sends billing); Kafka records
 * keep {@link EventJson}'s own mapper, which tolerates what our own writers put there.
 */
public final class StrictJson {
    /** Far deeper than any request body of the API; a bound on the parser's work for hostile ones. */
    public static final int MAX_DEPTH = 64;

    public static void apply(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
        mapper.registerModule(NumberDeserializer.addTo(new SimpleModule("realskin-strict-text")
                .addDeserializer(String.class, new TextDeserializer())));
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT); // a whole-number type NumberDeserializer does not take
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        for (LogicalType number : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
            mapper.coercionConfigFor(number).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        for (LogicalType text : new LogicalType[] {LogicalType.Textual, LogicalType.Enum}) { // an enum by its index too
            mapper.coercionConfigFor(text).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        mapper.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS); // {"a":1} {"a":2} was read as its first value
    }

    /**
     * The key a body gave twice, as a path ({@code intensity}, {@code texturePass.intensity},
     * {@code referenceImages[0].imageId}), when {@code failure} (or a cause of it) is the parser's refusal of that;
     * else null. The parser's refusal names neither the path nor, to a mapper, a field: this does.
     */
    public static String duplicateKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonParseException e && e.getOriginalMessage() != null && e.getOriginalMessage().startsWith(DUPLICATE)
                    && e.getProcessor() != null && e.getProcessor().getParsingContext() != null) {
                return path(e.getProcessor().getParsingContext());
            }
        }
        return null;
    }

    /** Jackson's message for a key given twice (JsonReadContext, since 2.3): "Duplicate field 'name'". */
    private static final String DUPLICATE = "Duplicate field '";

    private static String path(JsonStreamContext context) {
        ArrayDeque<String> segments = new ArrayDeque<>(); // from the root down
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                segments.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                segments.push(c.getCurrentName());
            }
        }
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append(path.length() == 0 || segment.startsWith("[") ? "" : ".").append(segment);
        }
        return path.toString();
    }

    /** The refusal of a string holding half a surrogate pair ({@link Identifiers#hasUnpairedSurrogates}). */
    public static final String UNPAIRED_SURROGATE = "must be Unicode text: it holds half of a surrogate pair (a \\ud800-\\udfff escape alone), which is no character";

    /** Strings as Jackson reads them, refused when they hold a control character or half of a surrogate pair. */
    static final class TextDeserializer extends StdScalarDeserializer<String> {
        TextDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, context);
            if (value != null && Identifiers.hasControlCharacters(value)) {
                throw InvalidFormatException.from(p, "must not contain control characters", "(control characters)", String.class);
            }
            if (value != null && Identifiers.hasUnpairedSurrogates(value)) {
                throw InvalidFormatException.from(p, UNPAIRED_SURROGATE, "(unpaired surrogate)", String.class);
            }
            return value;
        }
    }

    private StrictJson() {
    }
}
