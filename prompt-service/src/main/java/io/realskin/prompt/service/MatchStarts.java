package io.realskin.prompt.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where in a text a match of a pattern compiled with {@code CASE_INSENSITIVE | UNICODE_CASE} may begin: at a character
 * that is one a match can begin with ({@link FirstCharacters}), or that upper case, lower case or both (the pattern's
 * case folding) turn into one or into what one of those turns into; anywhere when those are not known. A superset of
 * the pattern's match starts, so running the pattern only there finds what a scan of every position finds.
 */
final class MatchStarts {

    static final MatchStarts ANYWHERE = new MatchStarts(null, null);
    /** Each BMP character's others that upper case, lower case or folding turn into it. */
    private static final Map<Integer, List<Character>> CASE_SOURCES = caseSources();

    /** Bit c: a match may begin at a char c (the BMP), or null: anywhere. */
    private final long[] bmp;
    /** The first characters and their case forms: a supplementary code point in the text is looked up here. */
    private final Set<Integer> caseForms;

    private MatchStarts(long[] bmp, Set<Integer> caseForms) {
        this.bmp = bmp;
        this.caseForms = caseForms;
    }

    /** The starts of {@code regex}'s matches, as {@link FirstCharacters} reads them. */
    static MatchStarts of(String regex) {
        Set<Integer> first = FirstCharacters.of(regex);
        if (first == null) {
            return ANYWHERE;
        }
        Set<Integer> forms = new HashSet<>();
        first.forEach(c -> forms.addAll(caseForms(c)));
        long[] bits = new long[1 << 10];
        for (int form : forms) {
            if (Character.isBmpCodePoint(form)) {
                set(bits, form);
                CASE_SOURCES.getOrDefault(form, List.of()).forEach(c -> set(bits, c));
            }
        }
        return new MatchStarts(bits, Set.copyOf(forms));
    }

    boolean anywhere() {
        return bmp == null;
    }

    /** The first index from {@code from} on where a match may begin, or -1 (only where a character stands: no match is empty). */
    int next(CharSequence text, int from) {
        for (int i = Math.max(from, 0); i < text.length(); i++) {
            if (mayStartAt(text, i)) {
                return i;
            }
        }
        return -1;
    }

    boolean mayStartAt(CharSequence text, int i) {
        if (bmp == null) {
            return true;
        }
        char c = text.charAt(i);
        if ((bmp[c >>> 6] & (1L << c)) != 0) {
            return true;
        }
        // the pattern reads a supplementary code point whole
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            int codePoint = Character.toCodePoint(c, text.charAt(i + 1));
            return caseForms(codePoint).stream().anyMatch(caseForms::contains);
        }
        return false;
    }

    /** A character, its upper and lower case and its folding (lower case of the upper case, as the pattern compares). */
    private static Set<Integer> caseForms(int c) {
        return new HashSet<>(List.of(c, Character.toUpperCase(c), Character.toLowerCase(c),
                Character.toLowerCase(Character.toUpperCase(c))));
    }

    private static Map<Integer, List<Character>> caseSources() {
        Map<Integer, List<Character>> sources = new HashMap<>();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            for (int form : caseForms(c)) {
                if (form != c) {
                    sources.computeIfAbsent(form, k -> new ArrayList<>()).add((char) c);
                }
            }
        }
        return sources;
    }

    private static void set(long[] bits, int c) {
        bits[c >>> 6] |= 1L << c;
    }
}
