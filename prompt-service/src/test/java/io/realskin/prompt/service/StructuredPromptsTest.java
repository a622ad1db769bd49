package io.realskin.prompt.service;

import static io.realskin.prompt.service.LeftAsSentCheck.assertLeftAsSent;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.prompt.Enhancement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Prompts pasted as JSON ({"subject": ..., "style": ...}): text appended after the closing brace would break them, so a
 * prompt that is a JSON object or array comes back as sent, with a note; text that only looks like JSON is a prompt.
 */
class StructuredPromptsTest {

    private final PromptEnhancer enhancer = Fixtures.enhancer();
    private final PromptLinter linter = Fixtures.linter();

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"subject\": \"a woman with smooth skin\", \"style\": \"photo\"}",
            "  [{\"prompt\": \"portrait of a man, flawless skin\"}, {\"prompt\": \"a girl, 8k\"}]\n",
            "{\n  \"subject\": \"portrait of an old fisherman\",\n  \"skin\": \"perfect skin\",\n  \"camera\": {\"lens\": null}\n}",
            "{\"prompt\": \"a woman, smooth skin --ar 2:3 --v 6\"}",
            "{\"subject\": \"a bride, stunning\"} --ar 2:3 --v 6.1",
            "{\"scene\": \"a cat on a sofa\"}"})
    void aJsonPromptIsLeftAsItIs(String prompt) {
        assertLeftAsSent(enhancer, linter, prompt, LeftAsSent.STRUCTURED_NOTE);
    }

    /** Not a JSON object or array: brackets in prose, SD emphasis, a quoted sentence, JSON followed by words. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{a woman, smooth skin}",
            "[portrait of a woman], smooth skin",
            "\"portrait of a woman with smooth skin\"",
            "{\"subject\": \"a woman\"} and a woman with smooth skin",
            "{\"subject\": \"a woman\", smooth skin",
            "(portrait of a woman:1.2), [smooth skin]"})
    void textThatOnlyLooksLikeJsonIsRewritten(String prompt) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().contains("natural skin texture") && e.prompt().endsWith("85mm lens"), e.prompt());
        assertTrue(e.notes().stream().noneMatch(LeftAsSent.STRUCTURED_NOTE::equals), e.notes().toString());
    }
}
