package io.realskin.prompt.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where, in the clause before a position of one text, the last word that ends the reach of a negation before it ends:
 * "but" or "yet" ("no makeup but flawless skin"), or for a match of two words or more "and" or "plus" two words or more
 * after a negation ("no makeup and flawless skin"). Each clause's words are read once, on the first question about it;
 * a question is then two binary searches (reading the clause from its start for each negated match made a prompt of one
 * long clause quadratic). The negation window's last words before a position come from the same read ({@link #lastWords}):
 * found from the clause start per match, a run of Chinese or Japanese letters, one word, was read again for each match in
 * it. Not thread-safe: one per text and scan.
 */
final class NegationBreaks {
    /** Words after which a negation before them negates nothing: "no makeup but flawless skin". */
    static final Set<String> CONTRAST = Set.of("but", "yet");
    /** Words that join a negated noun to a phrase of its own: "no makeup and flawless skin" (not "no smoothing and airbrushing"). */
    static final Set<String> JOINING = Set.of("and", "plus");
    /** The longest word of {@link #CONTRAST} and {@link #JOINING}: a longer word is neither. */
    private static final int LONGEST_BREAK = 4;

    private final String text;
    private final Pattern word;
    private final Set<String> negationWords;
    /** Where each clause starts, ascending; read on the first question. */
    private int[] clauseStarts;
    private Clause[] clauses;

    /**
     * @param word          what a word is (the pattern the negation window reads words with)
     * @param negationWords the negation words, as {@link #normalWord} spells them
     */
    NegationBreaks(String text, Pattern word, Set<String> negationWords) {
        this.text = text;
        this.word = word;
        this.negationWords = negationWords;
    }

    /**
     * The end of the last such word read from the start of the clause holding {@code at} up to {@code at} (a word that
     * runs on past {@code at} read as far as {@code at}), or -1 when there is none.
     *
     * @param phrase whether the match at {@code at} has two words or more ("and" then ends a negation's reach too)
     */
    int lastBreakBefore(int at, boolean phrase) {
        Clause clause = clauseHolding(at);
        int whole = atOrBefore(clause.ends, at); // words read whole
        int from = whole == 0 ? -1 : (phrase ? clause.phraseBreakEnd[whole - 1] : clause.contrastEnd[whole - 1]);
        // the word running on past at, read up to it (lower case never shortens a word, so a longer one is no break word)
        if (whole < clause.starts.length && clause.starts[whole] < at && at - clause.starts[whole] <= LONGEST_BREAK) {
            String w = RuleBook.normalWord(text.substring(clause.starts[whole], at));
            int lastNegation = whole == 0 ? -1 : clause.lastNegation[whole - 1];
            if (!negationWords.contains(w) && breaks(w, phrase, whole, lastNegation)) {
                from = at;
            }
        }
        return from;
    }

    /**
     * The last {@code window} words of the clause holding {@code at} read from {@code from} (or the clause start if later)
     * up to {@code at}, a word running on past either end cut there: their starts and ends, {@code [start0, end0, start1,
     * end1, ...]}. What {@code word} finds in that region, found with two binary searches in the clause's words.
     */
    int[] lastWords(int from, int at, int window) {
        Clause clause = clauseHolding(at);
        int regionStart = Math.max(from, clause.start);
        if (regionStart >= at) {
            return new int[0];
        }
        int last = atOrBefore(clause.starts, at - 1); // words starting before at
        int first = Math.max(atOrBefore(clause.ends, regionStart), last - window); // skipping those ending at or before regionStart
        int[] words = new int[2 * Math.max(0, last - first)];
        for (int i = first; i < last; i++) {
            words[2 * (i - first)] = Math.max(clause.starts[i], regionStart);
            words[2 * (i - first) + 1] = Math.min(clause.ends[i], at);
        }
        return words;
    }

    private Clause clauseHolding(int at) {
        if (clauseStarts == null) {
            readClauseStarts();
        }
        int c = Math.max(0, atOrBefore(clauseStarts, at) - 1); // the clause starting last at or before at
        if (clauses[c] == null) {
            clauses[c] = readClause(clauseStarts[c], c + 1 < clauseStarts.length ? clauseStarts[c + 1] - 1 : text.length());
        }
        return clauses[c];
    }

    private static boolean breaks(String w, boolean phrase, int index, int lastNegation) {
        return CONTRAST.contains(w) || (phrase && JOINING.contains(w) && lastNegation >= 0 && index - lastNegation >= 2);
    }

    private void readClauseStarts() {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (ClauseReach.clauseEnd(text.charAt(i))) {
                starts.add(i + 1);
            }
        }
        clauseStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        clauses = new Clause[clauseStarts.length];
    }

    private Clause readClause(int start, int end) {
        List<int[]> spans = new ArrayList<>();
        List<String> words = new ArrayList<>();
        Matcher m = word.matcher(text).region(start, end);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
            words.add(RuleBook.normalWord(m.group()));
        }
        int n = words.size();
        Clause clause = new Clause(start, new int[n], new int[n], new int[n], new int[n], new int[n]);
        int lastNegation = -1;
        int contrastEnd = -1;
        int phraseBreakEnd = -1;
        for (int i = 0; i < n; i++) {
            String w = words.get(i);
            if (negationWords.contains(w)) {
                lastNegation = i;
            } else {
                if (breaks(w, false, i, lastNegation)) {
                    contrastEnd = spans.get(i)[1];
                }
                if (breaks(w, true, i, lastNegation)) {
                    phraseBreakEnd = spans.get(i)[1];
                }
            }
            clause.starts[i] = spans.get(i)[0];
            clause.ends[i] = spans.get(i)[1];
            clause.lastNegation[i] = lastNegation;
            clause.contrastEnd[i] = contrastEnd;
            clause.phraseBreakEnd[i] = phraseBreakEnd;
        }
        return clause;
    }

    /** How many of the ascending {@code values} are at or before {@code at}. */
    private static int atOrBefore(int[] values, int at) {
        int low = 0;
        int high = values.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (values[mid] <= at) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * A clause's start and its words, left to right: where each starts and ends, the last negation word's index at or before it (-1 for
     * none), and the end of the last "but" or "yet" at or before it, and of the last word that breaks a phrase's negation.
     */
    private record Clause(int start, int[] starts, int[] ends, int[] lastNegation, int[] contrastEnd, int[] phraseBreakEnd) {
    }
}
