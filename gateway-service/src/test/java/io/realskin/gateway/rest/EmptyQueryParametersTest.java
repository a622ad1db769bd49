package io.realskin.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.realskin.support.problem.ProblemException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmptyQueryParametersTest {
    @SuppressWarnings("unused")
    static class Routes {
        public void list(@PathParam("id") String id, @QueryParam("cursor") String cursor, @HeaderParam("X-A") String header,
                         @QueryParam("limit") String limit) {
        }
    }

    @org.junit.jupiter.api.Test
    void theQueryParametersOfARouteAreTheOnesItReads() throws Exception {
        assertEquals(List.of("cursor", "limit"), EmptyQueryParameters.queryParameters(
                Routes.class.getMethod("list", String.class, String.class, String.class, String.class)));
    }

    /** JAX-RS hands a route ?limit= as absent: the route ran with its default. (A query string as sent, decoded.) */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "limit=          | limit",
            "cursor=&limit=5 | cursor",
            "limit=5&cursor= | cursor",
            "limit           | limit",
            "limit=5         | -",
            "limit=%20       | -",
            "other=          | -",
            "''              | -"})
    void anEmptyValueOfAParameterTheRouteReadsIsA400NamingIt(String query, String refused) {
        MultivaluedHashMap<String, String> parameters = new MultivaluedHashMap<>();
        for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
            int equals = pair.indexOf('=');
            parameters.add(equals < 0 ? pair : pair.substring(0, equals),
                    equals < 0 ? "" : java.net.URLDecoder.decode(pair.substring(equals + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        ProblemException e = EmptyQueryParameters.refusal(List.of("cursor", "limit"), parameters);
        if (refused == null) {
            assertNull(e, query);
            return;
        }
        assertEquals(400, e.problem().status());
        assertEquals("https://realskin.io/problems/invalid-request", e.problem().type());
        assertEquals(refused, e.problem().members().get("field"));
        assertEquals("query parameter " + refused + " is empty: give it a value, or leave it out for its default", e.problem().detail());
    }
}
