package io.realskin.prompt.service;

/**
 * How far back in its clause a check before a match needs to read: a pattern anchored at the match that spans at most
 * a known number of tokens reads no further than their start. Reading from there instead of from the clause
 * start finds the same, and keeps the cost per match from growing with the clause (a 4,000-character prompt that is one
 * clause made each check quadratic).
 */
final class ClauseReach {
    /** The regular-expression {@code \s} (no Unicode character classes): what separates the tokens of a pattern. */
    static final String REGEX_SPACES = " \t\n\u000B\f\r";
    /** What the regular-expression {@code $} may match in front of at the end of its input (no {@code UNIX_LINES}). */
    private static final String LINE_TERMINATORS = "\n\r\u0085\u2028\u2029";
    private static final String CLAUSE_ENDS = TextCleaner.SEPARATORS + TextCleaner.STOPS + "\n\r";

    private ClauseReach() {
    }

    /**
     * Where the {@code tokens}-th run of non-{@code \s} characters before {@code at} starts, or the clause start when the
     * clause holds fewer: a match of a pattern of at most that many tokens separated by {@code \s+} and ending at
     * {@code at} starts there or after, and the character before it (a space, a clause end or none) is no letter or digit.
     */
    static int tokensBack(String text, int at, int tokens) {
        int p = at;
        for (int k = 0; k < tokens; k++) {
            while (p > 0 && REGEX_SPACES.indexOf(text.charAt(p - 1)) >= 0 && !clauseEnd(text.charAt(p - 1))) {
                p--;
            }
            while (p > 0 && REGEX_SPACES.indexOf(text.charAt(p - 1)) < 0 && !clauseEnd(text.charAt(p - 1))) {
                p--;
            }
            if (p == 0 || clauseEnd(text.charAt(p - 1))) {
                return p;
            }
        }
        return p;
    }

    /**
     * Whether a pattern whose every match ends with one of {@code lastChars} right before its {@code $} can match a region
     * that ends at {@code at}: the character before {@code at} is one of them, or {@code $} matches in front of a line
     * terminator ending the region (one character, or {@code \r\n}) and the character before that is. Asked before
     * {@link #tokensBack}, it spares the read back from a match inside a run of non-spaces, where none can end (a run of
     * unspaced Chinese is one token: read back for each match in it, it made the checks quadratic in the run).
     */
    static boolean mayEndAt(String text, int at, String lastChars) {
        if (at == 0) {
            return false;
        }
        if (lastChars.indexOf(text.charAt(at - 1)) >= 0) {
            return true;
        }
        int before = text.startsWith("\r\n", at - 2) ? at - 2 : LINE_TERMINATORS.indexOf(text.charAt(at - 1)) >= 0 ? at - 1 : at;
        return before < at && before > 0 && lastChars.indexOf(text.charAt(before - 1)) >= 0;
    }

    /** Where the clause holding {@code at} starts: after the last , ; . ! ? or line break before it. */
    static int clauseStart(String text, int at) {
        int start = at;
        while (start > 0 && !clauseEnd(text.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    /** Where the clause holding {@code at} ends: at the first , ; . ! ? or line break from it, else the text's end. */
    static int clauseEnd(String text, int at) {
        int end = at;
        while (end < text.length() && !clauseEnd(text.charAt(end))) {
            end++;
        }
        return end;
    }

    static boolean clauseEnd(char c) {
        return CLAUSE_ENDS.indexOf(c) >= 0;
    }
}
