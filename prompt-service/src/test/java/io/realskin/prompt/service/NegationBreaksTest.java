package io.realskin.prompt.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(25); i >= 0; i--) {
                text.append(words[random.nextInt(words.length)]).append(glue[random.nextInt(glue.length)]);
            }
            String t = text.toString();
            NegationBreaks breaks = new NegationBreaks(t, WORD, NEGATIONS);
            for (int at = t.length(); at >= 0; at--) { // questions in any order
                for (boolean phrase : new boolean[] {false, true}) {
                    assertEquals(lastBreakNaively(t, at, phrase), breaks.lastBreakBefore(at, phrase), "\"" + t + "\" at " + at + " " + phrase);
                }
            }
        }
    }
}
