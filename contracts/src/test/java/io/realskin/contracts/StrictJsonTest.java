package io.realskin.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The mapper a service reads request bodies with: what it refuses, and the plain values it still reads. */
class StrictJsonTest {
    record Body(Integer upscale, Boolean consent, String name) {
    }

    private final ObjectMapper mapper = strict();

    private static ObjectMapper strict() {
        ObjectMapper m = new ObjectMapper();
        StrictJson.apply(m);
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"upscale\": 2.7}", "{\"upscale\": 2.0}", "{\"consent\": 1}", "{\"consent\": 0}",
            "{\"consent\": \"true\"}", "{\"consent\": \"yes\"}"})
    void aFractionForAWholeNumberOrANumberOrStringForAYesOrNoIsRefused(String json) {
        assertThrows(MismatchedInputException.class, () -> mapper.readValue(json, Body.class), json);
    }

    @Test
    void aControlCharacterInAStringIsRefused() {
        assertThrows(InvalidFormatException.class, () -> mapper.readValue("{\"name\": \"a\\u0000b\"}", Body.class));
    }

    @Test
    void plainValuesAreReadAsSent() throws Exception {
        assertEquals(new Body(2, true, "a b"), mapper.readValue("{\"upscale\": 2, \"consent\": true, \"name\": \"a b\"}", Body.class));
        assertEquals(new Body(2, false, null), mapper.readValue("{\"upscale\": \"2\", \"consent\": false}", Body.class),
                "a whole number written as a string is still that number");
    }
}
