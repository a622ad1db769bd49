package io.realskin.prompt.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.prompt.Enhancement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Prompts written by hand for an exploratory probe (none from the vocabulary or the other tests): what the probe found the
 * rewrite got wrong, each as the class of prompt it belongs to.
 */
class HandWrittenPromptsTest {

    private final PromptEnhancer enhancer = Fixtures.enhancer();

    private Enhancement enhancedIdempotently(String prompt) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
        return e;
    }

    /**
     * A smooth-skin simile goes with its whole noun phrase, the adjectives and nouns of the thing the skin is likened to.
     * Until 1.4.108 one noun after "like" went ("skin like a porcelain doll" -> "natural skin texture doll") and a thing
     * whose first word was not listed was not seen ("skin like a china doll" went as written).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a woman with skin like a porcelain doll | a woman with natural skin texture, unretouched",
            "a woman with skin like a china doll | a woman with natural skin texture, unretouched",
            "a woman with skin as smooth as a marble statue, soft light | a woman with natural skin texture, soft light, unretouched",
            "portrait of a man, skin like a wax figure | portrait of a man, natural skin texture, unretouched",
            "a girl with skin like a baby's bottom | a girl with natural skin texture, unretouched",
            "a woman with skin like fine silk, smiling | a woman with natural skin texture, smiling, unretouched",
            "her skin is smooth like a porcelain doll, portrait | her skin is natural, portrait, unretouched",
            // not a smooth thing: the user's simile stays
            "an old sailor with skin like leather | an old sailor with skin like leather, unretouched"})
    void aSimileGoesWithItsWholeNounPhrase(String prompt, String start) {
        Enhancement e = enhancedIdempotently(prompt);
        assertTrue(e.prompt().startsWith(start), e.prompt());
    }

    /**
     * Two smooth-skin phrases joined by "and" with an article or a possessive before the second say the replacement once.
     * Until 1.4.108 only a bare conjunction counted: "silky smooth skin and a perfect complexion" -> "natural skin texture
     * and a natural skin texture".
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a woman with silky smooth skin and a perfect complexion | a woman with natural skin texture, unretouched",
            "a man with smooth skin and his flawless complexion, studio | a man with natural skin texture, studio, unretouched",
            "portrait, soft skin or a flawless complexion | portrait, natural skin texture, unretouched"})
    void aReplacementIsSaidOnceAcrossAnArticle(String prompt, String start) {
        Enhancement e = enhancedIdempotently(prompt);
        assertTrue(e.prompt().startsWith(start), e.prompt());
    }

    /**
     * A negation written after what it negates ("makeup-free", "make-up free") or as "free of", and one a quantity stands
     * between ("without a trace of makeup"), negates: no makeup is said, and a removal a negation keeps is kept. Until 1.4.109
     * each read as makeup ("natural skin visible under the makeup" was added), and "retouch-free" lost its "retouch".
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a makeup-free woman, bare face | a makeup-free woman, bare face, unretouched | false",
            "a woman, makeup free | a woman, makeup free, unretouched | false",
            "a woman, make-up free, natural light | a woman, make-up free, natural light, unretouched | false",
            "a woman free of makeup | a woman free of makeup, unretouched | false",
            "a woman free from any makeup, studio | a woman free from any makeup, studio, unretouched | false",
            "a woman without a trace of makeup | a woman without a trace of makeup, unretouched | false",
            "a man with not a hint of makeup | a man with not a hint of makeup, unretouched | false",
            "a retouch-free portrait of a woman | a retouch-free portrait of a woman, unretouched | false",
            "portrait of a man, airbrush-free | portrait of a man, airbrush-free, unretouched | false",
            "a filter-free selfie of a girl | a filter-free selfie of a girl, unretouched | false",
            // no negation: a quantity alone, and a negation further back than the word before the quantity
            "a woman with a touch of makeup | a woman with a touch of makeup, unretouched | true",
            "a woman, no smoothing and a touch of makeup | a woman, no smoothing and a touch of makeup, unretouched | true",
            // a person word is negated only hyphened: "free soloing" is a climb
            "a man free soloing a cliff | a man free soloing a cliff, unretouched | false"})
    void aNegationAfterTheWordOrAcrossAQuantityNegates(String prompt, String start, boolean makeup) {
        Enhancement e = enhancedIdempotently(prompt);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(makeup, e.prompt().contains("natural skin visible under the makeup"), e.prompt());
        assertTrue(e.personDetected(), e.prompt());
    }

    /**
     * An addition whose subject the user's negative part excludes (a Midjourney --no, a Negative prompt:, an Avoid: list) is
     * left out, and the notes say which and why; the rest are still added and lint finds nothing missing. Until 1.4.110
     * "--no freckles, wrinkles" was given "fine lines around the eyes, natural skin imperfections".
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "portrait of a bride, perfect skin --no freckles, wrinkles --ar 9:16 | fine lines around the eyes;natural skin imperfections | natural pores",
            "'portrait of a woman, studio light\nNegative prompt: wrinkles, freckles, acne, pores' | natural pores;fine lines around the eyes;natural skin imperfections | visible skin texture",
            "Portrait of an old man. Avoid: blemishes, wrinkles, pores. He looks tired. | natural pores;fine lines around the eyes;natural skin imperfections | slight forehead shine",
            "headshot of a man, Negative prompt: oily skin, acne scars | slight forehead shine;natural skin imperfections | fine lines around the eyes",
            // another parameter's value excludes nothing, nor does a negative list of other things
            "portrait of a man --ar 2:3 --no text, watermark --v 6 | | fine lines around the eyes",
            "portrait of a woman, Negative prompt: blurry, light spots, flaws | | natural skin imperfections"})
    void anAdditionTheNegativePartExcludesIsLeftOut(String written, String leftOut, String added) {
        String prompt = written.replace("\\n", "\n");
        Enhancement e = enhancedIdempotently(prompt);
        String description = PromptParts.split(e.prompt()).body();
        for (String text : leftOut == null ? new String[0] : leftOut.split(";")) {
            assertTrue(!description.contains(text), e.prompt());
            assertTrue(e.notes().stream().anyMatch(n -> n.startsWith("Left out \"" + text + "\"")), e.notes()::toString);
        }
        assertTrue(description.contains(added), e.prompt());
        assertTrue(Fixtures.linter().lint(e.prompt(), null).missing().isEmpty(), e.prompt());
        assertEquals(0, e.riskAfter(), e.prompt());
    }

    /**
     * Smoothing said without "skin" where it is about the skin's rendering goes, and lint sees it: a lone smoothing
     * adjective as a list item, emphasised or not, a doll's look, an emphasised adjective before the skin, blurred skin, a
     * Japanese simile, a soft-focus haze or a dreamy or dewy glow; a soft-focus background and a doll in a comparison stay.
     * Until 1.4.111 each went as written, linting at 0, beside "no smoothing".
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "woman, doll-like | woman, unretouched | true",
            "woman, doll-like, porcelain | woman, unretouched | true",
            "woman, (porcelain:1.3), (doll-like:1.2) | woman, unretouched | true",
            "a doll-like woman in a red dress | a woman in a red dress, unretouched | true",
            "a woman, (smooth:1.2) skin | a woman, (natural:1.2) skin, unretouched | true",
            "a woman with blurry skin | a woman with natural skin texture, unretouched | true",
            "portrait of a man, blurred skin, rain | portrait of a man, natural skin texture, rain, unretouched | true",
            "美しい女性、陶器のような肌 | 女性、自然な肌の質感, unretouched | true",
            "portrait of a woman, soft focus | portrait of a woman, unretouched | true",
            "portrait of a bride, dreamy glow | portrait of a bride, unretouched | true",
            "portrait of a woman, dewy glow, soft light | portrait of a woman, soft light, unretouched | true",
            // a photographic choice and a comparison stay
            "portrait of a woman, soft focus background | portrait of a woman, soft focus background, unretouched | false",
            "a girl holding a doll like this, portrait | a girl holding a doll like this, portrait, unretouched | false",
            "portrait of a woman, soft, warm light | portrait of a woman, soft, warm light, unretouched | false"})
    void smoothingSaidWithoutSkinGoes(String prompt, String start, boolean found) {
        Enhancement e = enhancedIdempotently(prompt);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(found, !Fixtures.linter().lint(prompt, null).findings().isEmpty(), prompt);
        assertTrue(Fixtures.linter().lint(e.prompt(), null).findings().isEmpty(), e.prompt());
    }

    /**
     * Several people in the frame get the scene's lens and a selfie a phone's, not the headshot's 85mm: a group said as one
     * ("a crowd", "a group of", "a team photo"), people in the plural or at play, and a selfie (not a picture of someone
     * taking one). Until 1.4.112 each got "85mm lens".
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a crowd of people at a concert | 35mm lens",
            "team photo of a soccer team | 35mm lens",
            "a group of friends at the beach | 35mm lens",
            "a family portrait in the garden | 35mm lens",
            "kids playing football in a park, photo | 35mm lens",
            "colleagues celebrating in an office | 35mm lens",
            "selfie of a girl in a cafe | 24mm smartphone lens",
            "close-up selfie of a man, smiling | 24mm smartphone lens",
            // one person's portrait keeps the headshot lens, and so does a picture of someone taking a selfie
            "portrait of three friends | 85mm lens",
            "portrait of an old man | 85mm lens"})
    void aGroupOrASelfieGetsItsOwnLens(String prompt, String anchor) {
        Enhancement e = enhancedIdempotently(prompt);
        assertTrue(e.prompt().endsWith(", " + anchor), e.prompt());
    }

    /**
     * The everyday words for friends, kin, spouses and pupils and the plurals of the vocabulary's other languages put a person
     * in the frame. Until 1.4.113 each of these had no person and came back unchanged.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Freunde am Strand, Sonnenuntergang | true", "ein Foto mit Freunden im Park | true",
            "zwei Freundinnen im Café | true", "Schüler im Klassenzimmer | true", "der Bräutigam im Anzug | true",
            "amigos en la playa | true", "dos amigas en un café | true", "mi hermana en la cocina | true",
            "des amis au café | true", "ma sœur à la plage | true", "amici al mare | true", "mia moglie in giardino | true",
            "meus irmãos na praia | true", "vrienden op het strand | true", "przyjaciele na plaży | true",
            "друзья на пляже | true", "arkadaşlar sahilde | true", "友達と公園で | true", "朋友们在海边 | true",
            "친구들과 해변에서 | true", "दोस्तों के साथ समुद्र तट पर | true", "bạn bè ở bãi biển | true",
            // what is also a word for a thing stays a thing
            "a tata truck on a mountain road | false", "koca bir ev, gün batımı | false"})
    void everydayPeopleWordsOfTheOtherLanguagesPutAPersonInTheFrame(String prompt, boolean person) {
        Enhancement e = enhancedIdempotently(prompt);
        assertEquals(person, e.personDetected(), prompt);
        assertEquals(person, e.prompt().contains("natural pores"), e.prompt());
    }

    /**
     * What a removal leaves reads: the connector before a removal that only emoji follow goes, the words that only say whose
     * a retouch is go with it, removals side by side that end the phrase take its connector, and a final question mark stays
     * after the user's words. Until 1.4.114 "with beauty filter 😍"
     * left "with 😍", "glossy magazine retouch, portrait" became "glossy magazine portrait", and "portrait of a man?" ended
     * "85mm lens?".
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "selfie of a girl 🤳 with beauty filter 😍 | selfie of a girl 🤳 😍, unretouched",
            "a woman with a beauty filter ✨, smiling | a woman ✨, smiling, unretouched",
            "glossy magazine retouch, portrait of a woman | portrait of a woman, unretouched",
            "portrait of a woman, heavy photoshop airbrushing, red dress | portrait of a woman, red dress, unretouched",
            "portrait of a man? | portrait of a man? unretouched",
            "a woman with a beauty filter, smiling | a woman, smiling, unretouched",
            // removals side by side that take the rest of a phrase take its connector and articles (until 1.4.115 "with a",
            // and with a comma after it "a bride with an a smiling")
            "a bride with soft focus and a dreamy glow | a bride, unretouched",
            "a girl with beauty filter and a facetune | a girl, unretouched",
            "a bride with a beauty filter and a glamour glow, smiling | a bride, smiling, unretouched",
            "a woman with freckles, soft focus and a dreamy glow, smiling | a woman with freckles, smiling, unretouched"})
    void whatARemovalLeavesReads(String prompt, String start) {
        Enhancement e = enhancedIdempotently(prompt);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertTrue(!e.prompt().endsWith("?"), e.prompt());
    }

    /**
     * The look a retouch gives goes with the retouch. Until 2026-12-07 only the retouch word went: "a woman with an airbrushed
     * look" -> "a woman with a look", "a woman, airbrushed look, film grain" -> "a woman, look, film grain".
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a woman with an airbrushed look | a woman, unretouched",
            "a woman, airbrushed look, film grain | a woman, film grain, unretouched",
            "a man, magazine retouched look, studio light | a man, studio light, unretouched",
            "a girl, photoshopped effect | a girl, unretouched",
            "portrait of a man with a retouched skin finish, window light | portrait of a man, window light, unretouched",
            // negated it stays, and a look that is no retouch's stays
            "a woman, no airbrushed look | a woman, no airbrushed look, unretouched",
            "a woman, a look of surprise | a woman, a look of surprise, unretouched"})
    void aRetouchedLookGoesWhole(String prompt, String start) {
        Enhancement e = enhancedIdempotently(prompt);
        assertTrue(e.prompt().startsWith(start), e.prompt());
    }

    /**
     * A word removed right after the person word that ends its list item leaves the item's comma. Until 2026-12-07 it took
     * the comma as a word removed from inside a phrase does, and joined two items: "a woman flawless, soft light" -> "a woman
     * soft light".
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a woman flawless, soft light | a woman, soft light, unretouched",
            "a woman stunning, soft light | a woman, soft light, unretouched",
            "a man so handsome, studio light | a man, studio light, unretouched",
            "a bride gorgeous, in white, church | a bride, in white, church, unretouched",
            // inside a phrase before its noun the comma still goes with it
            "a stunning, candid portrait of a woman | a candid portrait of a woman, unretouched",
            "a woman's stunning, natural smile | a woman's natural smile, unretouched",
            "two stunning, young women | two young women, unretouched"})
    void aRemovalAfterAPersonLeavesTheItemsComma(String prompt, String start) {
        Enhancement e = enhancedIdempotently(prompt);
        assertTrue(e.prompt().startsWith(start), e.prompt());
    }

    /**
     * An adjective before a smooth-skin phrase that its replacement begins with is said once, after a comma or joined by
     * "and", "yet", "but", at the start of its item or of its phrase after a function word. Until 2026-12-07 only a list item
     * of its own counted: "a woman with natural, flawless skin" -> "a woman with natural, natural skin texture". The
     * replacement's last word said again right after it, joined the same way and ending its phrase, is said once too (1.4.119).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a woman with natural, flawless skin | a woman with natural skin texture, unretouched",
            "a man with natural and smooth skin, studio | a man with natural skin texture, studio, unretouched",
            "a model with natural yet flawless skin | a model with natural skin texture, unretouched",
            "natural and flawless skin, a woman | natural skin texture, a woman, unretouched",
            // said of something before it, the word is not the replacement's
            "her makeup looks natural, flawless skin | her makeup looks natural, natural skin texture, unretouched",
            "a woman in natural light and flawless skin | a woman in natural light and natural skin texture, unretouched",
            // after it too, joined by "but", "yet", "and", a degree between (since 1.4.119; until 2026-12-07 "looks retouched but
            // natural" became "looks natural but natural")
            "a man whose skin looks retouched but natural | a man whose skin looks natural, unretouched",
            "Her complexion looks airbrushed yet natural, beauty campaign, close-up | Her complexion looks natural, beauty campaign, close-up, unretouched",
            "a woman, her skin is smooth but still natural, soft light | a woman, her skin is natural, soft light, unretouched",
            "a woman, skin was retouched, but natural | a woman, skin was left natural, unretouched",
            "a woman, her skin looks retouched and natural and glowing | a woman, her skin looks natural and glowing, unretouched",
            "a woman, her skin is smooth but natural looking | a woman, her skin is natural looking, unretouched",
            // the word said of what comes after it is not the replacement's
            "a woman, her skin looks airbrushed and natural lighting | a woman, her skin looks natural and natural lighting, unretouched"})
    void anAdjectiveTheReplacementBeginsWithIsSaidOnce(String prompt, String start) {
        Enhancement e = enhancedIdempotently(prompt);
        assertTrue(e.prompt().startsWith(start), e.prompt());
    }
}
