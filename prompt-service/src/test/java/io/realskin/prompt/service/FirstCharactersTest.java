package io.realskin.prompt.service;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a match of a regular expression can begin with, read from its text: the literals at its start, past lookarounds,
 * optional parts and into groups and alternations; "any" for whatever it does not follow or can match nothing.
 */
class FirstCharactersTest {

    static Stream<Arguments> patterns() {
        return Stream.of(
                Arguments.of("\\Qsmooth\\E[\\s\\-]*\\Qskin\\E|\\Qwoman\\E", "s w"),
                Arguments.of("(?<![\\p{L}\\p{N}])(?=[\\p{L}\\p{N}])(?:\\Qab\\E|\\Qcd\\E)(?![\\p{L}\\p{N}])", "a c"),
                Arguments.of("(?=(?:x|y))(?<=\\b(?:skin)\\s{1,3})(?:smooth|silky)", "s"),
                Arguments.of("(?:baby[\\s-]+)?(?:smooth|soft)\\s+skin", "b s"),
                Arguments.of("(?:(?:a|an)\\s+)?x", "a x"),
                Arguments.of("[\\u0027\\u2019]s|\\u0027t|\\x41", "' ’ A"),
                Arguments.of("x{0,3}y|z{2}w|v{1,}?u", "x y z v"),
                Arguments.of("^\\A\\bx$", "x"),
                Arguments.of("\\tx|\\ny|\\ez", "\t \n \u001B"),
                Arguments.of("皮肤|肌肤|\\Q\\E美", "皮 肌 美"),
                Arguments.of("\uD835\uDC00b", "\uD835\uDC00"),
                Arguments.of("(?:a|an)?\\s+x", "any"),
                Arguments.of("\\p{L}x", "any"),
                Arguments.of("[a-z]x", "any"),
                Arguments.of("[^x]", "any"),
                Arguments.of("[x[y]]", "any"),
                Arguments.of(".x", "any"),
                Arguments.of("(?i)x", "any"),
                Arguments.of("(?<name>x)", "any"),
                Arguments.of("(x)\\1", "any"), // a back reference anywhere is not read
                Arguments.of("\\1x", "any"),
                Arguments.of("\\Gx", "any"),
                Arguments.of("x*", "any"),
                Arguments.of("x|", "any"),
                Arguments.of("(?:)", "any"),
                Arguments.of("(?=x)", "any"),
                Arguments.of("\\Q\\E", "any"),
                Arguments.of("(x", "any"),
                Arguments.of("x)", "any"),
                Arguments.of("\\uD835\\uDC00b", "any"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("patterns")
    void readsTheFirstCharactersOrAny(String regex, String expected) {
        Set<Integer> first = FirstCharacters.of(regex);
        String found = first == null ? "any"
                : first.stream().sorted().map(Character::toString).collect(Collectors.joining(" "));
        String sortedExpected = expected.equals("any") ? expected
                : Arrays.stream(expected.split(" ")).map(s -> s.codePointAt(0)).sorted().map(Character::toString).collect(Collectors.joining(" "));
        assertEquals(sortedExpected, found);
    }
}
