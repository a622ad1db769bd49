package io.realskin.contracts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

/**
 * Jackson's own reader of a number type, with two rules of {@link StrictJson}'s. A whole-number type reads a number
 * written with a fraction part or an exponent ({@code 2.0}, {@code 2e0}) as the integer it is ({@link WholeNumbers})
 * and refuses a fraction ({@code 2.7}) naming the field. A floating-point type refuses a string: Jackson reads
 * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"} given as strings as those numbers whatever the coercion
 * rules say (a quote's {@code "megapixels": "NaN"} passed every range check, since NaN compares as nothing). A whole
 * number past its type's range ({@code 99999999999} for an int) is refused carrying the number it is
 * ({@link WholeNumbers#OUT_OF_RANGE}), so that the refusal can name the field's own range, never cut to fit. Every
 * other value (a range check included) is Jackson's as before.
 */
final class NumberDeserializer extends DelegatingDeserializer {
    static final List<Class<?>> FRACTION_TYPES = List.of(Double.class, Double.TYPE, Float.class, Float.TYPE);

    private final boolean whole;

    NumberDeserializer(JsonDeserializer<?> standard, boolean whole) {
        super(standard);
        this.whole = whole;
    }

    @SuppressWarnings("unchecked")
    static SimpleModule addTo(SimpleModule module) {
        for (Class<?> type : WholeNumbers.TYPES) {
            module.addDeserializer((Class<Object>) type, new NumberDeserializer(NumberDeserializers.find(type, type.getName()), true));
        }
        for (Class<?> type : FRACTION_TYPES) {
            module.addDeserializer((Class<Object>) type, new NumberDeserializer(NumberDeserializers.find(type, type.getName()), false));
        }
        return module;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
        return new NumberDeserializer(newDelegatee, whole);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext context) throws IOException {
        if (!whole && p.hasToken(JsonToken.VALUE_STRING)) {
            throw InvalidFormatException.from(p, "must be a number, not a string", p.getText(), handledType());
        }
        if (!whole) {
            return super.deserialize(p, context);
        }
        if (!p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
            return inRange(p, p, context);
        }
        BigInteger integer = WholeNumbers.wholeValue(p.getDecimalValue());
        if (integer == null) {
            throw InvalidFormatException.from(p, "must be a whole number", p.getText(), handledType());
        }
        TokenBuffer buffer = context.bufferForInputBuffering(p);
        buffer.writeNumber(integer);
        try (JsonParser asSent = buffer.asParserOnFirstToken()) { // read as if sent as the integer: its range checked as ever
            return inRange(asSent, p, context);
        }
    }

    /** {@code number}'s value as the type reads it; past the type's range, refused with the number it is. */
    private Object inRange(JsonParser number, JsonParser sent, DeserializationContext context) throws IOException {
        try {
            return super.deserialize(number, context);
        } catch (InputCoercionException overflow) {
            if (!number.hasToken(JsonToken.VALUE_NUMBER_INT)) {
                throw overflow;
            }
            throw InvalidFormatException.from(sent, WholeNumbers.OUT_OF_RANGE, number.getBigIntegerValue(), handledType());
        }
    }
}
