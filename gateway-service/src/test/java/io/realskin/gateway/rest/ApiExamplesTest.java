package io.realskin.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The examples whose schema is open (the analysis is the engine's score document, a JSON object the OpenAPI document
 * does not describe field by field, so OpenApiDocumentTest cannot catch a wrong shape) have the shape docs/api.md gives.
 */
class ApiExamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** It gave "faces": 1, where the engine's document and docs/api.md give each face with its box, score and confidence. */
    @Test
    void theAnalysisExampleIsTheEnginesScoreDocument() throws Exception {
        JsonNode analysis = JSON.readTree(ApiExamples.ANALYSIS).get("analysis");
        assertTrue(analysis.get("faces").isArray() && !analysis.get("faces").isEmpty(), analysis.toString());
        for (JsonNode face : analysis.get("faces")) {
            assertEquals(4, face.get("box").size(), face.toString());
            assertTrue(face.get("score").isNumber() && face.get("confidence").isNumber(), face.toString());
        }
        List<String> fields = StreamSupport.stream(((Iterable<String>) analysis::fieldNames).spliterator(), false).toList();
        assertEquals(List.of("width", "height", "faces", "plasticScore", "skinFraction", "scoreModel"), fields);
        assertEquals(analysis.get("plasticScore"), JSON.readTree(ApiExamples.ANALYSIS).get("plasticScore"), "the score the answer repeats");
    }
}
