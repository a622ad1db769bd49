package io.realskin.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IfNoneMatchTest {
    private static final String TAG = "\"9f86d081-320-r1\"";

    static Stream<Arguments> fields() {
        return Stream.of(
                // the tag itself, in a list, weak, among empty list elements and spaces
                Arguments.of("\"9f86d081-320-r1\"", true),
                Arguments.of("\"a\", \"9f86d081-320-r1\"", true),
                Arguments.of("\"a\",\"9f86d081-320-r1\",\"b\"", true),
                Arguments.of("W/\"9f86d081-320-r1\"", true),
                Arguments.of("\"a\", W/\"9f86d081-320-r1\"", true),
                Arguments.of(" , \"9f86d081-320-r1\" ,, ", true),
                Arguments.of("\t\"9f86d081-320-r1\"\t", true),
                Arguments.of("*", true),
                Arguments.of("  *  ", true),
                // other tags
                Arguments.of("\"9f86d081-640-r1\"", false),
                Arguments.of("\"9f86d081-320-r1x\"", false),
                Arguments.of("\"9f86d081-320-r\"", false),
                Arguments.of("\"x9f86d081-320-r1\"", false),
                Arguments.of("\"a\", \"b\"", false),
                Arguments.of("\"\"", false),
                Arguments.of("", false),
                Arguments.of(" , ", false),
                // malformed: ignored as a whole, even when the tag is in it
                Arguments.of("9f86d081-320-r1", false),
                Arguments.of("\"9f86d081-320-r1", false),
                Arguments.of("w/\"9f86d081-320-r1\"", false),
                Arguments.of("W/ \"9f86d081-320-r1\"", false),
                Arguments.of("\"a\" \"9f86d081-320-r1\"", false),
                Arguments.of("\"9f86d081-320-r1\" junk", false),
                Arguments.of("*, \"9f86d081-320-r1\"", false),
                Arguments.of("\"9f86d081-320-r1\", *", false),
                Arguments.of("\"a b\", \"9f86d081-320-r1\"", false),
                Arguments.of("\"a\u0001\", \"9f86d081-320-r1\"", false),
                Arguments.of("W/", false),
                Arguments.of("\"", false));
    }

    @ParameterizedTest
    @MethodSource("fields")
    void oneFieldLine(String field, boolean matches) {
        assertEquals(matches, IfNoneMatch.matches(List.of(field), TAG), field);
    }

    @Test
    void severalFieldLinesAreOneList() {
        assertTrue(IfNoneMatch.matches(List.of("\"a\"", "\"9f86d081-320-r1\""), TAG));
        assertFalse(IfNoneMatch.matches(List.of("\"a\"", "\"b\""), TAG));
        assertFalse(IfNoneMatch.matches(List.of("\"a\"", "junk", "\"9f86d081-320-r1\""), TAG), "one malformed line spoils the field");
    }

    @Test
    void noFieldMatchesNothing() {
        assertFalse(IfNoneMatch.matches(List.of(), TAG));
        assertFalse(IfNoneMatch.matches(null, TAG));
    }

    @Test
    void aCommaInsideATagIsPartOfIt() {
        assertTrue(IfNoneMatch.matches(List.of("\"x,y\""), "\"x,y\""));
        assertFalse(IfNoneMatch.matches(List.of("\"x,y\""), "\"x\""));
    }
}
