package io.realskin.prompt.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.prompt.Enhancement;
import io.realskin.contracts.prompt.LintFinding;
import io.realskin.contracts.prompt.LintReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Characters a prompt picks up on its way from a web page, a phone or another tool, which say nothing to the model: a
 * space other than the ASCII one, an invisible character, a letter typed as base letter and combining accent. Until
 * 1.4.45 each hid a phrase from the rules ("smooth skin" with a no-break space was left, and "beautiful woman, perfect
 * skin" with no-break spaces became " woman,  skin"), a person word ("niña" typed decomposed was no person) or a
 * Midjourney parameter ("--ar" and its value with a no-break space between them got the additions after it).
 * ({@code \\uXXXX} in the table is the character.)
 */
class TypedCharactersTest {

    private final PromptEnhancer enhancer = Fixtures.enhancer();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "portrait of a woman with smooth\\u00A0skin, soft light | portrait of a woman with natural skin texture, soft light, unretouched",
            "beautiful\\u00A0woman, perfect\\u00A0skin, 8k | woman, natural skin texture, unretouched",
            "portrait of a woman with flaw\\u200Bless skin | portrait of a woman with natural skin texture, unretouched",
            "portrait of a man with porcelain\\u202Fskin | portrait of a man with natural skin texture, unretouched",
            "portrait of a woman with smooth\\u3000skin | portrait of a woman with natural skin texture, unretouched",
            "\\uFEFFportrait of a woman, poreless\\u00ADskin | portrait of a woman, natural skin texture, unretouched",
            "Una nin\\u0303a sonriendo, luz de ventana | Una niña sonriendo, luz de ventana, unretouched"})
    void invisibleAndOtherSpacesAreReadAsTheSpaceOrNothingTheyShow(String written, String start) {
        String prompt = typed(written);
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.personDetected(), e.notes().toString());
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
    }

    /** Until 1.4.54 a wide-mode keyboard's Latin letters were no letters to the rules: "ｓｍｏｏｔｈ ｓｋｉｎ" was left, or no person. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ｓｍｏｏｔｈ ｓｋｉｎ ｗｏｍａｎ ｐｏｒｔｒａｉｔ | natural skin texture woman portrait, unretouched",
            "Portrait of a woman, ｆｌａｗｌｅｓｓ skin, ８ｋ | Portrait of a woman, natural skin texture, unretouched",
            "女性のポートレート、ｓｍｏｏｔｈ ｓｋｉｎ，自然光 | 女性のポートレート、natural skin texture，自然光, unretouched"})
    void fullWidthLatinLettersAreReadAsTheLettersTheyShow(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.personDetected(), e.notes().toString());
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
        LintReport report = Fixtures.linter().lint(prompt, null);
        assertFalse(report.findings().isEmpty(), prompt);
        for (LintFinding f : report.findings()) {
            assertEquals(prompt.substring(f.start(), f.end()), f.text(), f.toString());
        }
    }

    @Test
    void fullWidthPunctuationStaysAsSent() {
        String prompt = "女性のポートレート（自然光），窓辺";
        assertTrue(enhancer.enhance(prompt, null, null).prompt().startsWith(prompt + ", unretouched"));
    }

    @Test
    void aParameterWithANoBreakSpaceStaysLastAsSent() {
        String prompt = typed("portrait of a woman, smooth skin --ar\\u00A02:3 --v\\u00A06.1");
        String out = enhancer.enhance(prompt, null, null).prompt();
        assertTrue(out.endsWith(", 85mm lens --ar\u00A02:3 --v\u00A06.1"), out);
        assertTrue(out.startsWith("portrait of a woman, natural skin texture, unretouched"), out);
    }

    @Test
    void aPromptWithNothingToChangeComesBackAsSent() {
        String prompt = typed("unretouched editorial photograph of an older\\u00A0woman, visible skin texture, natural pores, fine lines "
                + "around the eyes, natural skin imperfections, slight forehead shine, no smoothing, no beauty retouch, no airbrushing, 85mm lens");
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertEquals(prompt, e.prompt());
        assertTrue(e.changes().isEmpty(), e.changes().toString());
    }

    @Test
    void lintFindingsIndexThePromptAsSent() {
        String prompt = typed("beautiful\\u00A0woman with flaw\\u200Bless smooth\\u00A0skin, 8k");
        LintReport report = Fixtures.linter().lint(prompt, null);
        assertFalse(report.findings().isEmpty());
        for (LintFinding f : report.findings()) {
            assertEquals(prompt.substring(f.start(), f.end()), f.text(), f.toString());
        }
        assertTrue(report.findings().stream().anyMatch(f -> f.text().equals("flaw\u200Bless smooth\u00A0skin")), report.findings().toString());
    }

    /** The table's escapes, {@code \\u00A0}, as the characters they name. */
    private static String typed(String written) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < written.length(); i++) {
            if (written.startsWith("\\u", i)) {
                b.append((char) Integer.parseInt(written.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                b.append(written.charAt(i));
            }
        }
        return b.toString();
    }
}
