package io.realskin.prompt.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Recognises a prompt pasted as JSON ({"subject": ..., "style": ...} or an array of them): text appended after its
 * closing bracket would make it invalid. Strict JSON only (no comments, no single quotes, nothing after the value);
 * text that does not start with { or [ and end with } or ] is refused before any parsing.
 */
final class JsonPrompt {

    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonPrompt() {
    }

    /** Whether {@code text}, less surrounding whitespace, is one JSON object or array. */
    static boolean is(String text) {
        String s = text.strip();
        if (s.length() < 2 || !(s.charAt(0) == '{' && s.endsWith("}") || s.charAt(0) == '[' && s.endsWith("]"))) {
            return false;
        }
        try {
            return STRICT.readTree(s).isContainerNode();
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
