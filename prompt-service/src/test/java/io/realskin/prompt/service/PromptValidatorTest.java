package io.realskin.prompt.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.realskin.support.problem.ProblemException;
import io.realskin.support.problem.ProblemTypes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromptValidatorTest {
    private final PromptValidator validator = new PromptValidator(4000);

    /**
     * A prompt of only characters that show nothing (other spaces read as a space, invisible characters as nothing,
     * joiners and direction marks alone) is as empty as one of ASCII spaces: isBlank() let each through, and enhance
     * answered 200 with a note about the prompt's first character.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\u00A0", "\u200B\u200B", "\uFEFF", "\u00AD", "\u2060", "\u180E", "\u202F", "\u3000", "\u200D",
            "\u200E", " \u00A0\n\u200B"})
    void aPromptOfOnlyCharactersThatShowNothingIsEmpty(String prompt) {
        ProblemException refused = assertThrows(ProblemException.class, () -> validator.validate(prompt));
        assertEquals(ProblemTypes.PROMPT_EMPTY.uri(), refused.problem().type());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u200Bportrait\u00A0of a woman", "p", "\u00A0\u201Cx\u201D"})
    void aPromptWithSomethingToSeeIsAccepted(String prompt) {
        assertDoesNotThrow(() -> validator.validate(prompt));
    }
}
