package io.realskin.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The mapper a service reads request bodies with: what it refuses, and the plain values it still reads. */
class StrictJsonTest {
    record Body(Integer upscale, Boolean consent, String name, Double ratio, Long total, Body inner, java.util.List<Body> items,
                com.fasterxml.jackson.databind.JsonNode tree) {
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

    /** A whole number written as a string was read as that number ("upscale": "2" as 2; "" as no value). */
    @ParameterizedTest
    @ValueSource(strings = {"{\"upscale\": \"2\"}", "{\"upscale\": \"\"}", "{\"upscale\": \" 2\"}", "{\"ratio\": \"0.5\"}",
            "{\"total\": \"7\"}"})
    void aStringForANumberIsRefusedNamingTheField(String json) {
        MismatchedInputException e = assertThrows(MismatchedInputException.class, () -> mapper.readValue(json, Body.class), json);
        assertEquals(json.substring(2, json.indexOf('"', 2)), e.getPath().get(0).getFieldName());
    }

    /** A key given twice was read as its last value; a client or proxy reading the first saw another request. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"upscale\": 1, \"upscale\": 2}|upscale", "{\"name\": \"a\", \"consent\": true, \"name\": \"a\"}|name",
            "{\"inner\": {\"name\": \"a\", \"name\": \"b\"}}|inner.name", "{\"items\": [{\"name\": \"a\"}, {\"name\": \"a\", \"name\": \"b\"}]}|items[1].name",
            "{\"tree\": {\"a\": [1, {\"b\": 1, \"b\": 2}]}}|tree.a[1].b"})
    void aKeyGivenTwiceIsRefusedNamingItsPath(String jsonAndPath) {
        String[] parts = jsonAndPath.split("\\|");
        Exception e = assertThrows(Exception.class, () -> mapper.readValue(parts[0], Body.class), parts[0]);
        assertEquals(parts[1], StrictJson.duplicateKey(e), parts[0]);
        Exception tree = assertThrows(Exception.class, () -> mapper.readTree(parts[0]), parts[0]);
        assertEquals(parts[1], StrictJson.duplicateKey(tree), parts[0]);
    }

    @Test
    void otherFailuresNameNoDuplicateKey() {
        Exception e = assertThrows(Exception.class, () -> mapper.readValue("{\"upscale\": 1, }", Body.class));
        assertNull(StrictJson.duplicateKey(e));
        assertNull(StrictJson.duplicateKey(new IllegalStateException("Duplicate field 'x'")));
    }

    @Test
    void plainValuesAreReadAsSent() throws Exception {
        assertEquals(new Body(2, true, "a b", null, null, null, null, null),
                mapper.readValue("{\"upscale\": 2, \"consent\": true, \"name\": \"a b\"}", Body.class));
        assertEquals(new Body(null, null, "2", 0.5, 7L, null, null, null),
                mapper.readValue("{\"name\": \"2\", \"ratio\": 0.5, \"total\": 7}", Body.class), "a string field takes digits as text");
        assertEquals(new Body(null, null, null, null, null, new Body(null, null, "a", null, null, null, null, null), null, null),
                mapper.readValue("{\"inner\": {\"name\": \"a\"}, \"name\": null}", Body.class), "the same key in two objects is no duplicate");
    }
}
