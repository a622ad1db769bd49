package io.realskin.prompt.service;

import io.realskin.prompt.domain.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link RuleBook#checkedWord}, the end of a long word only, answers every negation check as the whole word does: a
 * listed word or not, ending with an unspaced negation word or not; {@link RuleBook#leadingNegationEnd}, which reads no
 * further into a word than the longest negation word, finds the negation word at a position as the whole word's read does.
 */
class CheckedWordTest {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}'’]+");
    private static final RuleBook BOOK = Fixtures.book();
    private static final List<Set<String>> LISTS = lists(Fixtures.vocabulary());

    private static List<Set<String>> lists(Vocabulary v) {
        return Stream.of(Stream.concat(v.negationWords().stream(), v.otherLanguageNegationWords().stream()).toList(),
                        v.degreeWords(), v.negationPrefixes())
                .map(words -> words.stream().map(w -> w.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()))
                .toList();
    }

    /** Each check on the checked word and on the whole word, read naively. */
    private static void assertAnswersAsTheWholeWord(String text, int start, int end) {
        String whole = RuleBook.normalWord(text.substring(start, end));
        String checked = BOOK.checkedWord(text, start, end);
        String where = "\"" + text + "\" " + start + "-" + end;
        assertEquals(BOOK.endsWithUnspacedNegation(whole), BOOK.endsWithUnspacedNegation(checked), where);
        for (Set<String> list : LISTS) {
            assertEquals(list.contains(whole), list.contains(checked), where);
        }
    }

    @ParameterizedTest(name = "\"{0}\" ends with a negation: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            美肌美肌美肌美肌美肌美肌美肌美肌美肌美肌美肌美肌不要   | true
            美肌美肌美肌美肌美肌美肌美肌美肌美肌美肌美肌美肌不要美肌 | false
            ΣΣΣΣΣΣΣΣΣΣΣΣΣΣΣΣΣΣΣΣΣΣΣΣİİİİİİİİİİİİİİİİİİİİ没有       | true
            美肌美肌美肌美肌美肌美肌美肌美肌美肌美肌美肌美肌ไม่เอา   | true
            不要                                              | true
            """)
    void aLongRunEndingWithANegation(String word, boolean negation) {
        assertEquals(negation, BOOK.endsWithUnspacedNegation(BOOK.checkedWord(word, 0, word.length())));
        assertAnswersAsTheWholeWord(word, 0, word.length());
    }

    /** Up to 30 of {@code parts}, glued. */
    private static String randomRun(Random random, String[] parts) {
        StringBuilder run = new StringBuilder();
        for (int i = random.nextInt(30); i >= 0; i--) {
            run.append(parts[random.nextInt(parts.length)]);
        }
        return run.toString();
    }

    /** The negation word starting at {@code start} read as RuleBook did before: the whole word from there. */
    private static int leadingNegationEndNaively(String text, int start) {
        Matcher first = WORD.matcher(text).region(start, text.length());
        return first.lookingAt() && LISTS.get(0).contains(RuleBook.normalWord(first.group())) ? first.end() : -1;
    }

    @Test
    void aNegationStartingAtEveryPositionOfRandomRunsIsFoundAsInTheWholeWord() {
        String longest = LISTS.get(0).stream().max(Comparator.comparingInt(String::length)).orElseThrow(); // read to its end
        String[] parts = {"美肌", "不要", "没有", "不需要", "勿", "ไม่", "ไม่เอา", "no", "NOT", "Don’t", "without", "nO", "İ", "Σ",
            "\uD835\uDC00", " ", ", ", "-", "'", longest, longest.toUpperCase(Locale.ROOT), longest + " ", longest + "\uD835\uDC00"};
        Random random = new Random(17);
        for (int round = 0; round < 300; round++) {
            String t = randomRun(random, parts);
            for (int start = 0; start <= t.length(); start++) {
                assertEquals(leadingNegationEndNaively(t, start), BOOK.leadingNegationEnd(t, start), "\"" + t + "\" at " + start);
            }
        }
    }

    @Test
    void answersAsTheWholeWordForEverySpanOfRandomRuns() {
        String[] parts = {"美肌", "不要", "没有", "不需要", "勿", "女孩", "光滑的皮肤", "ไม่", "ไม่เอา", "なし", "no", "NOT", "Σ", "İ", "less",
            "un", "kein", "'", "’", "9"};
        Random random = new Random(13);
        for (int round = 0; round < 300; round++) {
            String t = randomRun(random, parts);
            for (int end = t.length(); end > 0; end--) {
                for (int start = end - 1; start >= 0; start -= 1 + random.nextInt(3)) {
                    assertAnswersAsTheWholeWord(t, start, end);
                }
            }
        }
    }
}
