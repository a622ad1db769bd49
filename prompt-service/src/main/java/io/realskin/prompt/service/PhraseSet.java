package io.realskin.prompt.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A list of vocabulary phrases compiled into one case-insensitive, whole-word pattern (a phrase in Chinese,
 * Japanese, Korean or Thai script: anywhere in a run of letters). A space or hyphen between words matches a space, a
 * hyphen or nothing; a trailing {@code *} matches any letters. Raw regular
 * expressions may be added as they are. The pattern is tried only where a character an occurrence can begin with stands
 * ({@link MatchStarts}): the occurrences found are those of a scan of every position.
 */
public final class PhraseSet {

    private static final String BEFORE = "(?<![\\p{L}\\p{N}])";
    private static final String AFTER = "(?![\\p{L}\\p{N}])";
    private static final String STARTS_WORD = "(?=[\\p{L}\\p{N}])";
    private static final Pattern LETTER_OR_DIGIT = Pattern.compile("[\\p{L}\\p{N}]");
    /**
     * Arabic writes "and", "so" and the prepositions "with", "like", "for" onto the word ("وامرأة", "بامرأة", "للمرأة"),
     * Hebrew "and", "that", "the", "in", "like", "to" ("והאישה", "באישה", "לאישה"): a phrase in those scripts matches after
     * such letters too, the letters left out of the match, so a replacement keeps them ("ببشرة ناعمة" -> "ببشرة بملمس طبيعي");
     * also "for the", which Arabic writes لل, the article's alif dropped ("للبشرة", "للمرأة").
     * Not Hebrew's "from", מ: "מגבר" is an amplifier, not "from a man".
     */
    private static final String ARABIC_BEFORE = "(?:" + BEFORE + "|(?<=" + BEFORE
            + "(?:[\u0648\u0641]|[\u0648\u0641]?[\u0628\u0643\u0644]|[\u0648\u0641]?\u0644\u0644)))";
    private static final String HEBREW_BEFORE = "(?:" + BEFORE + "|(?<=" + BEFORE + "(?:[\u05D5\u05E9]|[\u05D5\u05E9]?[\u05D4\u05D1\u05DB\u05DC])))";
    private static final Pattern ARABIC = Pattern.compile("^\\p{IsArabic}");
    private static final Pattern HEBREW = Pattern.compile("^\\p{IsHebrew}");
    static final Pattern UNSPACED_SCRIPT = Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}\\p{IsThai}]");
    private static final PhraseSet EMPTY = new PhraseSet(null, MatchStarts.ANYWHERE, false);
    /** A group repeated ({@code (?:...)+}, {@code )*}, <code>){1,3}</code>), or a parenthesis escaped before one of those. */
    private static final Pattern REPEATED_GROUP = Pattern.compile("\\)[*+{]");

    private final Pattern pattern;
    /**
     * Where an occurrence may begin: the pattern is tried only there. Tried at every position, each rule's alternatives
     * were compared one by one at each letter of a run of Chinese (one scan per rule), most of an enhance's time there.
     */
    private final MatchStarts starts;
    /**
     * Whether the pattern repeats a group: {@code Matcher.find} remembers, from one start position to the next, where such
     * a repetition failed, and a match attempt from each possible start alone ({@code lookingAt}) would not, reading the
     * whole rest of a text like "baby-smooth-" repeated again from each start (quadratic). Such a pattern is looked for
     * with {@code find} from its first possible start on, and skipped only when none is left.
     */
    private final boolean repeatsAGroup;

    private PhraseSet(Pattern pattern, MatchStarts starts, boolean repeatsAGroup) {
        this.pattern = pattern;
        this.starts = starts;
        this.repeatsAGroup = repeatsAGroup;
    }

    public static PhraseSet of(List<String> phrases) {
        return of(phrases, List.of());
    }

    public static PhraseSet of(List<String> phrases, List<String> regexes) {
        List<String> alternatives = new ArrayList<>();
        // consecutive whole-word phrases share one word-boundary test: a lookbehind on each of some hundred
        // alternatives, tried at every position of the text, was most of an enhance's time; the order (longest
        // first) and so which phrase wins at a position are as before
        List<String> words = new ArrayList<>();
        List<String> arabic = new ArrayList<>();
        List<String> hebrew = new ArrayList<>();
        phrases.stream()
                .filter(p -> p != null && !p.isBlank())
                .sorted(Comparator.comparingInt(String::length).reversed())
                .forEach(p -> {
                    String body = body(p);
                    // Chinese, Japanese and Thai put no space between words and Korean attaches its particles to them: a
                    // phrase in those scripts matches inside a run of letters ("美しい女性の" says 女性)
                    if (UNSPACED_SCRIPT.matcher(p).find()) {
                        flushWords(words, alternatives);
                        alternatives.add(body);
                    } else if (ARABIC.matcher(p.strip()).find()) {
                        arabic.add(body);
                    } else if (HEBREW.matcher(p.strip()).find()) {
                        hebrew.add(body);
                    } else {
                        words.add(body);
                    }
                });
        flushWords(words, alternatives);
        // the script's letter first: the word-start lookbehinds are then tried only where such a word can start
        if (!arabic.isEmpty()) {
            alternatives.add("(?=\\p{IsArabic})" + ARABIC_BEFORE + "(?:" + String.join("|", arabic) + ")" + AFTER);
        }
        if (!hebrew.isEmpty()) {
            alternatives.add("(?=\\p{IsHebrew})" + HEBREW_BEFORE + "(?:" + String.join("|", hebrew) + ")" + AFTER);
        }
        regexes.stream().filter(r -> r != null && !r.isBlank()).map(r -> "(?:" + r + ")").forEach(alternatives::add);
        if (alternatives.isEmpty()) {
            return EMPTY;
        }
        String regex = String.join("|", alternatives);
        return new PhraseSet(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), MatchStarts.of(regex),
                REPEATED_GROUP.matcher(regex).find());
    }

    private static void flushWords(List<String> words, List<String> alternatives) {
        if (words.isEmpty()) return;
        // each phrase begins with a letter or digit (checked): looked for first, the alternatives are not tried one by one
        // at each space or bracket (a prompt of punctuation made every position a word start)
        alternatives.add(BEFORE + (words.stream().allMatch(PhraseSet::beginsWithLetterOrDigit) ? STARTS_WORD : "")
                + "(?:" + String.join("|", words) + ")" + AFTER);
        words.clear();
    }

    /** Whether a phrase's body ({@link #body}: quoted) matches only text that begins with a letter or digit. */
    private static boolean beginsWithLetterOrDigit(String body) {
        return body.startsWith("\\Q") && body.length() > 2 && LETTER_OR_DIGIT.matcher(body.substring(2, 3)).matches()
                && !Character.isSurrogate(body.charAt(2));
    }

    /** A phrase's words, a space or hyphen between them matching a space, a hyphen or nothing, {@code *} any letters. */
    private static String body(String phrase) {
        String p = phrase.trim().toLowerCase(Locale.ROOT);
        boolean wildcard = p.endsWith("*");
        if (wildcard) {
            p = p.substring(0, p.length() - 1);
        }
        return java.util.Arrays.stream(p.split("[\\s\\-]+"))
                .filter(t -> !t.isEmpty())
                .map(Pattern::quote)
                .collect(Collectors.joining("[\\s\\-]*")) + (wildcard ? "\\p{L}*" : "");
    }

    public boolean isEmpty() {
        return pattern == null;
    }

    public boolean foundIn(CharSequence text) {
        if (pattern == null) {
            return false;
        }
        return starts.anywhere() ? pattern.matcher(text).find() : findFrom(startsMatcher(text), text, 0);
    }

    /** Every non-overlapping occurrence, left to right, as {@code [start, end)} spans. */
    public List<Span> spansIn(CharSequence text) {
        if (pattern == null) {
            return List.of();
        }
        List<Span> spans = new ArrayList<>();
        if (starts.anywhere()) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                if (m.end() > m.start()) {
                    spans.add(new Span(m.start(), m.end()));
                }
            }
            return spans;
        }
        Matcher m = startsMatcher(text);
        int from = 0;
        while (from <= text.length() && findFrom(m, text, from)) {
            if (m.end() > m.start()) {
                spans.add(new Span(m.start(), m.end()));
                from = m.end();
            } else {
                from = m.start() + 1; // as Matcher.find goes on after an empty match
            }
        }
        return spans;
    }

    /** A matcher whose lookarounds, word boundaries and anchors see the whole text whatever region it is given. */
    private Matcher startsMatcher(CharSequence text) {
        return pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    }

    /**
     * The first occurrence from {@code from} on, the pattern tried only where {@link #starts} says one may begin, there
     * with the match attempt {@code Matcher.find} makes at each position in turn (a pattern that repeats a group: by
     * {@code find} from the first of those on).
     */
    private boolean findFrom(Matcher m, CharSequence text, int from) {
        if (repeatsAGroup) {
            int at = starts.next(text, from);
            return at >= 0 && m.find(at);
        }
        for (int at = starts.next(text, from); at >= 0; at = starts.next(text, at + 1)) {
            if (m.region(at, text.length()).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@link #starts} lets an occurrence begin at {@code at} (tests: nowhere else does the pattern find one). */
    boolean mayStartAt(CharSequence text, int at) {
        return starts.mayStartAt(text, at);
    }

    /** The compiled phrases, null for none (tests: its own scan is what {@link #spansIn} answers). */
    Pattern pattern() {
        return pattern;
    }

    /**
     * The end of the occurrence that starts at {@code at} in {@code text} read from {@code at} to {@code end} alone (no
     * character before or after them seen), as the first of {@link #spansIn} of that part when it starts there; else -1.
     * Reads no further than the occurrence: asked at each match, {@code spansIn} of the rest of the text was quadratic.
     */
    public int endOfOneAt(CharSequence text, int at, int end) {
        if (pattern == null) {
            return -1;
        }
        Matcher m = pattern.matcher(text).region(at, end);
        return m.lookingAt() && m.end() > m.start() ? m.end() : -1;
    }

    /** A half-open range of UTF-16 indices. */
    public record Span(int start, int end) {
    }
}
