package io.realskin.prompt.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.prompt.ChangeKind;
import io.realskin.contracts.prompt.Enhancement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A smoothing phrase the user turns down in English words other than "no" or "without": said after it ("smooth skin is not
 * wanted", vocabulary {@code negatingPredicates}) or with a verb before it ("skip the beauty filter", {@code negationWords}).
 * Until 2026-12-07 the rules rewrote it: "smooth skin is not wanted" became "natural skin texture is not wanted" and "instead
 * of smooth skin" "instead of natural skin texture", the request turned into its opposite; "airbrushing is forbidden" became
 * "is forbidden" and "skip the beauty filter" "skip the".
 */
class TurnedDownPromptsTest {

    private final PromptEnhancer enhancer = Fixtures.enhancer();

    @ParameterizedTest
    @ValueSource(strings = {
            // said after it, with links between
            "portrait of a woman, smooth skin is not wanted", "portrait of a man, flawless skin should be avoided",
            "a woman, airbrushing is strictly forbidden, window light", "headshot of a man, plastic skin not allowed",
            "a girl at the beach, beauty filter turned off", "portrait of a nurse, skin smoothing disabled",
            "a woman, porcelain skin needs to be avoided", "an old man, airbrushed skin is a no-go",
            // a verb or word before it
            "a woman, skip the beauty filter", "portrait of a man, instead of smooth skin show pores",
            "a woman, none of that airbrushing", "a bride, forget the flawless skin", "a man, minus the airbrushed look",
            "portrait of a chef, omit skin smoothing",
            // since 2026-12-07: a removal verb, a negation of two words, a predicate after a comma or a bare "not" ending it
            "portrait of a woman, remove the smooth skin", "a bride, erase the beauty filter", "a woman, removing the skin smoothing",
            "a woman, rather than flawless skin", "a man far from flawless skin", "a man, as opposed to the airbrushed look",
            "a woman in place of porcelain skin", "a woman, smooth skin, not wanted", "a woman, flawless skin NOT",
            "portrait of a man, smooth skin - no", "a girl, beauty filter, turned off. window light",
            // a bare "not" or "no" after a full stop or an ellipsis (since 1.4.118; until 2026-12-07 it negated nothing)
            "a woman, perfect skin. not. window light", "portrait of a man, smooth skin... no, studio",
            // in brackets right after it, or as the answer to a question
            "portrait of a woman, smooth skin (not wanted)", "a woman, flawless skin (NO), studio",
            "a woman, airbrushing (must be avoided)", "a woman, smooth skin? no! window light",
            // a retouch after "to be" or "to have been", the negation before them (since 1.4.119; until 2026-12-07 they put it out
            // of the window, "skin that doesn't look to be retouched" -> "skin that doesn't look to be"), or said of the skin as "it"
            "a woman, her skin should not look to be retouched", "a woman, skin that doesn't look to be retouched",
            "portrait of a man, his face doesn't appear to have been photoshopped",
            "a woman, her skin never seems to be filtered", "a woman, her skin is pale and it does not look photoshopped"})
    void aTurnedDownSmoothingPhraseStays(String prompt) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(prompt + ", "), e.prompt());
        assertTrue(e.changes().stream().allMatch(c -> c.kind() == ChangeKind.ADDED), e.changes()::toString);
        assertTrue(Fixtures.linter().lint(prompt, null).findings().isEmpty(), prompt);
    }

    /** What only looks like it: "not" or "is" starting another phrase, a predicate that asks for it, one after a comma. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a woman with smooth skin not wearing makeup | a woman with natural skin texture not wearing makeup, unretouched",
            "a man with flawless skin is wanted for the cover | a man with natural skin texture is wanted for the cover, unretouched",
            "a woman with perfect skin, not allowed to smile | a woman with natural skin texture, not allowed to smile, unretouched",
            "a woman, smooth skin is banner worthy | a woman, natural skin texture is banner worthy, unretouched",
            // a two-word negation with more than an article between, a bare "not" that does not end the clause
            "a man far from home with flawless skin | a man far from home with natural skin texture, unretouched",
            "a woman rather than a man, with smooth skin | a woman rather than a man, with natural skin texture, unretouched",
            "a woman with smooth skin, not smiling | a woman with natural skin texture, not smiling, unretouched",
            "a woman with smooth skin. Not a model, a real person | a woman with natural skin texture. Not a model, a real person, unretouched",
            "a woman with perfect skin (in the light), studio | a woman with natural skin texture (in the light), studio, unretouched",
            "a woman with smooth skin? yes | a woman with natural skin texture? yes, unretouched",
            // a removal request after a removal verb is still one: "remove freckles and smooth skin" asks for smoothing twice
            "a woman, remove freckles and smooth skin | a woman, natural skin texture, unretouched"})
    void aPhraseNotTurnedDownIsRewritten(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
    }
}
