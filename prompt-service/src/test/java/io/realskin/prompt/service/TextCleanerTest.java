package io.realskin.prompt.service;

import io.realskin.contracts.prompt.Enhancement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cleaner's trims and its repeated-separator pattern leave what the patterns they replaced left, and a prompt of a few
 * thousand separators or colons after a rewrite is cleaned (those patterns, a group repeated per character, overflowed
 * the stack: enhance failed with a StackOverflowError).
 */
class TextCleanerTest {

    private static final String SEPARATORS = TextCleaner.SEPARATORS;
    private static final Pattern LEADING = Pattern.compile("^(?:[\\s:" + SEPARATORS + "]|[—–](?=[ \\t]))+");
    private static final Pattern TRAILING = Pattern.compile("(?:[ \\t:" + SEPARATORS + "]|(?<=[ \\t])[—–])+$");
    private static final Pattern REPEATED_SEPARATORS_BEFORE = Pattern.compile("([" + SEPARATORS + "])(?:[ \\t]*[" + SEPARATORS + "])+");
    private static final Pattern REPEATED_SEPARATORS = Pattern.compile("([" + SEPARATORS + "])[ \\t" + SEPARATORS + "]*[" + SEPARATORS + "]");

    private final PromptEnhancer enhancer = Fixtures.enhancer();

    @Test
    void trimsAsThePatternsOnRandomTexts() {
        String alphabet = " \t\n\r:,;，、—–ab\u2028.";
        Random random = new Random(5);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String t = text.toString();
            assertEquals(LEADING.matcher(t).replaceAll(""), TextCleaner.withoutLeading(t), "leading of \"" + t + "\"");
            assertEquals(trailingTrimmed(t), TextCleaner.withoutTrailing(t), "trailing of \"" + t + "\"");
            assertEquals(REPEATED_SEPARATORS_BEFORE.matcher(t).replaceAll("<$1>"), REPEATED_SEPARATORS.matcher(t).replaceAll("<$1>"), t);
        }
    }

    /** What {@link #TRAILING} leaves, but for a Midjourney "::" right after a word, which stays (since 2026-12-07). */
    private static String trailingTrimmed(String t) {
        Matcher m = TRAILING.matcher(t);
        if (!m.find()) {
            return t;
        }
        int i = m.start();
        if (i > 0 && t.startsWith("::", i) && !t.startsWith(":::", i) && Character.isLetterOrDigit(t.charAt(i - 1))) {
            i += 2;
        }
        return t.substring(0, i) + t.substring(m.end());
    }

    @Test
    void aMultiPromptSeparatorAfterAWordStays() {
        assertEquals("a woman:: natural skin texture::", TextCleaner.clean("a woman:: natural skin texture:: , "));
        assertEquals("a woman", TextCleaner.clean("a woman:::"));
        assertEquals("Skin", TextCleaner.clean("Skin: "));
    }

    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ':'  | 3000
            ','  | 3900
            ';'  | 3900
            '、' | 3900
            """)
    void aPromptOfThousandsOfSeparatorsIsCleaned(String unit, int times) {
        Enhancement before = enhancer.enhance("smooth skin " + unit.repeat(times) + " woman", null, null);
        Enhancement after = enhancer.enhance(unit.repeat(times) + " smooth skin", null, null);

        assertTrue(before.prompt().startsWith("natural skin texture"), before.prompt());
        assertTrue(before.prompt().contains("woman"), before.prompt());
        assertEquals(!unit.equals(":"), !before.prompt().contains(unit + unit)); // a run of separators is one, colons stay
        assertTrue(after.prompt().toLowerCase(Locale.ROOT).startsWith("natural skin texture"), after.prompt());
    }
}
