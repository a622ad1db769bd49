package io.realskin.contracts;

import com.fasterxml.jackson.core.JsonParser;
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

/**
 * How the services read request bodies from outside: no JSON nested deeper than {@link #MAX_DEPTH} levels, no
 * string field holding a control character ({@link Identifiers#hasControlCharacters}), so a NUL never reaches
 * PostgreSQL, no fraction cut to fit a whole-number field ({@code "upscale": 2.7} was read as 2) and no number or
 * string taken for a yes or no ({@code "consent": 1} was read as true). Applied to each service's REST ObjectMapper;
 * Kafka records keep {@link EventJson}'s own mapper.
 */
public final class StrictJson {
    /** Far deeper than any request body of the API; a bound on the parser's work for hostile ones. */
    public static final int MAX_DEPTH = 64;

    public static void apply(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
        mapper.registerModule(new SimpleModule("realskin-strict-text").addDeserializer(String.class, new TextDeserializer()));
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }

    /** Strings as Jackson reads them, refused when they hold a control character. */
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
            return value;
        }
    }

    private StrictJson() {
    }
}
