package io.realskin.prompt.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.prompt.ChangeKind;
import io.realskin.contracts.prompt.Enhancement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Prompts written for the tenth probe, none from the vocabulary: praise said in an idiom, as a superlative of its own
 * ("prettiest", "loveliest"), in a comma list, and "studio" as a place. What the rewrite leaves must read as the user
 * wrote it, and lint must find what enhance changes.
 */
class PraiseFormsPromptsTest {

    private final PromptEnhancer enhancer = Fixtures.enhancer();

    /**
     * An idiom that only says how much the praise is ("too beautiful for words", "beautiful beyond words", "too handsome
     * for his own good") goes whole with its praise. Until 1.4.101 the praise went and left "a woman for words", "a bride,
     * beyond words", and after a verb "she looks natural for words".
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a woman too beautiful for words, standing by the sea | a woman, standing by the sea, unretouched",
            "portrait of a man, too handsome for words | portrait of a man, unretouched",
            "a bride, beautiful beyond words, in a church | a bride, in a church, unretouched",
            "an old fisherman, handsome beyond belief, at dawn | an old fisherman, at dawn, unretouched",
            "a groom too handsome for his own good, wedding photo | a groom, wedding photo, unretouched",
            "she looks too beautiful for words in the rain | she looks natural in the rain, unretouched",
            "a woman with a lovely face, street photo | a woman with a natural face, street photo, unretouched"})
    void aPraiseIdiomGoesWhole(String prompt, String start) {
        assertRewritten(prompt, start);
    }

    /**
     * A praise word said as its own superlative ("prettiest", "loveliest", "handsomest") is praise as "most beautiful" is:
     * it goes, with its scope and the possessive that only names it, and stays where its removal would not read. Until
     * 1.4.101 each went to the model as written while "the most gorgeous" went, and "lovely" was no praise at all.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "the prettiest girl in the village, photo | the girl in the village, photo, unretouched",
            "the loveliest bride, portrait | the bride, portrait, unretouched",
            "the handsomest man in the world, studio portrait | the man, studio portrait, unretouched",
            "the world's prettiest woman, smooth skin | the woman, natural skin texture, unretouched",
            "the most lovely woman, photo | the woman, photo, unretouched",
            "a lovely old woman knitting, candid | an old woman knitting, candid, unretouched",
            "she looks lovely in red, portrait | she looks natural in red, portrait, unretouched",
            // kept: removed, the praise would leave "one of the women", "Italy's man", "she is the"
            "one of the prettiest women in town, portrait | one of the prettiest women in town, portrait, unretouched",
            "Italy's handsomest man, portrait | Italy's handsomest man, portrait, unretouched",
            "she is the loveliest in the world, photo | she is the loveliest in the world, photo, unretouched",
            // and a list of them before a member of its group or another possessive (1.4.105; before it the last praise went
            // and left "one of the loveliest, women", "Italy's loveliest, woman")
            "one of the loveliest, most beautiful women in the world, portrait | one of the loveliest, most beautiful women in the world, portrait, unretouched",
            "she was one of the loveliest, most beautiful women I have ever seen, photo | she was one of the loveliest, most beautiful women I have ever seen, photo, unretouched",
            "Italy's loveliest, most beautiful woman, photo | Italy's loveliest, most beautiful woman, photo, unretouched",
            // and so does one joined to another phrase: removed, it would leave "she is the the smartest girl" (also with
            // "most", until 1.4.101)
            "She is the prettiest and the smartest girl in class, school photo | She is the prettiest and the smartest girl in class, school photo, unretouched",
            "She is the most beautiful and the smartest girl in class, photo | She is the most beautiful and the smartest girl in class, photo, unretouched",
            // "pretty" alone is also "rather": "a pretty old man" stays, its superlative does not
            "a pretty old man on a bench, portrait | a pretty old man on a bench, portrait, unretouched",
            // said of light, wardrobe or makeup it is theirs
            "a woman in the loveliest dress, soft light | a woman in the loveliest dress, soft light, unretouched"})
    void aSuperlativeOfItsOwnIsPraise(String prompt, String start) {
        assertRewritten(prompt, start);
    }

    /**
     * An adverb that only says how great the praise is ("simply", "impossibly", "strikingly", "conventionally", and hyphened,
     * "jaw-droppingly", "drop-dead") goes with it, or stays with the natural look a verb's praise becomes. Until 1.4.101 it
     * was left to qualify the next word: "an impossibly woman", "a strikingly old man", "who is simply standing". So does
     * one before the smoothness a noun phrase replaces (1.4.102; before it "unbelievably natural skin texture").
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "A woman who is simply stunning, standing at the window | A woman who is simply natural, standing at the window, unretouched",
            "an impossibly beautiful woman, portrait | a woman, portrait, unretouched",
            "a strikingly handsome old man, street photo | an old man, street photo, unretouched",
            "a conventionally attractive man in a suit, photo | a man in a suit, photo, unretouched",
            "a woman with a strikingly beautiful face, photo | a woman with a strikingly natural face, photo, unretouched",
            "she looks effortlessly beautiful in linen, portrait | she looks effortlessly natural in linen, portrait, unretouched",
            "drop-dead gorgeous woman, portrait | woman, portrait, unretouched",
            "a woman with unbelievably smooth skin, portrait | a woman with natural skin texture, portrait, unretouched",
            "a man, impossibly flawless skin, photo | a man, natural skin texture, photo, unretouched",
            "a jaw-droppingly beautiful bride, photo | a bride, photo, unretouched"})
    void aDegreeAdverbGoesWithThePraise(String prompt, String start) {
        assertRewritten(prompt, start);
    }

    /**
     * Praise said between commas goes, the list closing up ("a woman, flawless, stunning, in a garden"), and so does a list
     * of superlative praise before its noun ("the loveliest, most beautiful bride") and a score said of praise ("10/10
     * gorgeous"); "studio" as a
     * place ("artist studio", "studio apartment") is no studio lighting and nothing rewrites it; praise after the person in
     * Spanish, French and Portuguese goes. Each was already so; kept here beside the forms above.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a woman, flawless, stunning, in a garden | a woman, in a garden, unretouched",
            "portrait of a man, gorgeous, perfect, 8k, in the rain | portrait of a man, in the rain, unretouched",
            // superlative praise listed before its noun goes whole (1.4.103; before it "the loveliest, bride"), kept alone
            "the loveliest, most beautiful bride, portrait | the bride, portrait, unretouched",
            "the most stunning, most beautiful woman in the world, photo | the woman, photo, unretouched",
            "a stunning, gorgeous woman, portrait | a woman, portrait, unretouched",
            "a woman, loveliest, in a garden | a woman, loveliest, in a garden, unretouched",
            "she is the loveliest, most beautiful in the world, photo | she is the loveliest, most beautiful in the world, photo, unretouched",
            // a score said of the praise goes with it (1.4.104; before it "a man, 10/10 portrait")
            "a man, 10/10 gorgeous, portrait | a man, portrait, unretouched",
            "a woman, 11 out of 10 beautiful, in a garden | a woman, in a garden, unretouched",
            "a 10/10 gorgeous woman, photo | a woman, photo, unretouched",
            "a woman, 10/10, portrait | a woman, 10/10, portrait, unretouched",
            // and after it, ending the praise's item (1.4.105; before it "10/10, portrait of a woman", "a man, 11 out of 10")
            "gorgeous 10/10, portrait of a woman | portrait of a woman, unretouched",
            "a woman, gorgeous 10/10, in the rain | a woman, in the rain, unretouched",
            "a man, beautiful 11 out of 10, photo | a man, photo, unretouched",
            "a woman, stunning 10/10 lighting, portrait | a woman, 10/10 lighting, portrait, unretouched",
            "an old painter in his artist studio, portrait | an old painter in his artist studio, portrait, unretouched",
            "a woman in a studio apartment, morning light | a woman in a studio apartment, morning light, unretouched",
            "una mujer hermosa en la playa, foto | una mujer en la playa, foto, unretouched",
            "une femme magnifique dans un café, photo | une femme dans un café, photo, unretouched",
            "uma mulher linda na praia, foto | uma mulher na praia, foto, unretouched"})
    void praiseInAListOrAfterThePersonGoesAndAStudioIsAPlace(String prompt, String start) {
        assertRewritten(prompt, start);
    }

    /**
     * "pretty" and "cute" are praise of a person only: "pretty" right before a person word ("a pretty woman"), "cute" also
     * past up to two words that are no function words ("a cute little boy"), either alone as a list item ("1girl, cute") or
     * after a verb with nothing after it that it could make "rather" ("she looks pretty in pink"). Else "pretty" is "rather"
     * ("pretty detailed", "a pretty old house") and "cute" is said of a thing or an animal ("a cute puppy"), and both
     * stay. Until 1.4.105 neither was praise alone, so "a pretty woman" and "cute girl" went as written.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a pretty woman in a red dress, street photo | a woman in a red dress, street photo, unretouched",
            "cute girl with freckles, portrait | girl with freckles, portrait, unretouched",
            "a very pretty girl on a swing, photo | a girl on a swing, photo, unretouched",
            "a cute little boy in a raincoat, photo | a little boy in a raincoat, photo, unretouched",
            "1girl, cute, smiling, (pretty:1.2), photo | 1girl, smiling, photo, unretouched",
            "she looks pretty in pink, portrait | she looks natural in pink, portrait, unretouched",
            "a girl with a pretty face, photo | a girl with a natural face, photo, unretouched",
            "the cutest kid in class, school photo | the kid in class, school photo, unretouched",
            // before a part of a person, as "beautiful" is, and in a list of praise before the person
            "1girl, (pretty face:1.2), freckles, photo | 1girl, (face:1.2), freckles, photo, unretouched",
            "a pretty, cute girl on a bench, photo | a girl on a bench, photo, unretouched",
            "a pretty, pretty girl, photo | a girl, photo, unretouched",
            "a pretty, kind woman, photo | a pretty, kind woman, photo, unretouched",
            // a run of them goes in one rewrite: until 1.4.107 each pass took the last one only, and after five "pretty girl"
            // was left, rewritten again by a second enhance
            "pretty pretty pretty pretty pretty pretty girl, photo | girl, photo, unretouched",
            // "rather", or said of a thing or an animal: stays
            "pretty detailed portrait of an old man | pretty detailed portrait of an old man, unretouched",
            "a pretty old house with a woman at the window | a pretty old house with a woman at the window, unretouched",
            "she looks pretty tired after work, portrait | she looks pretty tired after work, portrait, unretouched",
            "a woman with a cute puppy, park | a woman with a cute puppy, park, unretouched",
            "a cute puppy with a girl, park | a cute puppy with a girl, park, unretouched",
            "a woman in a cute dress, photo | a woman in a cute dress, photo, unretouched"})
    void prettyAndCuteArePraiseOfAPersonOnly(String prompt, String start) {
        assertRewritten(prompt, start);
    }

    /**
     * Beauty said as a noun and said to be beyond words or breathtaking ("her beauty was beyond words", "a woman whose
     * beauty is breathtaking"), or measured ("a woman of rare beauty"), is praise: it goes whole, with the owner and verb
     * that only say it. Until 1.4.105 the first went as written and "her beauty breathtaking" lost its praise and left "her
     * beauty". Beauty that names a thing ("a beauty salon", "the beauty of the mountains") stays.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "her beauty was beyond words, portrait of a woman at dusk | portrait of a woman at dusk, unretouched",
            "a woman whose beauty is beyond words, photo | a woman, photo, unretouched",
            "A bride at the altar, her beauty breathtaking | A bride at the altar, unretouched",
            "a woman of rare beauty in the rain | a woman in the rain, unretouched",
            "a man of striking beauty, street photo | a man, street photo, unretouched",
            "a woman in a beauty salon, photo | a woman in a beauty salon, photo, unretouched",
            // after a possessive noun it stays: removed, it would leave "the bride's"
            "a bride at the altar, the bride's beauty was beyond words | a bride at the altar, the bride's beauty was beyond words, unretouched",
            "the beauty of the mountains behind a hiker, photo | the beauty of the mountains behind a hiker, photo, unretouched"})
    void beautySaidAsANounIsPraise(String prompt, String start) {
        assertRewritten(prompt, start);
    }

    private void assertRewritten(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
        assertEquals(e.changes().stream().filter(c -> c.kind() != ChangeKind.ADDED).count(),
                Fixtures.linter().lint(prompt, null).findings().size(), "lint finds what enhance changes");
    }
}
