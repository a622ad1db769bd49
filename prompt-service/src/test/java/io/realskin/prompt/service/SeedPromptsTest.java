package io.realskin.prompt.service;

import io.realskin.contracts.prompt.Enhancement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The product story's three before/after prompt edits: the enhanced prompt keeps the subject (and the
 * user's light and makeup words) and gains the photographic specifics the "after" prompt has.
 */
class SeedPromptsTest {

    private final PromptEnhancer enhancer = Fixtures.enhancer();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Portrait of a 35-year-old woman, warm light, professional headshot. | Portrait of a 35-year-old woman, warm light | 85mm
            Close-up of a man with a beard, moody lighting.                      | Close-up of a man with a beard, moody lighting | 56mm
            A fashion portrait of a model with bold makeup.                      | A fashion portrait of a model with bold makeup | Hasselblad 80mm
            """)
    void seedPromptGainsSpecificsAndKeepsSubject(String before, String keptVerbatim, String lens) {
        Enhancement result = enhancer.enhance(before, null, null);

        String after = result.prompt();
        assertTrue(after.startsWith(keptVerbatim), after);
        for (String specific : new String[] {"unretouched", "visible skin texture", "natural pores", "fine lines",
                "natural skin imperfections", "no smoothing", "no beauty retouch", "no airbrushing", lens}) {
            assertTrue(after.contains(specific), () -> "missing '" + specific + "' in: " + after);
        }
        assertFalse(after.toLowerCase().contains("professional"), after);
        assertTrue(after.endsWith("."), after);
        assertTrue(result.riskAfter() < result.riskBefore());
        assertEquals(0, result.riskAfter());
        System.out.println(before + "\n  -> " + result.prompt() + "  [" + result.riskBefore() + " -> " + result.riskAfter() + "]");
    }
}
