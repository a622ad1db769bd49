package io.realskin.support.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AcceptedTypesTest {
    /** Accept (RFC 9110 12.5.1) | what the route answers (its @Produces, space-separated) | whether some of it is acceptable. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "application/json;q=0                          | application/json                        | false",
            "application/json; q=0.000                     | application/json                        | false",
            "*/*;q=0                                       | application/json                        | false",
            "*/*, application/json;q=0                     | application/json                        | false",
            "application/*;q=0, */*                        | application/json                        | false",
            "text/html;q=0, application/json               | application/json                        | true",
            "application/json;q=0, text/event-stream       | text/event-stream                       | true",
            "text/event-stream;q=0, application/json       | application/json;qs=0.5                 | true",
            "text/event-stream;q=0, application/json       | text/event-stream                       | false",
            "application/json;q=0.001                      | application/json                        | true",
            "application/json                              | application/json                        | true",
            "APPLICATION/JSON;Q=0                          | application/json                        | false",
            "image/*;q=0                                   | image/* application/problem+json         | false",
            "image/png;q=0, image/*                        | image/* application/problem+json         | true",
            "image/png;q=0                                 | image/* application/problem+json         | false",
            "image/png                                     | image/* application/problem+json         | true",
            "image/*, image/png;q=0, */*;q=0               | image/*                                 | true",
            "*/*;q=0.5, image/*;q=0                        | image/*                                 | false",
            "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2 | application/json                  | true",
            "text/html;level=1;q=0, application/json       | application/json                        | true"})
    void aTypeWeighted0IsNotAcceptable(String accept, String produced, boolean allowed) {
        assertEquals(allowed, AcceptedTypes.of(List.of(accept)).allowsAny(List.of(produced.split(" "))), accept + " for " + produced);
    }

    /**
     * Accept | the types one route's methods answer, the server's order | the one chosen (empty: none, the framework's
     * choice stands): the highest weight, the most specific range deciding it, the server's order between equals.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "*/*, text/event-stream;q=0                    | text/event-stream application/json;qs=0.5 | application/json",
            "text/event-stream;q=0, application/json      | text/event-stream application/json;qs=0.5 | application/json",
            "text/*;q=0, */*                               | text/event-stream application/json;qs=0.5 | application/json",
            "*/*                                           | text/event-stream application/json;qs=0.5 | text/event-stream",
            "*/*;q=0.5, text/event-stream                  | text/event-stream application/json;qs=0.5 | text/event-stream",
            "text/event-stream;q=0.5, application/json     | text/event-stream application/json;qs=0.5 | application/json",
            "application/json, text/event-stream           | text/event-stream application/json;qs=0.5 | text/event-stream",
            "text/event-stream, */*;q=0                    | text/event-stream application/json;qs=0.5 | text/event-stream",
            "text/event-stream;q=0, application/json;q=0   | text/event-stream application/json;qs=0.5 | ''",
            "text/html                                     | text/event-stream application/json;qs=0.5 | ''",
            "*/*, image/png;q=0                            | image/* application/json                  | ''"})
    void ofSeveralMethodsTheHighestWeightedTypeIsChosen(String accept, String produced, String chosen) {
        assertEquals(chosen.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(chosen),
                AcceptedTypes.of(List.of(accept)).preferred(List.of(produced.split(" "))), accept + " for " + produced);
    }

    @org.junit.jupiter.api.Test
    void rangesInSeveralHeaderLinesAreReadTogether() {
        assertEquals(false, AcceptedTypes.of(List.of("*/*", "application/json;q=0")).allowsAny(List.of("application/json")));
    }

    /** No header, or one that cannot be read: the framework's own reading stands. */
    @ParameterizedTest
    @ValueSource(strings = {"", " , ", "json", "application/json;q=abc", "application/json;q=2", "a/b/c"})
    void aHeaderThatCannotBeReadIsLeftToTheFramework(String accept) {
        assertNull(AcceptedTypes.of(List.of(accept)));
    }

    /** Only semicolons was an ArrayIndexOutOfBoundsException (a 500); a range that cannot be read makes the header unreadable. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {";;; | false", "; | false", ",; | false", "image/ | false", "/ | false",
            "application/json, ; | false", "'' | true", "' , ' | true", "application/json;q=0 | true", "* | true"})
    void aHeaderIsReadableWhenEachOfItsRangesIs(String accept, boolean readable) {
        assertEquals(readable, AcceptedTypes.readable(List.of(accept)), accept);
        if (!readable) {
            assertNull(AcceptedTypes.of(List.of(accept)));
        }
    }
}
