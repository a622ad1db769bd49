package io.realskin.prompt.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link NegationBreaks} answers as the read of the clause from its start that it replaces, at every position. */
class NegationBreaksTest {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}'’]+");
    private static final Set<String> NEGATIONS = Set.of("no", "not", "without", "don't", "kein", "不要");

    /** The clause read from its start for each question, as RuleBook's negatedMatch read it before. */
    private static int lastBreakNaively(String text, int at, boolean phrase) {
        Matcher word = WORD.matcher(text).region(ClauseReach.clauseStart(text, at), at);
        int from = -1;
        int lastNegation = -1;
        for (int i = 0; word.find(); i++) {
            String w = RuleBook.normalWord(word.group());
            if (NEGATIONS.contains(w)) {
                lastNegation = i;
            } else if (NegationBreaks.CONTRAST.contains(w)
                    || (phrase && NegationBreaks.JOINING.contains(w) && lastNegation >= 0 && i - lastNegation >= 2)) {
                from = word.end();
            }
        }
        return from;
    }

    /** Up to 25 of {@code words}, each followed by one of {@code glue}. */
    private static String randomText(Random random, String[] words, String[] glue) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(25); i >= 0; i--) {
            text.append(words[random.nextInt(words.length)]).append(glue[random.nextInt(glue.length)]);
        }
        return text.toString();
    }

    @ParameterizedTest(name = "\"{0}\" at {1}, phrase {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            no makeup but flawless skin                     | 14 | false | 13
            no makeup but flawless skin                     | 14 | true  | 13
            no makeup and flawless skin                     | 14 | true  | 13
            no makeup and flawless skin                     | 14 | false | -1
            no smoothing and airbrushing                    | 17 | false | -1
            no smoothing and airbrushing                    | 17 | true  | 16
            no makeup but, flawless skin                    | 15 | false | -1
            a woman, no makeup yet radiant, smooth skin     | 24 | false | 22
            no makeup but                                   | 12 | false | -1
            no makeup butter                                | 13 | false | 13
            no makeup, but                                  | 14 | false | 14
            Don’t retouch BUT keep it                       | 18 | false | 17
            """)
    void answersAsTheClauseRead(String text, int at, boolean phrase, int lastBreak) {
        assertEquals(lastBreak, lastBreakNaively(text, at, phrase));
        assertEquals(lastBreak, new NegationBreaks(text, WORD, NEGATIONS).lastBreakBefore(at, phrase));
    }

    @Test
    void answersAsTheClauseReadAtEveryPositionOfRandomTexts() {
        String[] words = {"no", "not", "but", "yet", "and", "plus", "makeup", "flawless", "skin", "Don’t", "without", "BUT", "bu",
            "不要", "光滑", "un-retouched", "it's", "9", "é"};
        String[] glue = {" ", " ", " ", ", ", ". ", "; ", "\n", "-", "", "，", " (", "! "};
        Random random = new Random(11);
        for (int round = 0; round < 400; round++) {
            String t = randomText(random, words, glue);
            NegationBreaks breaks = new NegationBreaks(t, WORD, NEGATIONS);
            for (int at = t.length(); at >= 0; at--) { // questions in any order
                for (boolean phrase : new boolean[] {false, true}) {
                    assertEquals(lastBreakNaively(t, at, phrase), breaks.lastBreakBefore(at, phrase), "\"" + t + "\" at " + at + " " + phrase);
                }
            }
        }
    }

    /** The words a negation check reads, found as RuleBook's negationWithin found them before: the clause read from its start. */
    private static int[] lastWordsNaively(String text, int from, int at, int window) {
        List<Integer> spans = new ArrayList<>();
        int start = Math.max(from, ClauseReach.clauseStart(text, at));
        if (start < at) {
            Matcher word = WORD.matcher(text).region(start, at);
            while (word.find()) {
                spans.add(word.start());
                spans.add(word.end());
            }
        }
        return spans.subList(Math.max(0, spans.size() - 2 * window), spans.size()).stream().mapToInt(Integer::intValue).toArray();
    }

    @ParameterizedTest(name = "\"{0}\" from {1} to {2}, {3} words: {4}")
    @CsvSource(delimiter = '|', textBlock = """
            no makeup but flawless skin | 0  | 14 | 3 | 0 2 3 9 10 13
            no makeup but flawless skin | 0  | 14 | 2 | 3 9 10 13
            no makeup but flawless skin | 13 | 14 | 3 | ''
            no makeup but flawless skin | 5  | 12 | 3 | 5 9 10 12
            a girl, no smooth skin      | 0  | 11 | 3 | 8 10
            女孩不要美肌美肌美肌          | 0  | 6  | 3 | 0 6
            女孩不要美肌美肌美肌          | 2  | 10 | 3 | 2 10
            女孩不要美肌，美肌美肌        | 0  | 8  | 3 | 7 8
            """)
    void readsTheLastWordsAsTheClauseRead(String text, int from, int at, int window, String expected) {
        int[] words = expected.isEmpty() ? new int[0] : Arrays.stream(expected.split(" ")).mapToInt(Integer::parseInt).toArray();
        assertArrayEquals(words, lastWordsNaively(text, from, at, window));
        assertArrayEquals(words, new NegationBreaks(text, WORD, NEGATIONS).lastWords(from, at, window));
    }

    @Test
    void readsTheLastWordsAsTheClauseReadAtEveryPositionOfRandomTexts() {
        String[] words = {"no", "makeup", "but", "skin", "Don’t", "不要", "没有", "美肌", "光滑的皮肤", "女孩", "なし", "フィルター", "9", "é"};
        String[] glue = {" ", "", "", "", ", ", "，", "。", "、", "\n", "-", " ("};
        Random random = new Random(12);
        for (int round = 0; round < 300; round++) {
            String t = randomText(random, words, glue);
            NegationBreaks breaks = new NegationBreaks(t, WORD, NEGATIONS);
            for (int at = t.length(); at >= 0; at--) { // questions in any order
                for (int from : new int[] {0, random.nextInt(at + 1), at}) {
                    for (int window = 1; window <= 3; window++) {
                        assertArrayEquals(lastWordsNaively(t, from, at, window), breaks.lastWords(from, at, window),
                                "\"" + t + "\" from " + from + " to " + at + ", " + window + " words");
                    }
                }
            }
        }
    }
}
