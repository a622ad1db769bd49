package io.realskin.prompt.service;

import java.util.List;

/**
 * The words of an idiom that only say how great the praise before them is: "for words" of "too beautiful for words",
 * "beyond words", "for his own good" (vocabulary {@code praiseComplements}). Left behind when the praise goes they read as
 * nonsense ("a woman for words"), so they go with it, also when a verb's praise becomes "natural" ("she looks too
 * beautiful for words" -> "she looks natural").
 */
final class PraiseComplements {

    private final PhraseSet complements;

    PraiseComplements(List<String> complements) {
        this.complements = PhraseSet.of(complements);
    }

    /**
     * The complement right after the praise ending at {@code praiseEnd}, past spaces, with those spaces, when it ends at or
     * before {@code ceiling}; else null.
     */
    PhraseSet.Span after(String text, int praiseEnd, int ceiling) {
        if (complements.isEmpty()) {
            return null;
        }
        int at = praiseEnd;
        while (at < ceiling && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
            at++;
        }
        if (at == praiseEnd || at >= ceiling) {
            return null;
        }
        for (PhraseSet.Span span : complements.spansIn(text.subSequence(at, ceiling))) {
            return span.start() == 0 ? new PhraseSet.Span(praiseEnd, at + span.end()) : null;
        }
        return null;
    }
}
