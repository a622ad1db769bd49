package io.realskin.contracts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromptCharactersTest {
    /** Characters that show nothing, alone, twice, and around ASCII whitespace: String.isBlank() said false to each. */
    @ParameterizedTest
    @ValueSource(strings = {"\u00A0", "\u200B", "\uFEFF", "\u00AD", "\u2060", "\u180E", "\u202F", "\u2007", "\u3000",
            "\u200C", "\u200D", "\u200E", "\u202E", "\u2066", "\u2063"})
    void aPromptOfOnlyCharactersThatShowNothingIsEmpty(String character) {
        for (String prompt : new String[] {character, character + character, " " + character + "\n", character + "\u200B\u00A0"}) {
            assertTrue(PromptCharacters.showsNothing(prompt), () -> "U+" + Integer.toHexString(character.codePointAt(0)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"p", "\u200Bp", "p\u00A0", "\u00A0\u201C\u201D", "\uD83D\uDE00", "\u0301", ".", "\uFF53"})
    void aPromptWithAnythingToSeeIsNot(String prompt) {
        assertFalse(PromptCharacters.showsNothing(prompt), prompt);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\r\n", "\u2028"})
    void emptyAndWhitespaceAreEmptyAsBefore(String prompt) {
        assertTrue(PromptCharacters.showsNothing(prompt));
        assertTrue(PromptCharacters.showsNothing(null));
    }
}
