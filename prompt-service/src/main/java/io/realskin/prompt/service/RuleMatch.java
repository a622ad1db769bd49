package io.realskin.prompt.service;

import io.realskin.prompt.domain.Vocabulary;

/** A vocabulary rule found at {@code [start, end)} of a prompt; {@code text} is exactly that substring. */
public record RuleMatch(Vocabulary.Rule rule, int start, int end, String text) {

    public int length() {
        return end - start;
    }
}
