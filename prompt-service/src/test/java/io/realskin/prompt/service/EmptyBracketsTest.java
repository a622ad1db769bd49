package io.realskin.prompt.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link EmptyBrackets} leaves what the three patterns it replaced left, replaced until nothing changed. */
class EmptyBracketsTest {

    private static final String WEIGHT = ":[ \\t]*-?\\d*\\.?\\d+";
    private static final Pattern INSIDE_OPENING = Pattern.compile("(?<=[(\\[{])[ \\t,;]+");
    private static final Pattern INSIDE_CLOSING = Pattern.compile("[ \\t,;]+(?=[)\\]}]|" + WEIGHT + "[ \\t]*\\))");
    private static final Pattern EMPTY_BRACKETS = Pattern.compile(
            "\\([ \\t]*(?::[ \\t]*-?\\d*\\.?\\d+[ \\t]*)?\\)|\\[[ \\t]*]|\\{[ \\t]*}");

    /** TextCleaner's loop before: one level of nesting a round. */
    private static String removedNaively(String text) {
        String s = text;
        String before;
        do {
            before = s;
            s = INSIDE_OPENING.matcher(s).replaceAll("");
            s = INSIDE_CLOSING.matcher(s).replaceAll("");
            s = EMPTY_BRACKETS.matcher(s).replaceAll("");
        } while (!s.equals(before));
        return s;
    }

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "(( ))"                       | ""
            "a, ( portrait, :1.2), b"    | "a, (portrait:1.2), b"
            "(skin:1.2), (:1.4), [ ]"    | "(skin:1.2), , "
            "( , [ ] , a)"               | (a)
            "(x, ():1.2)"                | (x:1.2)
            "(x , :1.2 ,)"               | (x:1.2)
            "(: 1.2)"                    | ""
            "(:1.)"                      | (:1.)
            "(:  )"                      | (:)
            "( ]"                        | (]
            "{ [ ( ) ] }"                | ""
            "a (b"                       | a (b
            "no brackets, here ;"        | "no brackets, here ;"
            """)
    void leavesWhatTheLoopLeft(String text, String left) {
        assertEquals(left, removedNaively(text));
        assertEquals(left, EmptyBrackets.removeFrom(text));
    }

    @Test
    void leavesWhatTheLoopLeftOnRandomTexts() {
        String alphabet = "(([[{{))]]}} ,,;\t:..1-2ax\n";
        Random random = new Random(3);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(24); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String t = text.toString();
            assertEquals(removedNaively(t), EmptyBrackets.removeFrom(t), "\"" + t + "\"");
        }
    }
}
