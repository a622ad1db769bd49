package io.realskin.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The mapper a service reads request bodies with: what it refuses, and the plain values it still reads. */
class StrictJsonTest {
    record Body(Integer upscale, Boolean consent, String name, Double ratio, Long total, Body inner, java.util.List<Body> items,
                com.fasterxml.jackson.databind.JsonNode tree) {
    }

    private final ObjectMapper mapper = strict();

    /** A mapper as a service's REST layer has it. */
    static ObjectMapper strict() {
        ObjectMapper m = new ObjectMapper();
        StrictJson.apply(m);
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"upscale\": 2.7}", "{\"consent\": 1}", "{\"consent\": 0}",
            "{\"consent\": \"true\"}", "{\"consent\": \"yes\"}"})
    void aFractionForAWholeNumberOrANumberOrStringForAYesOrNoIsRefused(String json) {
        assertThrows(MismatchedInputException.class, () -> mapper.readValue(json, Body.class), json);
    }

    record Counts(Integer upscale, int level, Long total, short small, java.math.BigInteger big, java.util.List<Integer> sizes) {
    }

    /** Python's json.dumps writes a float variable holding 2 as 2.0: refused before, as intensity never was. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{\"upscale\": 2.0}|upscale|2", "{\"upscale\": 2e0}|upscale|2", "{\"upscale\": 0.20E1}|upscale|2",
            "{\"level\": 40.00}|level|40", "{\"level\": -0.0}|level|0", "{\"total\": 1e9}|total|1000000000",
            "{\"total\": -5.000}|total|-5", "{\"small\": 7.0}|small|7", "{\"big\": 1.5e3}|big|1500", "{\"sizes\": [1.0, 2]}|sizes|[1, 2]"})
    void aWholeValueWrittenWithAFractionPartOrAnExponentIsThatInteger(String json, String field, String value) throws Exception {
        assertEquals(value, readField(json, Counts.class, field), json);
    }

    /** Never cut or rounded: 1.0000000000000000001 is no long, though a double reads it as 1.0. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{\"upscale\": 2.7}|upscale", "{\"level\": 40.5}|level", "{\"upscale\": 1e-1}|upscale",
            "{\"total\": 1.0000000000000000001}|total", "{\"small\": 0.5}|small", "{\"big\": 1.5}|big",
            "{\"sizes\": [1, 2.5]}|sizes[1]", "{\"upscale\": 1e999999999}|upscale"})
    void aFractionIsRefusedNamingTheField(String json, String path) {
        InvalidFormatException e = assertThrows(InvalidFormatException.class, () -> mapper.readValue(json, Counts.class), json);
        assertEquals(path, path(e), json);
    }

    /** Out of the type's range whichever way it is written: the value decides, as for any other field. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"upscale|3e9|3000000000", "level|-3.0E9|-3000000000", "total|1e19|10000000000000000000",
            "small|4e4|40000"})
    void aWholeValueOutOfRangeIsRefusedAsWrittenPlainly(String field, String written, String plainly) {
        Exception asFloat = assertThrows(Exception.class, () -> mapper.readValue("{\"" + field + "\": " + written + "}", Counts.class));
        Exception asInteger = assertThrows(Exception.class, () -> mapper.readValue("{\"" + field + "\": " + plainly + "}", Counts.class));
        assertEquals(asInteger.getClass(), asFloat.getClass(), written);
        assertEquals(field, path((com.fasterxml.jackson.databind.JsonMappingException) asFloat), written);
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(java.util.stream.Collectors.joining(".")).replace(".[", "[");
    }

    /** A second value after the body was dropped: the first ran, while another reader may take the last. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"a\"} {\"name\":\"b\"}", "{\"name\":\"a\"}[]", "{\"name\":\"a\"} 1"})
    void aValueAfterTheBodyIsRefused(String json) {
        assertThrows(MismatchedInputException.class, () -> mapper.readValue(json, Body.class), json);
    }

    @Test
    void whitespaceAfterTheBodyIsNoValue() throws Exception {
        assertEquals("a", mapper.readValue("{\"name\":\"a\"} \r\n\t ", Body.class).name());
    }

    @Test
    void aControlCharacterInAStringIsRefused() {
        assertThrows(InvalidFormatException.class, () -> mapper.readValue("{\"name\": \"a\\u0000b\"}", Body.class));
    }

    /** Half of a surrogate pair has no UTF-8 form: it was read, and stored as "?" (a name, a webhook URL changed). */
    @ParameterizedTest
    @ValueSource(strings = {"{\"name\": \"a\\ud800b\"}", "{\"name\": \"a\\udc00\"}", "{\"name\": \"\\ude00\\ud83d\"}",
            "{\"scopes\": [\"\\ud83d\"]}"})
    void halfOfASurrogatePairIsRefused(String json) {
        InvalidFormatException e = assertThrows(InvalidFormatException.class, () -> mapper.readValue(json, Texts.class), json);
        assertEquals(StrictJson.UNPAIRED_SURROGATE, e.getOriginalMessage());
    }

    @Test
    void aWholeSurrogatePairIsACharacterLikeAnyOther() throws Exception {
        assertEquals("smile \ud83d\ude00", mapper.readValue("{\"name\": \"smile \\ud83d\\ude00\"}", Body.class).name());
        assertEquals("smile \ud83d\ude00", mapper.readValue("{\"name\": \"smile \ud83d\ude00\"}", Body.class).name());
    }

    /**
     * A whole number written as a string was read as that number ("upscale": "2" as 2; "" as no value); "NaN" and
     * "Infinity" as strings were read into a fraction field whatever the coercion rules (Jackson's own special case).
     */
    @ParameterizedTest
    @ValueSource(strings = {"{\"upscale\": \"2\"}", "{\"upscale\": \"\"}", "{\"upscale\": \" 2\"}", "{\"ratio\": \"0.5\"}",
            "{\"total\": \"7\"}", "{\"ratio\": \"NaN\"}", "{\"ratio\": \"Infinity\"}", "{\"ratio\": \"-Infinity\"}"})
    void aStringForANumberIsRefusedNamingTheField(String json) {
        MismatchedInputException e = assertThrows(MismatchedInputException.class, () -> mapper.readValue(json, Body.class), json);
        assertEquals(json.substring(2, json.indexOf('"', 2)), e.getPath().get(0).getFieldName());
    }

    enum Kind { PORTRAIT, PRODUCT }

    record Texts(String name, java.util.List<String> scopes, Texts inner, Kind kind, Object intensity, java.util.UUID id) {
    }

    /** A number or a yes or no for a text was read as its text ("prompt": 123 as "123"), an enum's index as its constant. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{\"name\": 123}|name", "{\"name\": 1.5}|name", "{\"name\": true}|name",
            "{\"name\": false}|name", "{\"scopes\": [\"a\", 42]}|scopes[1]", "{\"inner\": {\"name\": 2e0}}|inner.name",
            "{\"kind\": 1}|kind", "{\"kind\": 0.0}|kind", "{\"kind\": true}|kind"})
    void aNumberOrAYesOrNoForATextIsRefusedNamingTheField(String json, String path) {
        MismatchedInputException e = assertThrows(MismatchedInputException.class, () -> mapper.readValue(json, Texts.class), json);
        assertEquals(path, path(e), json);
    }

    /** What a text or an enum takes still reads; a field that is a number or a text (intensity) takes either as sent. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{\"name\": \"123\"}|name|123", "{\"kind\": \"PRODUCT\"}|kind|PRODUCT",
            "{\"scopes\": [\"true\"]}|scopes|[true]", "{\"intensity\": 40}|intensity|40", "{\"intensity\": \"auto\"}|intensity|auto",
            "{\"intensity\": 40.0}|intensity|40.0", "{\"id\": \"6f1c1a52-3b57-4c5e-9d0e-2f4a3c1b7e11\"}|id|6f1c1a52-3b57-4c5e-9d0e-2f4a3c1b7e11"})
    void aTextAnEnumAndAFieldOfEitherKindStillRead(String json, String field, String value) throws Exception {
        assertEquals(value, readField(json, Texts.class, field), json);
    }

    /** The record read from {@code json}, its component {@code field} as text. */
    private String readField(String json, Class<? extends Record> type, String field) throws Exception {
        return String.valueOf(type.getMethod(field).invoke(mapper.readValue(json, type)));
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
