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
        assertEquals("descendants", e.problem().members().get("field"));
    }

    /** A query parameter refused is named in field as it is sent, as a body's field is (it was in the detail only). */
    @ParameterizedTest
    @CsvSource({"limit, 0", "limit, abc", "state, ACTIVE", "jobId, job a", "cursor, x"})
    void aQueryParameterRefusedIsNamedInField(String name, String value) {
        ProblemException e = assertThrows(ProblemException.class, () -> {
            switch (name) {
                case "limit" -> Params.pageSize(value, 20, 100);
                case "state" -> Params.choice(name, value, io.realskin.gateway.keys.KeyState.ALL);
                case "jobId" -> Params.queryId(name, value);
                default -> Cursors.decode(value);
            }
        });
        assertEquals(400, e.problem().status());
        assertEquals("https://realskin.io/problems/invalid-request", e.problem().type());
        assertEquals(name, e.problem().members().get("field"));
    }
}
