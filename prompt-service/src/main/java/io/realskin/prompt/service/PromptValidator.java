package io.realskin.prompt.service;

import io.realskin.prompt.config.PromptSettings;
import io.realskin.prompt.domain.ProblemException;
import io.realskin.prompt.domain.ProblemType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;

/** Refuses prompts that are missing, blank or longer than the configured maximum. */
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
            throw new ProblemException(ProblemType.PROMPT_EMPTY, "'prompt' is required", Map.of("field", "prompt"));
        }
        if (prompt.isBlank()) {
            throw new ProblemException(ProblemType.PROMPT_EMPTY, "'prompt' is blank", Map.of("field", "prompt"));
        }
        if (prompt.length() > maxLength) {
            throw new ProblemException(ProblemType.PROMPT_TOO_LONG,
                    "'prompt' has " + prompt.length() + " characters; at most " + maxLength + " are accepted",
                    Map.of("field", "prompt", "length", prompt.length(), "maxLength", maxLength));
        }
    }
}
