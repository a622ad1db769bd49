package io.realskin.prompt.service;

import java.util.Optional;

/**
 * Why a prompt comes back as sent, unlinted, when it does: it is JSON (added text would break it), it is all negative
 * prompt or parameters (no description before them), it has no person,
 * its Midjourney parameters pick an illustration model, or it names another medium and no photographic word. The
 * enhancer and the linter ask the same question, so lint says 0 exactly where enhance changes nothing.
 */
record LeftAsSent(String note, boolean personDetected) {

    static final String NO_PERSON_NOTE = "No person found in the prompt: skin-texture rules do not apply, the prompt is unchanged.";

    static final String STRUCTURED_NOTE = "The prompt is structured (JSON): it is not rewritten, since added text would break "
            + "its structure; to have the skin-texture rules applied, send the description itself as the prompt.";

    static final String ALL_TAIL_NOTE = "The prompt starts with what ends a prompt (a negative prompt under its label, \"Neg:\", "
            + "\"Negative prompt:\", \"Avoid:\", or --parameters): all of it is read as that and kept as sent, nothing is rewritten; "
            + "write the description first and the negative prompt or parameters after it.";

    /** The note for a prompt whose medium is not a photograph, {@code medium} as the prompt says it. */
    static String nonPhotographicNote(String medium) {
        return "The prompt asks for \"" + medium + "\", not a photograph: photographic skin-texture rules do not apply, "
                + "the prompt is unchanged (add \"photo\" to it to have them applied).";
    }

    /** The note for a prompt whose Midjourney {@code parameter} ("--niji") picks a model that draws, not photographs. */
    static String illustrationModelNote(String parameter) {
        return "The prompt's " + parameter + " parameter picks an illustration model, not a photograph: photographic "
                + "skin-texture rules do not apply, the prompt is unchanged.";
    }

    static Optional<LeftAsSent> judge(RuleBook book, String prompt, PromptParts parts) {
        String body = parts.body();
        // the whole prompt first: a parameter written inside a JSON string ("--ar 2:3\"}") would cut it in two
        if (JsonPrompt.is(prompt) || JsonPrompt.is(body)) {
            return Optional.of(new LeftAsSent(STRUCTURED_NOTE, book.hasPerson(body)));
        }
        if (body.isBlank()) { // "Neg: smooth skin, portrait of a man": no description before the tail
            return Optional.of(new LeftAsSent(ALL_TAIL_NOTE, false));
        }
        if (!book.hasPerson(body)) {
            return Optional.of(new LeftAsSent(NO_PERSON_NOTE, false));
        }
        Optional<String> parameter = book.illustrationParameter(parts);
        if (parameter.isPresent()) {
            return Optional.of(new LeftAsSent(illustrationModelNote(parameter.get()), true));
        }
        return book.nonPhotographicMedium(body).map(medium -> new LeftAsSent(nonPhotographicNote(medium), true));
    }
}
