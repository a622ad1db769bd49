package io.realskin.prompt.service;

import java.util.HashSet;
import java.util.Set;

/**
 * The characters a match of a regular expression can begin with, as written in it (before case folding), read from its
 * text: literals, {@code \Q...\E}, escaped characters, classes of single characters, groups, alternations and
 * quantifiers; lookarounds, {@code \b}, {@code ^} and {@code $} match no character and are stepped over. Anything else
 * (a property or {@code \s} class, a range, a dot, inline flags, a back reference, a pattern that can match nothing) makes
 * the answer "any character": {@link #of} returns null, never a set too small.
 */
final class FirstCharacters {

    /** {@code \t}, {@code \n}, ... and the characters they stand for. */
    private static final String CONTROL_ESCAPES = "tnrfae";
    private static final String CONTROL_CHARACTERS = "\t\n\r\f\u0007\u001B";

    private final String regex;
    private int at;

    /** What a part of the pattern can begin with: these code points, or any character; and whether it can match nothing. */
    private record Starts(Set<Integer> chars, boolean any, boolean nullable) {
        static Starts none(boolean nullable) {
            return new Starts(new HashSet<>(), false, nullable);
        }

        static final Starts ANY = new Starts(Set.of(), true, false);
    }

    /** Thrown on syntax this reader does not follow: the answer is then "any character". */
    private static final class Unknown extends RuntimeException {
        Unknown() {
            super(null, null, false, false);
        }
    }

    private FirstCharacters(String regex) {
        this.regex = regex;
    }

    /** The code points a non-empty match of {@code regex} can begin with, or null when that is not known (any). */
    static Set<Integer> of(String regex) {
        FirstCharacters reader = new FirstCharacters(regex);
        try {
            Starts s = reader.alternation();
            if (reader.at != regex.length() || s.any() || s.nullable()) {
                return null;
            }
            return Set.copyOf(s.chars());
        } catch (Unknown | IndexOutOfBoundsException | IllegalArgumentException e) {
            return null;
        }
    }

    private Starts alternation() {
        Starts all = sequence();
        while (at < regex.length() && regex.charAt(at) == '|') {
            at++;
            all = union(all, sequence());
        }
        return all;
    }

    private Starts sequence() {
        Starts seq = Starts.none(true);
        while (at < regex.length() && regex.charAt(at) != '|' && regex.charAt(at) != ')') {
            Starts item = quantified(atom());
            if (seq.nullable()) { // still at the match's first character: the item may begin it
                seq = new Starts(union(seq, item).chars(), seq.any() || item.any(), item.nullable());
            }
        }
        return seq;
    }

    private static Starts union(Starts a, Starts b) {
        Set<Integer> chars = new HashSet<>(a.chars());
        chars.addAll(b.chars());
        return new Starts(chars, a.any() || b.any(), a.nullable() || b.nullable());
    }

    private Starts quantified(Starts atom) {
        if (at >= regex.length()) {
            return atom;
        }
        char c = regex.charAt(at);
        boolean optional;
        if (c == '?' || c == '*') {
            at++;
            optional = true;
        } else if (c == '+') {
            at++;
            optional = false;
        } else if (c == '{') {
            int close = regex.indexOf('}', at);
            if (close < 0 || !regex.substring(at + 1, close).matches("\\d+(,\\d*)?")) {
                throw new Unknown();
            }
            optional = Integer.parseInt(regex.substring(at + 1, close).split(",")[0]) == 0;
            at = close + 1;
        } else {
            return atom;
        }
        if (at < regex.length() && (regex.charAt(at) == '?' || regex.charAt(at) == '+')) {
            at++; // lazy or possessive: the same characters
        }
        return optional ? new Starts(atom.chars(), atom.any(), true) : atom;
    }

    private Starts atom() {
        int c = regex.codePointAt(at);
        at += Character.charCount(c);
        switch (c) {
            case '(':
                return group();
            case '[':
                return characterClass();
            case '\\':
                return escape();
            case '^', '$':
                return Starts.none(true);
            case '.':
                return Starts.ANY;
            case '*', '+', '?', '{':
                throw new Unknown();
            default:
                return literal(c);
        }
    }

    private Starts group() {
        boolean zeroWidth = false;
        if (regex.startsWith("?:", at)) {
            at += 2;
        } else if (regex.startsWith("?=", at) || regex.startsWith("?!", at)) {
            at += 2;
            zeroWidth = true;
        } else if (regex.startsWith("?<=", at) || regex.startsWith("?<!", at)) {
            at += 3;
            zeroWidth = true;
        } else if (regex.startsWith("?", at)) {
            throw new Unknown(); // flags, atomic and named groups
        }
        Starts inside = alternation();
        if (at >= regex.length() || regex.charAt(at) != ')') {
            throw new Unknown();
        }
        at++;
        return zeroWidth ? Starts.none(true) : inside;
    }

    /**
     * A class: of single characters ({@code [,;.]}, {@code [\u0027\u2019]}) those; with a range, a negation, a property or
     * a nested class, any character.
     */
    private Starts characterClass() {
        Starts chars = Starts.none(false);
        boolean any = false;
        if (regex.charAt(at) == '^') {
            at++;
            any = true;
        }
        if (regex.charAt(at) == ']') {
            throw new Unknown();
        }
        while (regex.charAt(at) != ']') {
            int c = regex.codePointAt(at);
            at += Character.charCount(c);
            if (c == '[') {
                characterClass(); // nested: read past it
                any = true;
            } else if (c == '&' || c == '-') {
                any = true;
            } else if (c == '\\' && regex.charAt(at) == 'Q') {
                throw new Unknown(); // quoted characters in a class
            } else if (c == '\\') {
                Starts escaped = escape();
                if (escaped.any() || escaped.nullable()) {
                    any = true;
                }
                chars.chars().addAll(escaped.chars());
            } else {
                chars.chars().add(c);
            }
        }
        at++;
        return any ? Starts.ANY : chars;
    }

    private Starts escape() {
        char c = regex.charAt(at++);
        switch (c) {
            case 'Q': {
                int end = regex.indexOf("\\E", at);
                String quoted = end < 0 ? regex.substring(at) : regex.substring(at, end);
                at = end < 0 ? regex.length() : end + 2;
                return quoted.isEmpty() ? Starts.none(true) : literal(quoted.codePointAt(0));
            }
            case 'u':
                at += 4;
                return literal(Integer.parseInt(regex.substring(at - 4, at), 16));
            case 'x': {
                if (regex.charAt(at) == '{') {
                    throw new Unknown();
                }
                at += 2;
                return literal(Integer.parseInt(regex.substring(at - 2, at), 16));
            }
            case 't', 'n', 'r', 'f', 'a', 'e':
                return literal(CONTROL_CHARACTERS.charAt(CONTROL_ESCAPES.indexOf(c)));
            case 'b', 'B', 'A', 'z', 'Z':
                if (c == 'b' && at < regex.length() && regex.charAt(at) == '{') {
                    throw new Unknown(); // \b{g}
                }
                return Starts.none(true);
            case 'p', 'P': // \p{L}, \pL
                at = regex.charAt(at) == '{' ? regex.indexOf('}', at) + 1 : at + 1;
                if (at == 0) {
                    throw new Unknown();
                }
                return Starts.ANY;
            case 's', 'S', 'w', 'W', 'd', 'D', 'h', 'H', 'v', 'V':
                return Starts.ANY;
            default:
                if (Character.isLetterOrDigit(c)) {
                    throw new Unknown(); // \G, \R, \X, \k<name>, back references, octal, control characters, ...
                }
                return literal(c);
        }
    }

    private static Starts literal(int codePoint) {
        if (Character.isSurrogate((char) codePoint) && Character.isBmpCodePoint(codePoint)) {
            throw new Unknown(); // half of a pair written as two escapes: the pattern reads the pair as one code point
        }
        Starts s = Starts.none(false);
        s.chars().add(codePoint);
        return s;
    }
}
