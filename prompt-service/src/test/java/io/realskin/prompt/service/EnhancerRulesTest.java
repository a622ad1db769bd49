package io.realskin.prompt.service;

import io.realskin.contracts.prompt.Change;
import io.realskin.contracts.prompt.ChangeKind;
import io.realskin.contracts.prompt.Enhancement;
import io.realskin.contracts.prompt.Intent;
import io.realskin.contracts.prompt.LintReport;
import io.realskin.prompt.domain.Vocabulary;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rule, addition and anchor of the vocabulary, and the conditions that switch them off. */
class EnhancerRulesTest {

    private final PromptEnhancer enhancer = Fixtures.enhancer();
    private final PromptLinter linter = Fixtures.linter();
    private final Vocabulary vocabulary = Fixtures.vocabulary();

    private Enhancement enhance(String prompt) {
        return enhancer.enhance(prompt, null, null);
    }

    private static List<Change> changesOf(Enhancement e, ChangeKind kind) {
        return e.changes().stream().filter(c -> c.kind() == kind).toList();
    }

    /** One test per rule phrase in the vocabulary file: it is found by lint and rewritten by enhance. */
    @TestFactory
    Stream<DynamicTest> everyRulePhraseIsLintedAndRewritten() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Vocabulary.Rule rule : vocabulary.rules()) {
            // the superlatives a rule asks for are its phrases too, said of a noun ("loveliest woman"): alone in a clause
            // ("a woman, loveliest,") a superlative's praise stays
            List<String> superlatives = rule.superlatives() == null ? List.of() : EnglishSuperlatives.of(rule.phrases());
            List<String> phrases = rule.superlatives() == Vocabulary.Superlatives.ONLY ? superlatives
                    : Stream.concat(rule.phrases().stream(), superlatives.stream()).toList();
            for (String phrase : phrases) {
                String word = phrase.endsWith("*") ? phrase.substring(0, phrase.length() - 1) + "ed" : phrase;
                // a medium's phrase ("digital art") is a rule's only in a prompt that says photo
                // a rule said only of the person beside it gets one
                String prompt = "Portrait of a woman, " + word + (rule.besidePerson() || superlatives.contains(phrase) ? " woman" : "")
                        + ", looking at the camera"
                        + (rule.onlyWithoutAnchor() ? "" : ", 85mm lens")
                        + (vocabulary.medium().nonPhotographic().contains(phrase) ? ", photo" : "");
                tests.add(DynamicTest.dynamicTest(rule.id() + ": " + word, () -> {
                    LintReport report = linter.lint(prompt, null);
                    assertTrue(report.findings().stream().anyMatch(f -> f.rule().equals(rule.id()) && f.text().equalsIgnoreCase(word)),
                            () -> "lint " + report.findings());
                    Enhancement result = enhance(prompt);
                    Change change = result.changes().stream().filter(c -> rule.id().equals(c.rule())).findFirst().orElseThrow();
                    assertEquals(word, change.from());
                    assertEquals(rule.replaceWith().isEmpty() ? ChangeKind.REMOVED : ChangeKind.REPLACED, change.kind());
                    assertTrue(result.prompt().startsWith("Portrait of a woman, "), result.prompt());
                    assertTrue(result.prompt().contains("looking at the camera"), result.prompt());
                    if (!rule.replaceWith().isEmpty()) {
                        assertTrue(result.prompt().contains(rule.replaceWith()), result.prompt());
                    }
                    assertTrue(linter.lint(result.prompt(), null).findings().isEmpty(), result.prompt());
                }));
            }
        }
        return tests.stream();
    }

    /** One test per addition: added when absent, not added when the prompt already says it. */
    @TestFactory
    Stream<DynamicTest> everyAdditionIsAddedOnlyWhenAbsent() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Vocabulary.Addition addition : vocabulary.additions()) {
            String base = "Portrait of a woman" + (addition.requiresAny().isEmpty() ? "" : " with " + addition.requiresAny().get(0));
            tests.add(DynamicTest.dynamicTest(addition.id() + " added when absent", () -> {
                Enhancement result = enhance(base);
                assertTrue(changesOf(result, ChangeKind.ADDED).stream().anyMatch(c -> c.rule().equals(addition.id())
                        && c.to().equals(addition.text())), () -> result.changes().toString());
                assertTrue(result.prompt().contains(addition.text()), result.prompt());
            }));
            for (String present : addition.presentWhen()) {
                String said = present.endsWith("*") ? present.substring(0, present.length() - 1) + "ing" : present;
                tests.add(DynamicTest.dynamicTest(addition.id() + " kept out when the prompt says '" + said + "'", () -> {
                    Enhancement result = enhance(base + ", " + said);
                    assertTrue(result.changes().stream().noneMatch(c -> addition.id().equals(c.rule())), () -> result.changes().toString());
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void abstractWordsBecomeSpecificsAndTextureIsAdded() {
        Enhancement e = enhance("A stunning, beautiful portrait of a woman, 8k, masterpiece.");
        assertEquals("A portrait of a woman, unretouched editorial photograph, visible skin texture, natural pores, "
                + "fine lines around the eyes, natural skin imperfections, slight forehead shine, no smoothing, "
                + "no beauty retouch, no airbrushing, 85mm lens.", e.prompt());
        assertEquals(4, changesOf(e, ChangeKind.REMOVED).size());
    }

    @Test
    void smoothSkinBecomesNaturalTexture() {
        Enhancement e = enhance("Headshot of a man with smooth skin, 50mm");
        assertTrue(e.prompt().startsWith("Headshot of a man with natural skin texture, 50mm"), e.prompt());
        assertTrue(e.changes().stream().noneMatch(c -> "skin-texture".equals(c.rule())), "texture already supplied by the replacement");
    }

    @Test
    void capitalisedReplacementKeepsCapital() {
        assertTrue(enhance("Photorealistic portrait of a man").prompt().startsWith("Photographic portrait of a man"));
        assertTrue(enhance("Stunning portrait of a man").prompt().startsWith("Portrait of a man"));
    }

    @Test
    void negatedWordsAreTheUsersOwnRejectionAndStay() {
        Enhancement e = enhance("Portrait of a woman, no smooth skin, without airbrushing or retouching, 85mm");
        assertTrue(changesOf(e, ChangeKind.REMOVED).isEmpty() && changesOf(e, ChangeKind.REPLACED).isEmpty(), e.changes()::toString);
        assertTrue(e.prompt().startsWith("Portrait of a woman, no smooth skin, without airbrushing or retouching, 85mm"));
    }

    @ParameterizedTest
    @CsvSource({
            "a woman in beautiful window light,       beautiful window light",
            "a woman in a gorgeous dress,             gorgeous dress",
            "a model with flawless makeup,            flawless makeup",
            "a man under cinematic lighting,          cinematic lighting",
            "a woman with a perfect smile,            perfect smile",
            "a makeup artist doing flawless foundation on a bride, flawless foundation",
            "a model with a flawless base and bold brows, flawless base",
            "a bride with perfect eyebrows and mascara, perfect eyebrows",
            "a woman with beautiful eyelashes,        beautiful eyelashes",
            "a woman with flawless concealer,         flawless concealer",
            // an adverb said of how the picture was lit or made (until 1.4.92 "beautifully lit portrait" -> "lit portrait")
            "beautifully lit portrait of a man,       beautifully lit",
            "a woman stunningly backlit by the sun,   stunningly backlit",
            "perfectly exposed photo of an old man,   perfectly exposed",
            "a beautifully shot portrait of a woman,  beautifully shot",
            "a flawlessly side-lit headshot of a man, flawlessly side-lit"})
    void wordsAboutLightWardrobeAndMakeupStayWordForWord(String prompt, String kept) {
        Enhancement e = enhance(prompt);
        assertTrue(e.prompt().startsWith(prompt), e.prompt());
        assertTrue(e.prompt().contains(kept));
        assertTrue(changesOf(e, ChangeKind.REMOVED).isEmpty() && changesOf(e, ChangeKind.REPLACED).isEmpty());
    }

    @Test
    void abstractWordOnThePersonIsRemoved() {
        Enhancement e = enhance("a gorgeous woman in a gorgeous dress");
        assertTrue(e.prompt().startsWith("a woman in a gorgeous dress"), e.prompt());
    }

    /** Only an adverb is said of a participle: "a stunning shot" is praise of the picture, "beautifully smooth skin" of the skin. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"a stunning shot of a woman | a shot of a woman, unretouched",
            "a woman with beautifully smooth skin, lit by a window | a woman with natural skin texture, lit by a window, unretouched"})
    void praiseOfThePictureOrTheSkinStillGoes(String prompt, String start) {
        assertTrue(enhance(prompt).prompt().startsWith(start), enhance(prompt).prompt());
    }

    @Test
    void cinematicWithoutPhotographicControlBecomesFilmStill() {
        Enhancement e = enhance("cinematic portrait of a detective");
        assertTrue(e.prompt().startsWith("film-still portrait of a detective"), e.prompt());
        assertTrue(e.changes().stream().anyMatch(c -> "cinematic-without-control".equals(c.rule())));
    }

    @Test
    void articlesAgreeAtEditSitesOnly() {
        assertTrue(enhance("an amazing woman and an owl-eyed child").prompt().startsWith("a woman and an owl-eyed child"));
        assertTrue(enhance("A glamour shot of a man").prompt().startsWith("An editorial shot of a man"));
        assertTrue(enhance("a unicorn tattoo on a woman").prompt().startsWith("a unicorn tattoo on a woman"));
    }

    @Test
    void cinematicReplacementStillGetsALens() {
        Enhancement e = enhance("cinematic portrait of a detective");
        assertTrue(e.prompt().endsWith(", 85mm lens"), e.prompt());
    }

    @Test
    void cinematicWithALensStays() {
        Enhancement e = enhance("cinematic portrait of a detective, 35mm anamorphic lens");
        assertTrue(e.prompt().startsWith("cinematic portrait of a detective, 35mm anamorphic lens"), e.prompt());
        assertTrue(e.changes().stream().noneMatch(c -> "cinematic-without-control".equals(c.rule()) || "lens-anchor".equals(c.rule())));
    }

    @ParameterizedTest
    @CsvSource({
            "headshot,  85mm lens",
            "editorial, '50mm lens, 35mm film'",
            "fashion,   Hasselblad 80mm medium format",
            "candid,    '35mm lens, 35mm film'",
            "product,   100mm macro lens"})
    void lensAnchorIsChosenByIntent(String intent, String anchor) {
        Enhancement e = enhancer.enhance("portrait of a woman", null, Intent.valueOf(intent.toUpperCase()));
        assertTrue(e.prompt().endsWith(", " + anchor), e.prompt());
    }

    @Test
    void closeUpGetsTheCloseUpLens() {
        assertTrue(enhance("extreme close-up of an old man").prompt().endsWith("56mm lens"));
        assertTrue(enhancer.enhance("close-up of a model", null, Intent.FASHION).prompt().endsWith("Hasselblad 80mm medium format"));
    }

    /**
     * A whole body or a scene gets the wide lens, not the headshot's 85mm (until 1.4.15 "a man sitting on a bench" got
     * 85mm); a portrait or headshot word keeps 85mm, and close framing its 56mm.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a man sitting on a bench reading a newspaper, autumn park | 35mm lens",
            "a woman in a red dress in a field of sunflowers, wide shot, full body | 35mm lens",
            "a family of four having a picnic in the park, wide shot | 35mm lens",
            "a woman at a cafe table drinking coffee, environmental portrait | 35mm lens",
            "a group photo of five coworkers in an office | 35mm lens",
            "an old man walking his dog in the rain | 35mm lens",
            "portrait of a woman sitting by a window | 85mm lens",
            "headshot of a man standing against a brick wall | 85mm lens",
            "close-up of a man sitting on a bench | 56mm lens"})
    void aWholeBodyOrASceneGetsTheWideLens(String prompt, String anchor) {
        assertTrue(enhance(prompt).prompt().endsWith(", " + anchor), enhance(prompt).prompt());
    }

    @ParameterizedTest
    @CsvSource({"'portrait of a woman, shot on Portra 400'", "'portrait of a woman, f/1.8'", "'portrait of a woman, Leica M6'",
            "'portrait of a woman, 50 mm'", "'portrait of a woman on Kodak film'"})
    void noAnchorWhenThePromptHasOne(String prompt) {
        assertTrue(enhance(prompt).changes().stream().noneMatch(c -> "lens-anchor".equals(c.rule())), prompt);
    }

    @Test
    void intentIsInferredFromThePrompt() {
        assertEquals(Intent.FASHION, enhance("runway shot of a model").intent());
        assertEquals(Intent.CANDID, enhance("street snapshot of a boy").intent());
        assertEquals(Intent.PRODUCT, enhance("e-commerce photo of a woman with a handbag").intent());
        assertEquals(Intent.HEADSHOT, enhance("portrait of a woman").intent());
        assertTrue(enhance("candid photo of a girl").prompt().contains("unretouched candid photograph"));
    }

    @Test
    void makeupSkinOnlyWithMakeup() {
        assertTrue(enhance("portrait of a woman").changes().stream().noneMatch(c -> "makeup-skin".equals(c.rule())));
        assertTrue(enhance("portrait of a woman with red lipstick").prompt().contains("natural skin visible under the makeup"));
    }

    @Test
    void noFineLinesOnABaby() {
        Enhancement e = enhance("a baby sleeping in a crib");
        assertFalse(e.prompt().contains("fine lines"), e.prompt());
        assertTrue(e.prompt().contains("natural pores"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            a bowl of fruit on a table, stunning, 8k
            portrait of a cat, beautiful, ultra detailed
            A red sports car at night, cinematic
            """)
    void promptWithoutAPersonComesBackUnchangedWithANote(String prompt) {
        Enhancement e = enhance(prompt);
        assertEquals(prompt, e.prompt());
        assertFalse(e.personDetected());
        assertTrue(e.changes().isEmpty());
        assertTrue(e.notes().get(0).startsWith("No person"), e.notes()::toString);
        assertEquals(0, linter.lint(prompt, null).risk());
    }

    @Test
    void alreadyGoodPromptIsUntouched() {
        String good = "Portrait of a woman, unretouched photograph, visible skin texture, natural pores, fine lines, "
                + "freckles, slight shine, no smoothing, no beauty retouch, no airbrushing, 85mm.";
        Enhancement e = enhance(good);
        assertEquals(good, e.prompt());
        assertTrue(e.changes().isEmpty());
        assertEquals(0, e.riskBefore());
    }

    @Test
    void negativePromptOnlyForModelsThatTakeOne() {
        ModelCatalog catalog = Fixtures.catalog();
        String prompt = "portrait of a woman";
        assertNotNull(enhancer.enhance(prompt, catalog.find("sdxl"), null).negativePrompt());
        assertTrue(enhancer.enhance(prompt, catalog.find("sdxl"), null).negativePrompt().contains("airbrushed"));
        assertNull(enhancer.enhance(prompt, catalog.find("gpt-image-2"), null).negativePrompt());
        assertNotNull(enhancer.enhance(prompt, null, null).negativePrompt(), "no model named: offered for any model that takes one");
        assertTrue(enhancer.enhance(prompt, catalog.find("sdxl"), null).notes().stream().anyMatch(n -> n.contains("smooths skin")));
    }

    @Test
    void punctuationIsTidiedAfterRemovals() {
        assertTrue(enhance("Portrait of a man, 8k, masterpiece, trending on artstation, 85mm lens").prompt()
                .startsWith("Portrait of a man, 85mm lens, unretouched editorial photograph, visible skin texture"));
        assertTrue(enhance("a stunning, candid portrait of a man").prompt().startsWith("a candid portrait of a man, unretouched"));
        assertTrue(enhance("portrait of a woman (8k)").prompt().startsWith("portrait of a woman, unretouched"));
    }

    /** Its speed beside a typical prompt's is a figure of bench/prompt/run, not asserted here. */
    @Test
    void aMaximumLengthPromptFullOfRuleWordsIsIdempotent() {
        StringBuilder prompt = new StringBuilder("portrait of a woman");
        String[] risky = {"stunning", "8k", "smooth skin", "no airbrushing", "beautiful window light", "cinematic", "airbrushed"};
        for (int i = 0; prompt.length() < 3950; i++) {
            prompt.append(i % 3 == 0 ? ", " : " ").append(risky[i % risky.length]);
        }
        Enhancement once = enhance(prompt.toString());
        assertTrue(once.prompt().length() <= 4000, "removals make room for the additions here");
        assertEquals(once.prompt(), enhance(once.prompt()).prompt());
        assertTrue(once.prompt().contains("no airbrushing, beautiful window light"), "negated and protected words kept");
    }

    @Test
    void riskFallsToZeroAfterEnhancement() {
        Enhancement e = enhance("A stunning glamour portrait of a woman with flawless porcelain skin, airbrushed, 8k, octane render");
        assertTrue(e.riskBefore() >= 90, () -> "riskBefore " + e.riskBefore());
        assertEquals(0, e.riskAfter());
        assertTrue(e.prompt().startsWith("An editorial portrait of a woman with natural skin texture, unretouched"), e.prompt());
    }
}
