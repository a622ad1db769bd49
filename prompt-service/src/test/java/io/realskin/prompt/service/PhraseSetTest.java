package io.realskin.prompt.service;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A phrase set finds its phrases as whole words wherever they stand, between brackets and punctuation too, and a phrase
 * that begins with neither a letter nor a digit as well (the set looks for a letter or digit first only when every phrase
 * begins with one).
 */
class PhraseSetTest {

    @ParameterizedTest(name = "{0} in \"{1}\": {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            woman;8k             | ((woman)) [8k], (((8K)))            | woman 8k 8K
            woman;8k             | womanly 8kb, a woman's              | woman
            '90s look;woman      | a '90s look, woman                  | '90s look woman
            close up;smooth skin | (close-up:1.2), [[smooth  skin]]    | close-up smooth  skin
            ёлка;Émile;42        | ((Ёлка)) «Émile» 42, 420            | Ёлка Émile 42
            """)
    void findsEachPhraseAsAWholeWord(String phrases, String text, String found) {
        PhraseSet set = PhraseSet.of(Arrays.asList(phrases.split(";")));
        String spans = set.spansIn(text).stream().map(s -> text.substring(s.start(), s.end())).collect(Collectors.joining(" "));
        assertEquals(found, spans);
        assertEquals(List.of(), PhraseSet.of(List.of("woman")).spansIn("(((((((((( ,,,, ]]]]"));
    }
}
