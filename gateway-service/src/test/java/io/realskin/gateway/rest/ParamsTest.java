package io.realskin.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.realskin.support.problem.ProblemException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParamsTest {
    @ParameterizedTest
    @CsvSource(nullValues = "ABSENT", value = {"ABSENT, false", "false, false", "true, true"})
    void aFlagIsTrueOnlyWhenSaidSo(String value, boolean expected) {
        assertEquals(expected, Params.flag("descendants", value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yes", "1", "TRUE", "True", "true ", "ture", "on"})
    void anythingElseIsARequestError(String value) {
        ProblemException e = assertThrows(ProblemException.class, () -> Params.flag("descendants", value));
        assertEquals(400, e.problem().status());
        assertEquals("descendants must be true or false", e.problem().detail());
    }
}
