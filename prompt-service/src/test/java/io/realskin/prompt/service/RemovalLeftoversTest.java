package io.realskin.prompt.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.prompt.ChangeKind;
import io.realskin.contracts.prompt.Enhancement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Prompts written for the fourth probe, none from the vocabulary: what a removal leaves behind in the words around it
 * must read as the user wrote it, with nothing left twice and no separator left dangling.
 */
class RemovalLeftoversTest {

    private final PromptEnhancer enhancer = Fixtures.enhancer();

    /**
     * A clause a removal leaves as a copy of another goes: "extremely detailed face, perfect face" keeps one "face".
     * Until 1.4.31 it became "face, face". The user's own repeated clause is emphasis and stays, also after a clause that
     * removals side by side take whole.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "score_9, 1girl, extremely detailed face, perfect face, portrait, looking at viewer | score_9, 1girl, face, portrait, looking at viewer, unretouched",
            "portrait of a young woman, (extremely detailed face:1.2), (perfect face:1.1), (beautiful face:1.1), studio lighting | portrait of a young woman, (face:1.2), studio lighting, unretouched",
            "portrait, beautiful portrait, 8k | portrait, unretouched",
            "'a man, stunning face\\nbeautiful face, soft light' | 'a man, face\\nsoft light, unretouched'",
            // the user's own copies stay
            "woman, portrait, face, face, smooth skin | woman, portrait, face, face, natural skin texture, unretouched",
            "a woman, face, perfect face | a woman, face, unretouched",
            // and so do they when the clause before them goes whole, in removals side by side: its last took the comma and
            // joined the next item to the removed clause (until 1.4.105: "a woman, RED", "portrait of a man, smile")
            "a woman, 8k masterpiece, red, RED | a woman, red, RED, unretouched",
            "portrait of a man, beauty mode on masterpiece, smile, smile | portrait of a man, smile, smile, unretouched"})
    void aClauseARemovalLeavesAsACopyGoes(String written, String start) {
        String prompt = written.replace("\\n", "\n");
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start.replace("\\n", "\n")), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
    }

    /**
     * A word that only makes a removed word stronger goes with it: "a really beautiful woman" -> "a woman". Until 1.4.32
     * it was left to qualify the next word ("a really woman", "a super photo", "the most portrait").
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a really beautiful woman in a red coat | a woman in a red coat, unretouched",
            "Make a super realistic 4K photo of a Latina woman on the beach | Make a photo of a Latina woman on the beach, unretouched",
            "the most stunning portrait of an old man | the portrait of an old man, unretouched",
            "an incredibly gorgeous woman, soft light | a woman, soft light, unretouched",
            "a woman, very very beautiful, 8k | a woman, unretouched",
            // a replacement keeps it: the word it qualifies is still there
            "a very glamorous shot of a man | a very editorial shot of a man, unretouched"})
    void anIntensifierGoesWithTheWordItStrengthens(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
    }

    /**
     * Skin said smooth with an intensifier before the adjective is still said smooth, and the intensifier stays with the
     * replacement. Until 1.4.49 only so, very, super, ultra, perfectly, completely and totally were read there:
     * "make the skin look really smooth and perfect" lost its "perfect" only, "make the skin extremely smooth" was left.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "A woman holding a baby, soft daylight, make the skin look really smooth and perfect. | A woman holding a baby, soft daylight, make the skin look really natural, unretouched",
            "make the skin extremely smooth, portrait of a woman | make the skin extremely natural, portrait of a woman, unretouched",
            "portrait of a man, his skin should look incredibly flawless and glowing | portrait of a man, his skin should look incredibly natural, unretouched",
            "headshot, her face should look really very smooth | headshot, her face should look really very natural, unretouched"})
    void skinSaidSmoothWithAnIntensifierIsStillSaidSmooth(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
    }

    /**
     * The separators and stops Chinese and Japanese write (，、； and 。) are separators and stops, and so are dashes with
     * spaces around them in a list: a removal leaves one of each. Until 1.4.33 "自然光，8K，超写实" left "自然光，，超写实", a
     * final "、8K。" left "、。" before the additions, and "a — 8k — b" left "a — — b".
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "一位老奶奶的肖像，皱纹，自然光，8K，超写实 | 一位老奶奶的肖像，皱纹，自然光，超写实, unretouched",
            "美しい日本人女性、着物、透明感のある肌、8K、夕方 | 美しい日本人女性、着物、自然な肌の質感、夕方, unretouched",
            "一个女孩的肖像；完美皮肤；8K；自然光 | 一个女孩的肖像；自然的皮肤纹理；自然光, unretouched",
            "portrait of a woman — flawless skin — 8k — soft light | portrait of a woman — natural skin texture — soft light, unretouched",
            "portrait of a woman — soft light — 8k | portrait of a woman — soft light, unretouched"})
    void aRemovalLeavesOneSeparatorInEveryScript(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"美しい女性のポートレート、8K。 | 女性のポートレート, unretouched | 85mm lens。",
            "笑顔の男性の写真！ | 笑顔の男性の写真, unretouched | 85mm lens！"})
    void theAdditionsGoBeforeAFullWidthStop(String prompt, String start, String end) {
        String out = enhancer.enhance(prompt, null, null).prompt();
        assertTrue(out.startsWith(start) && out.endsWith(end), out);
    }

    /**
     * "Glamorous" said of a person or a place goes; before a word for the picture it becomes "editorial". Until 1.4.53 it
     * became "editorial" everywhere: "an editorial woman in a gown", "an editorial hotel lobby".
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"a glamorous woman in a gown | a woman in a gown, unretouched",
            "A glamorous elderly actress at a 1920s party, stunning | An elderly actress at a 1920s party, unretouched",
            "a man in a glamorous hotel lobby | a man in a hotel lobby, unretouched",
            "a woman in a glamorous dress | a woman in a glamorous dress, unretouched"})
    void glamorousSaidOfAPersonOrAPlaceGoes(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
    }

    /** A beauty or glamour shot keeps its noun (until 1.4.43 "a beauty shot of her face" became "an editorial of her face"). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"close up beauty shot of a woman's face, dewy skin | close up editorial shot of a woman's face, dewy skin, unretouched",
            "a glamour shot of an actress, red carpet | an editorial shot of an actress, red carpet, unretouched",
            "beauty photography, woman, studio | editorial photography, woman, studio, unretouched",
            "a glamorous portrait of an actress | an editorial portrait of an actress, unretouched"})
    void aBeautyShotKeepsItsNoun(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start), e.prompt());
    }
    /**
     * Praise a verb needs as its complement asks for a natural look instead of leaving the verb without it: until 1.4.59
     * "make it look really beautiful" became "make it look", "she looks stunning in a red dress" "she looks in a red dress".
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "make it look really beautiful, portrait of a woman | make it look really natural, portrait of a woman, unretouched",
            "Portrait of a man, make it look stunning | Portrait of a man, make it look natural, unretouched",
            "she looks stunning in a red dress, candid photo | she looks natural in a red dress, candid photo, unretouched",
            "make her gorgeous, studio headshot | make her natural, studio headshot, unretouched",
            "a beautiful woman looking at the camera | a woman looking at the camera, unretouched"})
    void praiseAVerbNeedsBecomesANaturalLook(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
    }
    /**
     * Praise after "is" or "are" is a complement too: until 1.4.66 it was removed, "she is beautiful, beach" became "she
     * is beach" and "the light is beautiful, portrait" "the light is portrait"; until 1.4.106 also after "'s" and "'re".
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "she is beautiful, beach | she is natural, beach, unretouched",
            "portrait of a woman, the colors are beautiful | portrait of a woman, the colors are natural, unretouched",
            "the man is so stunning, street photo | the man is so natural, street photo, unretouched",
            // and after "is" or "are" written onto the subject (1.4.106; before it "she's portrait in the rain", "he's in that suit")
            "she's gorgeous, portrait in the rain | she's natural, portrait in the rain, unretouched",
            "he's so handsome in that suit, photo | he's so natural in that suit, photo, unretouched",
            "a woman who’s pretty in pink, portrait | a woman who’s natural in pink, portrait, unretouched",
            "they're beautiful together, couple portrait | they're natural together, couple portrait, unretouched",
            // not a possessive: "the man's handsome face" keeps the praise's own rule
            "I'm pretty sure she is a nurse, photo of a woman in scrubs | I'm pretty sure she is a nurse, photo of a woman in scrubs, unretouched"})
    void praiseAfterIsBecomesANaturalLook(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
    }

    /**
     * Praise said of light, wardrobe or makeup after a verb is theirs, as it is right before them ("beautiful window
     * light"): until 1.4.66 "make the light look beautiful" became "make the light look natural", "the light is beautiful"
     * lost its praise, and "a woman whose makeup is flawless" became "a woman whose makeup is".
     */
    @ParameterizedTest
    @ValueSource(strings = {"make the light look beautiful, portrait of a man", "portrait of a woman, make the light look beautiful",
            "the light is beautiful, portrait of a man", "her hair is gorgeous, portrait of a woman",
            "a woman whose makeup is flawless", "the window light looks so perfect, old man reading",
            "make the light beautiful, portrait of a man", "her dress looks stunning, bride at the altar"})
    void praiseSaidOfLightWardrobeOrMakeupAfterAVerbStays(String prompt) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(prompt + ", unretouched"), e.prompt());
    }

    /**
     * Two smooth-skin phrases joined by "and" or a comma leave one replacement, also when the two are in two cases and
     * their replacements are spelt differently: until 1.4.60 "z gładką skórą i idealną cerą" became "z naturalną teksturą
     * skóry i naturalną teksturą skóry", and "z gładką skórą, idealna cera" "z naturalną teksturą skóry, naturalna
     * tekstura skóry" (rules saying the same, vocabulary `says`). What follows the "and" otherwise stays.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Zdjęcie kobiety z gładką skórą i idealną cerą | Zdjęcie kobiety z naturalną teksturą skóry, unretouched",
            "Zdjęcie kobiety z gładką skórą, idealna cera | Zdjęcie kobiety z naturalną teksturą skóry, unretouched",
            "Портрет женщины с гладкой кожей и безупречной кожей | Портрет женщины с естественной текстурой кожи, unretouched",
            "Frau mit glatter Haut und makelloser Haut | Frau mit natürlicher Hautstruktur, unretouched",
            "mujer con piel suave y piel perfecta | mujer con piel con textura natural, unretouched",
            "a woman with smooth skin and flawless complexion | a woman with natural skin texture, unretouched",
            "女性、美肌と完璧な肌 | 女性、自然な肌の質感, unretouched",
            "portrait of a woman with smooth skin and freckles | portrait of a woman with natural skin texture and freckles, unretouched"})
    void twoPhrasesThatSayTheSameLeaveOneReplacement(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
    }
    /**
     * A replacement that begins with the word right before its match takes that word's place: until 1.4.64 "editorial
     * beauty shot" became "editorial editorial shot" and "Editorial glamour portrait" "Editorial editorial portrait".
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "editorial beauty shot, model with dewy skin | editorial shot, model with dewy skin, unretouched",
            "Editorial glamour portrait of a woman | Editorial portrait of a woman, unretouched",
            "a glamour shot of a man | an editorial shot of a man, unretouched"})
    void aReplacementDoesNotRepeatTheWordBeforeIt(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
    }

    /**
     * The same word as the list item before the match: until 1.4.72 "editorial, beauty shot of a woman" became "editorial,
     * editorial shot of a woman". A word that is not a whole item keeps its own place.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "editorial, beauty shot of a woman | editorial shot of a woman, unretouched",
            "portrait of a man, editorial, glamour shot | portrait of a man, editorial shot, unretouched",
            "Editorial, glamour portrait of a woman | Editorial portrait of a woman, unretouched",
            "the editorial, beauty shot of a woman | the editorial, editorial shot of a woman, unretouched"})
    void aReplacementDoesNotRepeatTheListItemBeforeIt(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
    }

    /**
     * A list item anywhere in the prompt that is a word a replacement brings in goes, the replacement saying it: until 1.4.81
     * "beauty shot of a woman, editorial" became "editorial shot of a woman, editorial", and "glamour shot of a man, glamour"
     * "editorial shot of a man, editorial". An item that says more than that word, or a word the replacement does not bring,
     * stays.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "beauty shot of a woman, editorial | editorial shot of a woman, unretouched",
            "beauty shot of a woman, Editorial, 85mm | editorial shot of a woman, 85mm, unretouched",
            "glamour shot of a man, glamour | editorial shot of a man, unretouched",
            "glamour, glamour shot of a man | editorial shot of a man, unretouched",
            "glamour portrait of a woman; editorial; rim light | editorial portrait of a woman; rim light, unretouched",
            "a woman, smooth skin, natural | a woman, natural skin texture, unretouched",
            // not a word the replacement brings, or more than the word
            "beauty shot of a woman, shot | editorial shot of a woman, shot, unretouched",
            "beauty shot of a woman, editorial style | editorial shot of a woman, editorial style, unretouched",
            "portrait of a man, editorial, rim light | portrait of a man, editorial, rim light, unretouched",
            // a negative label's sentence is the user's as written
            "beauty shot of a woman. Avoid: smooth skin, editorial, plastic. She smiles, 35mm | editorial shot of a woman. Avoid: smooth skin, editorial, plastic. She smiles, 35mm, unretouched"})
    void aReplacementDoesNotRepeatAListItemAnywhere(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
    }

    /**
     * Praise of a feature of the face that is not its skin is the feature's, as praise of the smile or the hair is: until
     * 1.4.82 it went and left the bare noun, "she has beautiful eyes" -> "she has eyes", "with perfect teeth" -> "with teeth".
     * Praise of the skin, the face or the body still goes.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "she has beautiful eyes | she has beautiful eyes, unretouched",
            "portrait of a man with perfect teeth, laughing | portrait of a man with perfect teeth, laughing, unretouched",
            "a girl with gorgeous lips, close-up | a girl with gorgeous lips, close-up, unretouched",
            "(beautiful eyes:1.2), 1girl, portrait | (beautiful eyes:1.2), 1girl, portrait, unretouched",
            "her eyes are stunning, portrait | her eyes are stunning, portrait, unretouched",
            "a model with perfect cheekbones, high fashion | a model with perfect cheekbones, high fashion, unretouched",
            // the skin's and the person's praise still go
            "a beautiful woman with perfect skin and perfect teeth | a woman with natural skin texture and perfect teeth, unretouched",
            "a man, stunning face, soft light | a man, face, soft light, unretouched",
            "her face is perfect | her face is natural, unretouched"})
    void praiseOfAFeatureThatIsNotSkinStays(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
    }

    /**
     * Praise that is all a possession after "with a" or "has a" is said to be asks for a natural look: until 1.4.87 it went
     * and left "a woman with a body", "he has a face". With another word left to qualify the noun it still goes.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a woman with a perfect body, bikini, beach | a woman with a natural body, bikini, beach, unretouched",
            "an athletic man with a flawless physique, gym | an athletic man with a natural physique, gym, unretouched",
            "he has a handsome face and perfect jawline | he has a natural face and perfect jawline, unretouched",
            "a woman with an amazing figure, red dress | a woman with a natural figure, red dress, unretouched",
            "a woman with a really beautiful body in the sun | a woman with a really natural body in the sun, unretouched",
            // another word still qualifies the noun, or the noun is light, wardrobe or a feature
            "a woman with a beautiful long neck, portrait | a woman with a long neck, portrait, unretouched",
            "a woman with a beautiful garden view | a woman with a garden view, unretouched",
            "a woman with a stunning dress, gala | a woman with a stunning dress, gala, unretouched",
            // a thing or an animal is no part of the person: its praise only goes (1.4.105; before it "a natural dog")
            "a woman with a beautiful dog, park | a woman with a dog, park, unretouched",
            "a man with a gorgeous car, street | a man with a car, street, unretouched"})
    void praiseThatIsAllAPossessionIsSaidNatural(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
    }

    /**
     * A word removed from the start of its clause takes the conjunction after it: until 1.4.75 "beautiful and elegant
     * woman in a gown" became "and elegant woman in a gown". After "or" the negation stays with what follows.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "beautiful and elegant woman in a gown | elegant woman in a gown, unretouched",
            "Stunning and confident man, street | Confident man, street, unretouched",
            "portrait of a woman, beautiful and natural | portrait of a woman, natural, unretouched",
            "no wrinkles or makeup, portrait of a woman | no makeup, portrait of a woman, unretouched",
            "a beautiful and elegant woman | an elegant woman, unretouched"})
    void aRemovalAtTheStartOfItsClauseTakesTheConjunction(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
    }

    /**
     * A smoothing word said after the skin that goes on to makeup, light or wardrobe is theirs: until 1.4.80 "HYPERDETAILED
     * SKIN Top quality, flawless makeup" lost "Top quality," and then read "SKIN flawless makeup" as the skin said
     * flawless, "DETAILED SKIN natural makeup".
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a grandmother, HYPERDETAILED SKIN Top quality,  flawless makeup | a grandmother, DETAILED SKIN flawless makeup, unretouched",
            "her skin flawless makeup, bride | her skin flawless makeup, bride, unretouched",
            "her skin is flawless, bride | her skin is natural, bride, unretouched"})
    void aSmoothingWordBeforeMakeupAfterTheSkinIsTheMakeups(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start), e.prompt());
    }

    /**
     * A run of separators or stops the cleaner makes one keeps the words around it apart: until 1.4.90 "a woman,,,,,smooth
     * skin" became "a woman,natural skin texture" and "a man, 8k,portrait" "a man,portrait". The full-width marks take no
     * space after them.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a woman,,,,,smooth skin | a woman, natural skin texture, unretouched",
            "a woman;;;flawless skin;soft light | a woman; natural skin texture;soft light, unretouched",
            "a man, 8k,portrait | a man, portrait, unretouched",
            "a woman,,,(smooth skin:1.2) | a woman, (natural skin texture:1.2), unretouched",
            "portrait of a woman. 8k.She smiles | portrait of a woman. She smiles, unretouched",
            "一个女孩，，，8K，自然光 | 一个女孩，自然光, unretouched"})
    void aRunOfSeparatorsKeepsTheWordsApart(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
    }

    /**
     * Praise said as a superlative goes with the scope it is measured in and a possessive that only names that scope: until
     * 1.4.91 "the most beautiful woman in the world" became "the woman in the world" and "the world's most beautiful woman"
     * "the world's woman". One whose removal would leave no phrase that reads keeps its praise, and lint finds nothing there.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "the most beautiful woman in the world | the woman, unretouched",
            "Portrait of the most gorgeous man alive, soft light | Portrait of the man, soft light, unretouched",
            "the world's most beautiful woman, smooth skin | the woman, natural skin texture, unretouched",
            "the most stunning young bride I've ever seen, church | the young bride, church, unretouched",
            "a portrait of the most handsome man of all time with flawless skin | a portrait of the man with natural skin texture, unretouched",
            // what a superlative is said of stays: "in the room" is where she is
            "the most beautiful girl in the room | the girl in the room, unretouched",
            // but "whole" and "entire" measure it: a scope (1.4.106; before it "the girl in the whole school")
            "She was the most beautiful girl in the whole school, yearbook photo | She was the girl, yearbook photo, unretouched",
            "the most handsome man in the entire village, portrait | the man, portrait, unretouched",
            "the prettiest girl in the whole town, photo | the girl, photo, unretouched",
            // kept: removed, the praise would leave "one of the women", "Italy's man", "she is the"
            "one of the most beautiful women in the world, studio | one of the most beautiful women in the world, studio, unretouched",
            "Italy's most handsome man, portrait | Italy's most handsome man, portrait, unretouched",
            "she is the most beautiful in the world | she is the most beautiful in the world, unretouched"})
    void aSuperlativesPraiseGoesWithItsScopeOrStays(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
        assertEquals(e.changes().stream().filter(c -> c.kind() != ChangeKind.ADDED).count(),
                Fixtures.linter().lint(prompt, null).findings().size(), "lint finds what enhance changes");
    }

    /**
     * Skin said smoothest, or most perfect, is a smooth-skin phrase whose superlative and scope go with it, and a word that
     * only sharpens a superlative goes too: until 1.4.96 "the smoothest skin" went as written, "the most perfect skin in the
     * world" became "the most natural skin texture in the world" and "the single most beautiful woman alive" "the single
     * woman".
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a woman with the smoothest skin in the world | a woman with natural skin texture, unretouched",
            "the most perfect skin in the world, portrait of a woman | the natural skin texture, portrait of a woman, unretouched",
            "she has the most flawless complexion I have ever seen | she has natural skin texture, unretouched",
            "the single most beautiful woman alive, street | the woman, street, unretouched"})
    void aSuperlativeOfTheSkinGoesWithItsScope(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
    }

    /** Skin said retouched goes whole, as "smoothed skin" does: until 1.4.99 "retouched skin" left a bare "skin". */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "retouched skin, portrait of a woman | portrait of a woman, unretouched",
            "beautifully retouched skin, portrait of a woman | portrait of a woman, unretouched",
            "heavily retouched skin, portrait of a man | portrait of a man, unretouched",
            "a woman with retouched skin, soft light | a woman, soft light, unretouched",
            "portrait of a man, photoshopped face, studio | portrait of a man, studio, unretouched"})
    void skinSaidRetouchedGoesWhole(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
    }

    /**
     * Skin, a face or pores said retouched after them, after a verb of seeming, in a passive or with no verb, with how it was
     * done after it: the sentence still reads and asks for the skin as it is. Until 1.4.118 the removal of "photoshopped" left
     * the verb ("whose skin looks studio light"), "in post" stayed ("whose skin was natural in post"), and the passives and
     * "skin that seems filtered" went to the model as written beside additions asking for pores; "his skin smoothed with a
     * filter" lost "skin smoothed" ("his with a filter"). Not where light does it, nor a blur that is the photograph's.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a woman whose skin looks photoshopped, studio light | a woman whose skin looks natural, studio light, unretouched",
            "her face looks retouched, window light | her face looks natural, window light, unretouched",
            "portrait of a woman, skin that seems filtered | portrait of a woman, skin that seems natural, unretouched",
            "a woman whose skin looks photoshopped and plastic, studio light | a woman whose skin looks natural, studio light, unretouched",
            "her skin looks heavily photoshopped, 85mm | her skin looks natural, 85mm, unretouched",
            "a man whose skin has been smoothed | a man whose skin has been left natural, unretouched",
            "a woman whose skin has been retouched, soft light | a woman whose skin has been left natural, soft light, unretouched",
            "a man whose face was smoothed in photoshop | a man whose face was left natural, unretouched",
            "a woman whose skin was airbrushed in post | a woman whose skin was left natural, unretouched",
            "a woman whose pores were blurred out | a woman whose pores were left natural, unretouched",
            "a girl whose face got facetuned | a girl whose face got left natural, unretouched",
            "a woman whose face was filtered with snapchat | a woman whose face was left natural, unretouched",
            "close-up of a model whose skin is digitally smoothed for a serum ad | close-up of a model whose skin is left natural for a serum ad, unretouched",
            "a woman, her face smoothed in lightroom | a woman, natural skin texture, unretouched",
            "an old man, skin photoshopped to look young | an old man, natural skin texture, unretouched",
            "a man, his skin smoothed with a filter | a man, natural skin texture, unretouched",
            "a girl with her face smoothed in photoshop, pink hair | a girl with natural skin texture, pink hair, unretouched",
            "1girl, solo, skin photoshopped, detailed eyes | 1girl, solo, natural skin texture, detailed eyes, unretouched",
            "portrait, skin: retouched | portrait, skin: natural, unretouched",
            "a woman's skin, retouched in post | a woman's natural skin texture, unretouched",
            // the other languages' predicates, since 1.4.118 with their retouch participles
            "die Haut ist retuschiert, eine Frau im Park | die Haut ist natürlich, eine Frau im Park, unretouched",
            "une femme, la peau est retouchée | une femme, la peau est naturelle, unretouched",
            "una mujer cuya piel fue suavizada | una mujer cuya piel fue natural, unretouched",
            "een vrouw, de huid is geretoucheerd | een vrouw, de huid is natuurlijk, unretouched",
            "kobieta, skóra została wygładzona | kobieta, skóra została naturalna, unretouched",
            "женщина, кожа отретуширована | женщина, кожа естественная, unretouched",
            // light that smooths and a blur that is the photograph's stay
            "a man whose skin was smoothed by the sunlight | a man whose skin was smoothed by the sunlight, unretouched",
            "a woman with her skin blurred in the background | a woman with her skin blurred in the background, unretouched",
            "his face is filtered through the leaves' shadows | his face is filtered through the leaves' shadows, unretouched",
            // since 1.4.119 "skin smoothed" said of light stays too (until 2026-12-07 the phrase went and left its possessive,
            // "her by the soft window light"), with "golden hour", daylight, moonlight, sunset and sunrise as light
            "portrait of a woman, her skin smoothed by the soft window light, film grain | portrait of a woman, her skin smoothed by the soft window light, film grain, unretouched",
            "a woman with skin smoothed by the sunlight | a woman with skin smoothed by the sunlight, unretouched",
            "score_9, 1girl, skin smoothed by golden hour light, freckles | score_9, 1girl, skin smoothed by golden hour light, freckles, unretouched",
            "a man, his face smoothed by the evening daylight, 50mm | a man, his face smoothed by the evening daylight, 50mm, unretouched",
            // and the phrase said of no light still goes
            "a woman, skin smoothed, freckles | a woman, freckles, unretouched",
            // since 1.4.119 "to be" after the verb of seeming, "to have been" a passive's (until 2026-12-07 "skin that looks to
            // be retouched" lost its participle, "skin that looks to be")
            "a woman, skin that looks to be retouched | a woman, skin that looks to be natural, unretouched",
            "a man, face appears to be photoshopped, studio | a man, face appears to be natural, studio, unretouched",
            "a man whose face appears to have been photoshopped | a man whose face appears to have been left natural, unretouched",
            // an adverb before the verb, and the skin said back as "it" in its clause (until 2026-12-07 "it looks" was left)
            "her skin almost looks photoshopped, 85mm | her skin almost looks natural, 85mm, unretouched",
            "his skin is so pale it looks edited, street photo | his skin is so pale it looks natural, street photo, unretouched",
            "a woman whose skin glows in the light and it looks retouched | a woman whose skin glows in the light and it looks natural, unretouched",
            // said smooth so that it looks retouched, the smoothness says it all: the result goes with it
            "her skin is so smooth it looks photoshopped | her skin is so natural, unretouched",
            "a woman, her face is so flawless that it almost looks airbrushed, close-up | a woman, her face is so natural, close-up, unretouched",
            "her skin is so smooth, it looks photoshopped, studio light | her skin is so natural, studio light, unretouched",
            // a negation of something else in the clause leaves the "it" asking
            "a woman, her skin isn't pale, it looks photoshopped | a woman, her skin isn't pale, it looks natural, unretouched"})
    void skinSaidRetouchedAfterItIsSaidNatural(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
    }

    /**
     * A realism adjective before a render word that ends its list item becomes "photographic" with it, the item's comma
     * staying. Until 1.4.118 the render word went with the comma: "hyperrealistic cgi, a woman" -> "photographic a woman".
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "hyperrealistic cgi, a woman in a garden | photographic, a woman in a garden, unretouched",
            "photorealistic 3d render, a man on a bench | photographic, a man on a bench, unretouched",
            "a woman, hyper-realistic octane render | a woman, photographic, unretouched"})
    void aRealismAdjectiveBeforeARenderWordKeepsTheComma(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
    }
}
