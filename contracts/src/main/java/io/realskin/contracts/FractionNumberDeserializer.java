package io.realskin.contracts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.List;

/**
 * Jackson's own reader of a floating-point type, except that a string is refused naming the field: Jackson reads
 * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"} given as strings as those numbers whatever the coercion
 * rules say (a quote's {@code "megapixels": "NaN"} passed every range check, since NaN compares as nothing).
 */
final class FractionNumberDeserializer extends DelegatingDeserializer {
    static final List<Class<?>> TYPES = List.of(Double.class, Double.TYPE, Float.class, Float.TYPE);

    FractionNumberDeserializer(JsonDeserializer<?> standard) {
        super(standard);
    }

    @SuppressWarnings("unchecked")
    static SimpleModule addTo(SimpleModule module) {
        for (Class<?> type : TYPES) {
            module.addDeserializer((Class<Object>) type, new FractionNumberDeserializer(NumberDeserializers.find(type, type.getName())));
        }
        return module;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
        return new FractionNumberDeserializer(newDelegatee);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext context) throws IOException {
        if (p.hasToken(JsonToken.VALUE_STRING)) {
            throw InvalidFormatException.from(p, "must be a number, not a string", p.getText(), handledType());
        }
        return super.deserialize(p, context);
    }
}
