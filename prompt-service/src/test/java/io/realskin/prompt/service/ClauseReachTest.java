package io.realskin.prompt.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@link ClauseReach#mayEndAt} says no only where RuleBook's patterns read back from a match find nothing: asked first, it
 * leaves their answers as they were.
 */
class ClauseReachTest {

    private static final RuleBook BOOK = Fixtures.book();

    /** A pattern read back from a match, the most tokens it spans and what its matches end with. */
    private record ReadBack(Pattern pattern, int tokens, String lastChars) {
    }

    private static final List<ReadBack> READ_BACKS = List.of(
            new ReadBack(RuleBook.SAID_OF_SKIN, RuleBook.SAID_OF_SKIN_TOKENS, ClauseReach.REGEX_SPACES),
            new ReadBack(RuleBook.PREDICATE_SUBJECT, RuleBook.PREDICATE_SUBJECT_TOKENS, ClauseReach.REGEX_SPACES),
            new ReadBack(BOOK.skinOwnerBefore, BOOK.skinOwnerBeforeTokens, ClauseReach.REGEX_SPACES),
            new ReadBack(BOOK.depictionBefore, BOOK.depictionBeforeTokens, RuleBook.DEPICTION_BEFORE_LAST_CHARS));

    @ParameterizedTest(name = "\"{0}\" at {1}, ending with [{2}]: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            her skin looks smooth     | 15 | ' ' | true
            美肌美肌美肌                | 4  | ' ' | false
            美肌美肌美肌                | 0  | ' ' | false
            android-girl              | 8  | ' ' | false
            android-girl              | 8  | '-' | true
            'a doll with \u2028smooth'  | 13 | ' ' | true
            'a doll with\u2028smooth'   | 12 | ' ' | false
            '美肌\u0085美肌'             | 3  | ' ' | false
            """)
    void aMatchEndsWithOneOfTheLastChars(String text, int at, String lastChars, boolean may) {
        assertEquals(may, ClauseReach.mayEndAt(text, at, lastChars));
    }

    @Test
    void aLineTerminatorBeforeTheEndIsSkipped() {
        assertEquals(true, ClauseReach.mayEndAt("a doll with \r\nskin", 14, " "));
        assertEquals(true, ClauseReach.mayEndAt("android-\u2029girl", 9, "-"));
        assertEquals(false, ClauseReach.mayEndAt("android\u2029girl", 8, "-"));
    }

    @Test
    void saysNoOnlyWhereThePatternsFindNothingAtEveryPositionOfRandomTexts() {
        String[] words = {"her", "skin", "looks", "so", "the", "light", "make", "doll", "with", "a", "peach's", "statue", "of",
            "robot", "android", "woman", "美肌", "女性", "不要", "人形", "ผิวเนียน", "피부", "Skin", "DOLL"};
        String[] glue = {" ", " ", "", "", "-", "  ", "\t", "\n", "\r\n", "\u2028", "\u0085", " \u2028", " \r\n", "-\u2029", ", ", ": "};
        Random random = new Random(16);
        for (int round = 0; round < 300; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(20); i >= 0; i--) {
                text.append(words[random.nextInt(words.length)]).append(glue[random.nextInt(glue.length)]);
            }
            String t = text.toString();
            for (int at = t.length(); at >= 0; at--) {
                for (ReadBack r : READ_BACKS) {
                    if (!ClauseReach.mayEndAt(t, at, r.lastChars())) {
                        int from = ClauseReach.tokensBack(t, at, r.tokens());
                        assertFalse(r.pattern().matcher(t).region(from, at).find(), () -> "\"" + t + "\" " + r.pattern());
                    }
                }
            }
        }
    }
}
