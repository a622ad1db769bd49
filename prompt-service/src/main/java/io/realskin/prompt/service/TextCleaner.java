package io.realskin.prompt.service;

import java.util.regex.Pattern;

/**
 * Tidies the punctuation a removal leaves behind ("a , portrait" becomes "a, portrait"). Only whitespace and
 * punctuation change; words are never touched.
 */
final class TextCleaner {

    private static final Pattern SPACES = Pattern.compile("[ \\t]{2,}");
    private static final Pattern SPACE_BEFORE_PUNCT = Pattern.compile("[ \\t]+(?=[,;.!?:])");
    private static final Pattern REPEATED_COMMAS = Pattern.compile(",(?:[ \\t]*,)+");
    private static final Pattern COMMA_BEFORE_STOP = Pattern.compile("[,;][ \\t]*(?=[.!?])");
    private static final Pattern EMPTY_BRACKETS = Pattern.compile("\\([ \\t]*\\)|\\[[ \\t]*]");
    private static final Pattern LEADING = Pattern.compile("^[\\s,;:]+");
    private static final Pattern TRAILING = Pattern.compile("[ \\t,;:]+$");
    private static final Pattern LINE_LEADING = Pattern.compile("(?m)^[ \\t]*[,;][ \\t]*");

    private TextCleaner() {
    }

    static String clean(String text) {
        String s = EMPTY_BRACKETS.matcher(text).replaceAll("");
        s = SPACES.matcher(s).replaceAll(" ");
        s = SPACE_BEFORE_PUNCT.matcher(s).replaceAll("");
        s = REPEATED_COMMAS.matcher(s).replaceAll(",");
        s = COMMA_BEFORE_STOP.matcher(s).replaceAll("");
        s = LINE_LEADING.matcher(s).replaceAll("");
        s = LEADING.matcher(s).replaceAll("");
        s = TRAILING.matcher(s).replaceAll("");
        return s;
    }
}
