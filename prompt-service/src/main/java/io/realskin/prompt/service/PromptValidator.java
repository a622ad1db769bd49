package io.realskin.prompt.service;

import io.realskin.contracts.PromptCharacters;
import io.realskin.prompt.config.PromptSettings;
import io.realskin.support.problem.Problem;
import io.realskin.support.problem.ProblemTypes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;


/**
 * Refuses prompts that are missing, blank or longer than the configured maximum. Blank is what shows nothing
 * ({@link PromptCharacters#showsNothing}): spaces of any width, line breaks, invisible and other format characters.
 */
@Singleton
public class PromptValidator {

    private final int maxLength;

    @Inject
    public PromptValidator(PromptSettings settings) {
        this(settings.maxLength());
    }

    public PromptValidator(int maxLength) {
        this.maxLength = maxLength;
    }

    public int maxLength() {
        return maxLength;
    }

    public void validate(String prompt) {
        if (prompt == null) {
            throw Problem.of(ProblemTypes.PROMPT_EMPTY, "'prompt' is required").with("field", "prompt").exception();
        }
        if (PromptCharacters.showsNothing(prompt)) {
            throw Problem.of(ProblemTypes.PROMPT_EMPTY, "'prompt' is blank").with("field", "prompt").exception();
        }
        if (prompt.length() > maxLength) {
            // counted as JavaScript's length and every offset of the API count: UTF-16 code units, so an emoji is two
            throw Problem.of(ProblemTypes.PROMPT_TOO_LONG, "'prompt' has " + prompt.length() + " characters (UTF-16 code units: "
                    + "an emoji or another character outside the Basic Multilingual Plane counts 2); at most " + maxLength
                    + " are accepted").with("field", "prompt").with("length", prompt.length()).with("maxLength", maxLength).exception();
        }
    }
}
