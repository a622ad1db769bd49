package io.realskin.prompt.service;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Praise said as a superlative, "the most beautiful woman in the world". Removed with its "most", it left the scope the
 * superlative was measured in ("the woman in the world"); the scope goes with it (vocabulary {@code superlativeScopes}), and
 * so does a possessive that only names that scope before "most" ({@code superlativeOwners}: "the world's most beautiful
 * woman" -> "the woman"). A superlative whose praise cannot go and leave a phrase that reads keeps it: a member of the
 * group it names ("one of the most beautiful women"), a possessive that says more than the scope ("Italy's most handsome
 * man"), and the praise standing for the person ("she is the most beautiful in the world", "the most beautiful and the
 * smartest girl").
 */
final class Superlatives {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    /** How far back the words before a praise word are read. */
    private static final int LOOK_BACK = 80;
    /** "most" right before the praise (its other intensifiers are not read here). */
    private static final Pattern MOST = Pattern.compile("(?<![\\p{L}\\p{N}])most\\s+$", FLAGS);
    /**
     * A member of the group the superlative names: "one of the most", "some of the world's most", "among the most"; before a
     * superlative of its own without "most": "one of the prettiest".
     */
    private static final Pattern MEMBER = Pattern.compile("(?<![\\p{L}\\p{N}])(?:(?:one|some|two|three|four|five|few|many|several|each"
            + "|any|all|none|half)\\s+of|among)\\s+(?:the\\s+)?(?:[\\p{L}\\p{N}-]+(?:['’]s|s['’])\\s+)?(?:most\\s+)?$", FLAGS);
    /** A match that is itself a superlative: "the smoothest skin", "softest complexion", "the most flawless skin". */
    private static final Pattern SUPERLATIVE_MATCH = Pattern.compile("(?:(?:the|an?)\\s+)?(?:\\p{L}{2,}est|most)(?![\\p{L}\\p{N}])", FLAGS);
    /** A praise word that is a superlative of its own: "prettiest", "loveliest", "handsomest". */
    private static final Pattern INFLECTED = Pattern.compile("\\p{L}{2,}est", FLAGS);
    /** A word that only sharpens the superlative, before "most" or the superlative: "the single most", "the very most". */
    private static final Pattern SHARPENED = Pattern.compile("(?<![\\p{L}\\p{N}])(?:single|very|absolute|undisputed)\\s+(?:most\\s+)?$", FLAGS);
    /** A possessive right before "most" or the superlative (group 1 its word): "the world's most", "Italy's most", "Italy's prettiest". */
    private static final Pattern OWNER = Pattern.compile("(?<![\\p{L}\\p{N}])([\\p{L}\\p{N}-]+)(?:['’]s|s['’])\\s+(?:most\\s+)?$", FLAGS);
    /**
     * A phrase of its own joined after the praise, which then stands for the person: "she is the prettiest and the smartest
     * girl" would become "she is the the smartest girl".
     */
    private static final Pattern ANOTHER_PHRASE = Pattern.compile("(?:and|or|&)\\s+(?:the|a|an)(?![\\p{L}\\p{N}])", FLAGS);
    /**
     * Superlative praise listed before the praise, each with its comma ("loveliest, " of "one of the loveliest, most beautiful
     * women"): the group or the possessive before the list is the last one's too.
     */
    private static final Pattern LISTED_BEFORE = Pattern.compile("(?:(?<![\\p{L}\\p{N}])(?:most\\s+[\\p{L}-]+|\\p{L}{2,}est)\\s*,\\s*)+(?=(?:most\\s+)?$)",
            FLAGS);
    /** What comes between a listing comma and the praise after it: spaces and the praise's "most". */
    private static final Pattern LISTED_MOST = Pattern.compile("\\s*(?:most\\s+)?", FLAGS);
    /**
     * A scope that says it is the whole of a place or group, whatever it is: "in the whole school", "in the entire village",
     * "of the whole class" ("in the room" is where the person is, and stays).
     */
    private static final Pattern WHOLE_SCOPE = Pattern.compile("(?:in|of|at|on|across)\\s+(?:the|this|our|my|his|her|their)\\s+"
            + "(?:whole|entire)\\s+\\p{L}[\\p{L}'’-]*", FLAGS);
    /** The words between the praise and its scope: the noun it is said of, with up to three words before it. */
    private static final int NOUN_WORDS = 4;
    private static final String CLAUSE_ENDS = TextCleaner.SEPARATORS + TextCleaner.STOPS + "\n\r()[]{}";

    private final PhraseSet scopes;
    private final Set<String> owners;

    Superlatives(List<String> scopes, List<String> owners) {
        this.scopes = PhraseSet.of(scopes);
        this.owners = owners.stream().map(o -> o.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * Whether the praise at {@code [start, end)} is a superlative whose removal would leave no phrase that reads: it is kept,
     * and no rule removes it.
     */
    boolean keptAt(String text, int start, int end) {
        return keptInItsPhrase(text, start, end) || listedPraiseStart(text, start, end) >= 0;
    }

    /**
     * Whether the praise at {@code [start, end)} is a superlative kept whatever follows its comma: a member of a group, a
     * possessive that says more than the scope, or the last word of its phrase with no comma after it.
     */
    private boolean keptInItsPhrase(String text, int start, int end) {
        String before = before(text, start);
        if (!isSuperlative(text, before, start, end)) {
            return false;
        }
        // "one of the loveliest, most beautiful women": the list's first item says whose group the last one's is
        String head = LISTED_BEFORE.matcher(before).replaceFirst("");
        if (MEMBER.matcher(head).find()) {
            return true; // "one of the most beautiful women" would become "one of the women"
        }
        Matcher owner = OWNER.matcher(head);
        if (owner.find() && !owners.contains(owner.group(1).toLowerCase(Locale.ROOT))) {
            return true; // "Italy's most handsome man" would become "Italy's man"
        }
        // the praise is the last word of its phrase: "the most beautiful in the world", "she is the most stunning."
        int next = skipWhitespace(text, end);
        return next >= text.length() || (CLAUSE_ENDS.indexOf(text.charAt(next)) >= 0 && text.charAt(next) != ',')
                || scopeAt(text, next) >= 0 || ANOTHER_PHRASE.matcher(text).region(next, text.length()).lookingAt();
    }

    /**
     * Where the praise after the comma that ends the superlative praise at {@code [start, end)} would start, past its
     * "most" (", most " of "the loveliest, most beautiful bride"), when that comma is all that keeps the praise; else -1.
     * Kept alone ("a woman, loveliest, in a garden"), the praise goes when a superlative praise that goes follows its comma:
     * a list of praise before a noun goes whole ({@link RuleBook}).
     */
    int listedPraiseStart(String text, int start, int end) {
        String before = before(text, start);
        int comma = skipWhitespace(text, end);
        if (comma >= text.length() || text.charAt(comma) != ',' || !isSuperlative(text, before, start, end)
                || keptInItsPhrase(text, start, end)) {
            return -1;
        }
        Matcher most = LISTED_MOST.matcher(text).region(comma + 1, text.length());
        return most.lookingAt() ? most.end() : -1;
    }

    /** Whether the praise at {@code [start, end)} is said as a superlative ({@link #isSuperlative(String, String, int, int)}). */
    boolean isSuperlative(String text, int start, int end) {
        return isSuperlative(text, before(text, start), start, end);
    }

    private static int skipWhitespace(String text, int at) {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    /**
     * Where the removal of a superlative's praise starts when a possessive that only names its scope comes before "most"
     * ("world's" of "the world's most beautiful woman"), else {@code cutStart}; {@code cutStart} is where the removal of the
     * praise and its "most" starts.
     */
    int ownerStart(String text, int cutStart, int praiseStart, int praiseEnd) {
        String before = before(text, praiseStart);
        if (!isSuperlative(text, before, praiseStart, praiseEnd)) {
            return cutStart;
        }
        Matcher sharpened = SHARPENED.matcher(before);
        if (sharpened.find()) {
            return Math.min(praiseStart - before.length() + sharpened.start(), cutStart); // "the single most beautiful woman"
        }
        Matcher owner = OWNER.matcher(before);
        if (!owner.find() || !owners.contains(owner.group(1).toLowerCase(Locale.ROOT))) {
            return cutStart;
        }
        int at = praiseStart - before.length() + owner.start();
        return Math.min(at, cutStart);
    }

    /**
     * Where the superlative before a smoothing word that is replaced starts ("most" of "the most perfect skin in the world",
     * with the words {@link #ownerStart} takes), else {@code start}: "the most natural skin texture" would ask for a degree
     * of what the replacement only names.
     */
    int superlativeStart(String text, int start) {
        String before = before(text, start);
        Matcher most = MOST.matcher(before);
        if (!most.find()) {
            return start;
        }
        return ownerStart(text, start - before.length() + most.start(), start, start);
    }

    /** Whether the praise at {@code [start, end)} is said as a superlative: "most" before it, or a superlative of its own. */
    private static boolean isSuperlative(String text, String before, int start, int end) {
        return MOST.matcher(before).find() || INFLECTED.matcher(text).region(start, end).matches();
    }

    /**
     * The scope of the superlative whose praise ends at {@code praiseEnd}, with the spaces before it ("in the world" of "the
     * most beautiful woman in the world"), when "most" comes before the praise or the match is a superlative itself ("the
     * smoothest skin ever") and the scope follows the noun in its clause, before {@code ceiling}; else null.
     */
    PhraseSet.Span scopeAfter(String text, int praiseStart, int praiseEnd, int ceiling) {
        if (!MOST.matcher(before(text, praiseStart)).find() && !SUPERLATIVE_MATCH.matcher(text).region(praiseStart, praiseEnd).lookingAt()) {
            return null;
        }
        int at = praiseEnd;
        int right = at;
        while (right < ceiling && (text.charAt(right) == ' ' || text.charAt(right) == '\t')) {
            right++;
        }
        int rightAfter = right > at && right < ceiling ? scopeAt(text, right) : -1;
        if (rightAfter > 0 && rightAfter <= ceiling) {
            return new PhraseSet.Span(at, rightAfter); // the match holds its noun: "perfect skin" of "the most perfect skin ever"
        }
        for (int words = 0; words < NOUN_WORDS; words++) {
            int wordStart = at;
            while (wordStart < ceiling && (text.charAt(wordStart) == ' ' || text.charAt(wordStart) == '\t')) {
                wordStart++;
            }
            int wordEnd = wordStart;
            while (wordEnd < ceiling && isWordChar(text.charAt(wordEnd))) {
                wordEnd++;
            }
            if (wordStart == at || wordEnd == wordStart) {
                return null; // no word after a space: the clause ends
            }
            at = wordEnd;
            int next = at;
            while (next < ceiling && (text.charAt(next) == ' ' || text.charAt(next) == '\t')) {
                next++;
            }
            int scopeEnd = next > at && next < ceiling ? scopeAt(text, next) : -1;
            if (scopeEnd > 0 && scopeEnd <= ceiling) {
                return new PhraseSet.Span(at, scopeEnd);
            }
        }
        return null;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '\'' || c == '’' || c == '-';
    }

    /** The end of a scope phrase ({@link #WHOLE_SCOPE} or one of the vocabulary's) starting at {@code at}, or -1. */
    private int scopeAt(String text, int at) {
        Matcher whole = WHOLE_SCOPE.matcher(text).region(at, text.length());
        if (whole.lookingAt()) {
            return whole.end();
        }
        return scopes.endOfOneAt(text, at, text.length());
    }

    private static String before(String text, int start) {
        return text.substring(Math.max(0, start - LOOK_BACK), start);
    }
}
