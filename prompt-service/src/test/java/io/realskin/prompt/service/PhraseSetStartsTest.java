package io.realskin.prompt.service;

import io.realskin.prompt.domain.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A phrase set tries its pattern only where {@link MatchStarts} lets an occurrence begin: wherever it says no, the pattern
 * finds nothing, so {@link PhraseSet#spansIn} answers what a scan of every position answers, for every phrase list and rule
 * of the vocabulary on random texts of its phrases in any case, glued with and without spaces, with other scripts and
 * characters whose case forms differ (the Kelvin sign, the long s, the dotted I, a letter outside the BMP).
 */
class PhraseSetStartsTest {

    private static final int ROUNDS = 80;

    @ParameterizedTest(name = "{0} in \"{1}\" at {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            kelvin           | \u212Aelvin       | 0 | true
            smooth skin      | \u017Fmooth skin | 0 | true
            Istanbul         | \u0130stanbul    | 0 | true
            \uD801\uDC00x    | \uD801\uDC28x    | 0 | true
            美肌              | 美肌美肌          | 1 | false
            smooth skin      | a smooth skin    | 1 | false
            """)
    void anOccurrenceInAnyCaseMayStart(String phrase, String text, int at, boolean may) {
        PhraseSet set = PhraseSet.of(List.of(phrase));
        assertEquals(may, set.mayStartAt(text, at));
        assertEquals(may, set.pattern().matcher(text).region(at, text.length()).lookingAt(), "the pattern itself");
    }

    @Test
    void wherePatternsMayNotStartTheyFindNothingInRandomTexts() {
        Vocabulary v = Fixtures.vocabulary();
        List<PhraseSet> sets = new ArrayList<>();
        Fixtures.book().rules().forEach(r -> sets.add(r.phrases()));
        Vocabulary.PersonWords p = v.person();
        Stream.of(p.words(), p.weakWords(), p.pronouns(), p.nonPersonWords(), p.notNonPerson(), p.notPerson(), v.negationAfter(),
                v.medium().nonPhotographic(), v.medium().photographic(), v.anchor().presentWhen(), v.superlativeScopes(),
                v.praiseComplements()).forEach(list -> sets.add(PhraseSet.of(list)));
        sets.add(PhraseSet.of(v.anchor().presentWhen(), v.anchor().patterns()));
        List<String> words = new ArrayList<>();
        v.rules().forEach(r -> r.phrases().forEach(w -> words.add(w.replace("*", "ed"))));
        words.addAll(v.negationWords());
        words.addAll(v.otherLanguageNegationWords());
        words.addAll(v.negationAfter());
        words.addAll(p.words().subList(0, Math.min(200, p.words().size())));
        words.addAll(List.of("skin", "haut", "кожа", "piel", "peau", "皮肤", "肌が", "피부가", "her", "looks", "is", "so", "very",
                "with", "a", "an", "no", "not", "like", "and", "face", "make", "don't", "\u212A", "\u017F", "\u0130", "\uD801\uDC28",
                "\uD801\uDC00", "e\u0301", "🙂", "ｓｍｏｏｔｈ", "وال", "ב", "ה"));
        String[] glue = {" ", " ", " ", "", "", "-", ", ", "  ", "\n", "(", ")", ":", "'s ", "，"};
        Random random = new Random(17);
        int checked = 0;
        for (int round = 0; round < ROUNDS; round++) {
            StringBuilder b = new StringBuilder();
            for (int i = 1 + random.nextInt(10); i > 0; i--) {
                String w = words.get(random.nextInt(words.size()));
                b.append(switch (random.nextInt(4)) {
                    case 0 -> w.toUpperCase(Locale.ROOT);
                    case 1 -> w.isEmpty() ? w : w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1);
                    default -> w;
                }).append(glue[random.nextInt(glue.length)]);
            }
            String text = b.toString();
            for (PhraseSet set : sets) {
                if (set.isEmpty()) {
                    continue;
                }
                Matcher m = set.pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                for (int at = 0; at < text.length(); at++) {
                    if (!set.mayStartAt(text, at)) {
                        int i = at;
                        assertFalse(m.region(at, text.length()).lookingAt(), () -> set.pattern() + " at " + i + " of \"" + text + "\"");
                    }
                }
                assertEquals(everyPositionScan(set.pattern(), text), set.spansIn(text), () -> set.pattern() + " in \"" + text + "\"");
                assertEquals(set.pattern().matcher(text).find(), set.foundIn(text));
                checked++;
            }
        }
        assertEquals(ROUNDS * sets.stream().filter(s -> !s.isEmpty()).count(), checked);
    }

    /** The spans as {@code Matcher.find} finds them, trying every position. */
    private static List<PhraseSet.Span> everyPositionScan(Pattern pattern, String text) {
        List<PhraseSet.Span> spans = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            if (m.end() > m.start()) {
                spans.add(new PhraseSet.Span(m.start(), m.end()));
            }
        }
        return spans;
    }
}
