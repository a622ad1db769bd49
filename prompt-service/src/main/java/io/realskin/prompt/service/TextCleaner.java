package io.realskin.prompt.service;

import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tidies the punctuation a removal leaves behind ("a , portrait" becomes "a, portrait"). Only whitespace and
 * punctuation change; words are never touched. Stable Diffusion emphasis is tidied too: a bracket emptied by a
 * removal goes with its weight ("(masterpiece:1.2)" and "((8k))" leave nothing), so does a weight written without
 * brackets ("8k:1.2"), and "( natural skin texture:1.4)" loses the space the removal of "flawless" left. It also says
 * whether a phrase is a whole clause, emphasis aside.
 */
final class TextCleaner {

    /**
     * Clause separators: the comma and semicolon, and those Chinese and Japanese write (full-width comma and semicolon, the
     * ideographic comma "、").
     */
    static final String SEPARATORS = ",;，、；";
    /** Sentence stops, the full-width ones too. */
    static final String STOPS = ".!?。！？";
    private static final String SEP = "[" + SEPARATORS + "]";
    private static final Pattern SPACES = Pattern.compile("[ \\t]{2,}");
    private static final Pattern SPACE_BEFORE_PUNCT = Pattern.compile("[ \\t]+(?=[,;.!?:])");
    /**
     * Separators left next to each other: "a, , b" and, in a list written with semicolons, "a;; b"; group 2 is the word
     * right after the run, when no space separates them ("a woman,,,,,smooth skin", "a man, ,portrait"). One class repeated,
     * not a group: a group repeated recursed once a separator, and a few thousand overflowed the stack.
     */
    private static final Pattern REPEATED_SEPARATORS = Pattern.compile("(" + SEP + ")[ \\t" + SEPARATORS + "]*" + SEP + "(?=([\\p{L}\\p{N}(\\[{\"'“‘]))?");
    /** Dashes a removal left next to each other in a list written with spaced dashes: "a — 8k — b" -> "a — — b". */
    private static final Pattern REPEATED_DASHES = Pattern.compile("(?<=[ \\t])([—–])(?:[ \\t]+[—–])+(?=[ \\t])");
    /**
     * Stops left next to each other by removed sentences: "a woman. . ." (an ellipsis "..." has no spaces); group 2 as for
     * {@link #REPEATED_SEPARATORS}.
     */
    private static final Pattern REPEATED_STOPS = Pattern.compile("([.!?])(?:[ \\t]+[.!?])+(?=([\\p{L}\\p{N}(\\[{\"'“‘]))?");
    private static final Pattern COMMA_BEFORE_STOP = Pattern.compile(SEP + "[ \\t]*(?=[" + STOPS + "])");
    /** A Stable Diffusion weight, as in "(skin:1.2)" or "8k: -0.5". */
    static final String WEIGHT = ":[ \\t]*-?\\d*\\.?\\d+";
    /** A weight left alone between separators by a removal: "skin:1.2, :1.1, light" (emphasis without brackets). */
    private static final Pattern LONE_WEIGHT = Pattern.compile("(?m)(^|" + SEP + ")[ \\t]*" + WEIGHT + "[ \\t]*(?=" + SEP + "|$)");
    /** What a clean prompt does not start with ({@code \\s}, colons, separators), besides a dash before a space. */
    private static final String LEADING_CHARACTERS = " \t\n\u000B\f\r:" + SEPARATORS;
    /** What a clean prompt does not end with (spaces, tabs, colons, separators), besides a dash after a space. */
    private static final String TRAILING_CHARACTERS = " \t:" + SEPARATORS;
    private static final Pattern LINE_LEADING = Pattern.compile("(?m)^[ \\t]*" + SEP + "[ \\t]*");
    /** The emphasis that closes a clause right after a phrase: ":1.3)", ")))", "]]". */
    private static final Pattern EMPHASIS_CLOSE = Pattern.compile("(?:[ \\t]*" + WEIGHT + ")?[ \\t]*[)\\]}]+|[ \\t]*"
            + WEIGHT + "(?=\\s*(?:[\\n" + SEPARATORS + "]|$))");

    private TextCleaner() {
    }

    static String clean(String text) {
        String s = EmptyBrackets.removeFrom(text);
        s = LONE_WEIGHT.matcher(s).replaceAll("$1");
        s = REPEATED_STOPS.matcher(s).replaceAll(TextCleaner::oneMark);
        s = SPACES.matcher(s).replaceAll(" ");
        s = SPACE_BEFORE_PUNCT.matcher(s).replaceAll("");
        s = REPEATED_SEPARATORS.matcher(s).replaceAll(TextCleaner::oneMark);
        s = REPEATED_DASHES.matcher(s).replaceAll("$1");
        s = COMMA_BEFORE_STOP.matcher(s).replaceAll("");
        s = LINE_LEADING.matcher(s).replaceAll("");
        return withoutTrailing(withoutLeading(s));
    }

    /**
     * Without the separators, colons and white space it starts with, and a dash there before a space or tab. (A pattern
     * that alternated per character recursed once per character: a run of a few thousand overflowed the stack.)
     */
    static String withoutLeading(String s) {
        int i = 0;
        while (i < s.length() && (LEADING_CHARACTERS.indexOf(s.charAt(i)) >= 0
                || (isDash(s.charAt(i)) && i + 1 < s.length() && (s.charAt(i + 1) == ' ' || s.charAt(i + 1) == '\t')))) {
            i++;
        }
        return s.substring(i);
    }

    /**
     * Without the separators, colons, spaces and tabs it ends with (but a "::" right after a word), and a dash there after a
     * space or tab; before a final
     * line break, which stays, when it ends with one (as a pattern's {@code $} read it).
     */
    static String withoutTrailing(String s) {
        int end = s.length() - finalLineBreak(s);
        int i = end;
        while (i > 0 && (TRAILING_CHARACTERS.indexOf(s.charAt(i - 1)) >= 0
                || (isDash(s.charAt(i - 1)) && i >= 2 && (s.charAt(i - 2) == ' ' || s.charAt(i - 2) == '\t')))) {
            i--;
        }
        // a Midjourney multi-prompt separator right after the last word stays: "a woman:: natural skin texture::" (until
        // 2026-12-07 a rewrite dropped it, and the additions joined the last part)
        if (i > 0 && s.startsWith("::", i) && (i + 2 >= end || s.charAt(i + 2) != ':')
                && (Character.isLetterOrDigit(s.charAt(i - 1)) || ")]}".indexOf(s.charAt(i - 1)) >= 0)) {
            i += 2;
        }
        return i == end ? s : s.substring(0, i) + s.substring(end);
    }

    /** The length of the line terminator that ends {@code s} (two for CR LF), 0 when none does. */
    private static int finalLineBreak(String s) {
        if (s.endsWith("\r\n")) {
            return 2;
        }
        return !s.isEmpty() && "\n\r\u0085\u2028\u2029".indexOf(s.charAt(s.length() - 1)) >= 0 ? 1 : 0;
    }

    private static boolean isDash(char c) {
        return c == '—' || c == '–';
    }

    /**
     * Whether {@code [start, end)} is a whole clause, alone between separators (or first after a colon) but for Stable
     * Diffusion emphasis around it: "[[perfect skin]]" and "(smooth skin:1.2)" are as whole as "perfect skin".
     */
    static boolean isWholeClause(String text, int start, int end) {
        return between(text, start, end, SEPARATORS + ":\n", SEPARATORS + "\n");
    }

    /**
     * Whether {@code [start, end)} is all of its list item or sentence, emphasis aside: as {@link #isWholeClause}, a stop
     * ending it too ("a woman, pretty.").
     */
    static boolean standsAlone(String text, int start, int end) {
        return between(text, start, end, SEPARATORS + STOPS + ":\n", SEPARATORS + STOPS + "\n");
    }

    private static boolean between(String text, int start, int end, String opening, String closing) {
        int before = start - 1;
        while (before >= 0 && (Character.isWhitespace(text.charAt(before)) || "([{".indexOf(text.charAt(before)) >= 0)) {
            before--;
        }
        Matcher weight = EMPHASIS_CLOSE.matcher(text).region(end, text.length());
        int after = weight.lookingAt() ? weight.end() : end;
        while (after < text.length() && Character.isWhitespace(text.charAt(after))) {
            after++;
        }
        return (before < 0 || opening.indexOf(text.charAt(before)) >= 0)
                && (after >= text.length() || closing.indexOf(text.charAt(after)) >= 0);
    }

    /**
     * A run of separators or stops as one, keeping the words around it apart: "a woman,,,,,smooth skin" -> "a woman, smooth
     * skin" (a run collapsed to nothing but its first mark would join "woman," to the next word). The full-width marks
     * Chinese and Japanese write take no space after them.
     */
    private static String oneMark(MatchResult run) {
        String mark = run.group(1);
        boolean spaced = run.group(2) != null && mark.charAt(0) < 0x80;
        return Matcher.quoteReplacement(spaced ? mark + " " : mark);
    }
}
