package io.realskin.prompt.service;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a pattern matches in the rest of a clause of one text, asked from positions left to right: the match found
 * from one position answers every later one up to it, so a clause is read about once however often it is asked about
 * (a 4,000-character prompt of one clause and many person words made the question quadratic). Not thread-safe: one per
 * text and call.
 */
final class ClauseRestSearch {
    private final Pattern pattern;
    private final String text;
    /** The last search: from where, the end of its clause, and where its first match starts (the clause end for none). */
    private int searchedFrom = -1;
    private int clauseEnd = -1;
    private int firstMatch = -1;

    ClauseRestSearch(Pattern pattern, String text) {
        this.pattern = pattern;
        this.text = text;
    }

    /**
     * Whether the pattern matches in {@code text} from {@code from} to the clause end, read as that substring alone
     * (the pattern's lookbehind sees no character before {@code from}, which must follow a space).
     */
    boolean matchesFrom(int from) {
        if (!(searchedFrom >= 0 && searchedFrom <= from && from <= firstMatch)) {
            int end = searchedFrom >= 0 && searchedFrom <= from && from <= clauseEnd ? clauseEnd : ClauseReach.clauseEnd(text, from);
            Matcher m = pattern.matcher(text).region(from, end);
            searchedFrom = from;
            clauseEnd = end;
            firstMatch = m.find() ? m.start() : end;
        }
        return firstMatch < clauseEnd;
    }

    /** The end of the clause holding {@code from}, as the last {@link #matchesFrom} found it. */
    int clauseEnd() {
        return clauseEnd;
    }
}
