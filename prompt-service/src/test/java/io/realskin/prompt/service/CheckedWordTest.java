package io.realskin.prompt.service;

import io.realskin.prompt.domain.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link RuleBook#checkedWord}, the end of a long word only, answers every negation check as the whole word does: a
 * listed word or not, ending with an unspaced negation word or not.
 */
class CheckedWordTest {

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

    @Test
    void answersAsTheWholeWordForEverySpanOfRandomRuns() {
        String[] parts = {"美肌", "不要", "没有", "不需要", "勿", "女孩", "光滑的皮肤", "ไม่", "ไม่เอา", "なし", "no", "NOT", "Σ", "İ", "less",
            "un", "kein", "'", "’", "9"};
        Random random = new Random(13);
        for (int round = 0; round < 300; round++) {
            StringBuilder run = new StringBuilder();
            for (int i = random.nextInt(30); i >= 0; i--) {
                run.append(parts[random.nextInt(parts.length)]);
            }
            String t = run.toString();
            for (int end = t.length(); end > 0; end--) {
                for (int start = end - 1; start >= 0; start -= 1 + random.nextInt(3)) {
                    assertAnswersAsTheWholeWord(t, start, end);
                }
            }
        }
    }
}
