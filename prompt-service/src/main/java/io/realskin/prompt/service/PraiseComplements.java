package io.realskin.prompt.service;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of an idiom that only say how great the praise before them is: "for words" of "too beautiful for words",
 * "beyond words", "for his own good" (vocabulary {@code praiseComplements}). Left behind when the praise goes they read as
 * nonsense ("a woman for words"), so they go with it, also when a verb's praise becomes "natural" ("she looks too
 * beautiful for words" -> "she looks natural").
 */
final class PraiseComplements {

    /**
     * A score right after the praise that ends its clause, which says how great it is as "for words" does: "gorgeous 10/10,
     * portrait", "beautiful 11 out of 10". One that goes on to a noun is said of that ("stunning 10/10 lighting").
     */
    private static final Pattern SCORE = Pattern.compile("[ \\t]+\\d{1,3}[ \\t]*(?:/|out[ \\t]+of)[ \\t]*\\d{1,3}(?![\\p{L}\\p{N}])(?![/.:]\\d)"
            + "(?=[ \\t]*(?:[\\n" + TextCleaner.SEPARATORS + TextCleaner.STOPS + ")\\]]|$))", Pattern.CASE_INSENSITIVE);

    private final PhraseSet complements;

    PraiseComplements(List<String> complements) {
        this.complements = PhraseSet.of(complements);
    }

    /**
     * The complement right after the praise ending at {@code praiseEnd}, past spaces, with those spaces, when it ends at or
     * before {@code ceiling}, or a score that ends the clause ({@link #SCORE}); else null.
     */
    PhraseSet.Span after(String text, int praiseEnd, int ceiling) {
        Matcher score = SCORE.matcher(text).region(praiseEnd, ceiling).useTransparentBounds(true).useAnchoringBounds(false);
        if (score.lookingAt()) {
            return new PhraseSet.Span(praiseEnd, score.end());
        }
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
        int end = complements.endOfOneAt(text, at, ceiling);
        return end < 0 ? null : new PhraseSet.Span(praiseEnd, end);
    }
}
