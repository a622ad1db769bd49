package io.realskin.contracts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.math.BigInteger;

/**
 * Jackson's own reader of a whole-number type, which reads a number written with a fraction part or an exponent
 * ({@code 2.0}, {@code 2e0}) as the integer it is ({@link WholeNumbers}) and refuses a fraction ({@code 2.7}) naming
 * the field; every other value (a range check included) is Jackson's as before.
 */
final class WholeNumberDeserializer extends DelegatingDeserializer {
    WholeNumberDeserializer(JsonDeserializer<?> standard) {
        super(standard);
    }

    @SuppressWarnings("unchecked")
    static SimpleModule addTo(SimpleModule module) {
        for (Class<?> type : WholeNumbers.TYPES) {
            module.addDeserializer((Class<Object>) type, new WholeNumberDeserializer(NumberDeserializers.find(type, type.getName())));
        }
        return module;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
        return new WholeNumberDeserializer(newDelegatee);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext context) throws IOException {
        if (!p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
            return super.deserialize(p, context);
        }
        BigInteger whole = WholeNumbers.wholeValue(p.getDecimalValue());
        if (whole == null) {
            throw InvalidFormatException.from(p, "must be a whole number", p.getText(), handledType());
        }
        TokenBuffer integer = context.bufferForInputBuffering(p);
        integer.writeNumber(whole);
        try (JsonParser asSent = integer.asParserOnFirstToken()) { // read as if sent as the integer: its range checked as ever
            return super.deserialize(asSent, context);
        }
    }
}
