package io.realskin.prompt.service;

/**
 * Removes the emphasis brackets a rewrite emptied, in one pass from left to right: the spaces, commas and semicolons
 * just inside a bracket ("( portrait", "(portrait, )", "(portrait, :1.2)") and the brackets left empty, "()", "[]",
 * "{}", or holding a weight alone, "(:1.4)", so nested emphasis empties from the inside out: "((8k))" -> "". What is
 * left holds none of them. (Three patterns replaced until nothing changed did the same, once per level of nesting:
 * quadratic in a prompt of nested brackets.)
 */
final class EmptyBrackets {
    private EmptyBrackets() {
    }

    static String removeFrom(String text) {
        if (!hasBracket(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isSeparator(c) && !out.isEmpty() && isOpening(out.charAt(out.length() - 1))) {
                continue; // "( portrait" -> "(portrait"
            }
            if (!isClosing(c)) {
                out.append(c);
                continue;
            }
            out.setLength(separatorsEnding(out, out.length())); // "(portrait, )" -> "(portrait)"
            int weight = c == ')' ? weightStart(out) : -1;
            if (weight >= 0) { // "(portrait, :1.2)" -> "(portrait:1.2)"
                int separators = separatorsEnding(out, weight);
                out.delete(separators, weight);
                weight = separators;
            }
            int opening = weight >= 0 ? weight - 1 : out.length() - 1;
            if (opening >= 0 && out.charAt(opening) == openingOf(c)) {
                out.setLength(opening); // "()", "(:1.4)"
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Where the weight {@code :[ \t]*-?\d*\.?\d+} that ends {@code out} starts, or -1 when it does not end with one.
     */
    private static int weightStart(StringBuilder out) {
        int i = out.length();
        int digitsAfterDot = 0;
        while (i > 0 && isDigit(out.charAt(i - 1))) {
            i--;
            digitsAfterDot++;
        }
        if (digitsAfterDot == 0) {
            return -1;
        }
        if (i > 0 && out.charAt(i - 1) == '.') {
            i--;
            while (i > 0 && isDigit(out.charAt(i - 1))) {
                i--;
            }
        }
        if (i > 0 && out.charAt(i - 1) == '-') {
            i--;
        }
        while (i > 0 && (out.charAt(i - 1) == ' ' || out.charAt(i - 1) == '\t')) {
            i--;
        }
        return i > 0 && out.charAt(i - 1) == ':' ? i - 1 : -1;
    }

    /** Where the run of separators that ends at {@code end} starts ({@code end} when there is none). */
    private static int separatorsEnding(CharSequence text, int end) {
        int i = end;
        while (i > 0 && isSeparator(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static boolean hasBracket(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isOpening(text.charAt(i)) || isClosing(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == ',' || c == ';';
    }

    private static boolean isOpening(char c) {
        return c == '(' || c == '[' || c == '{';
    }

    private static boolean isClosing(char c) {
        return c == ')' || c == ']' || c == '}';
    }

    private static char openingOf(char closing) {
        return closing == ')' ? '(' : closing == ']' ? '[' : '{';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
