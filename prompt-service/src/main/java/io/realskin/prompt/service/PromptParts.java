package io.realskin.prompt.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt split into the text the rules work on ({@code body}) and a trailing block that belongs to the
 * generator's syntax, not to the description ({@code tail}): Midjourney's parameters ({@code --ar 2:3 --v 6
 * --no plants, text}), which must end the prompt, an AUTOMATIC1111 settings block ({@code Steps: 30, ...} on a
 * line of its own), or a negative prompt ({@code Negative prompt: ...}, on a line of its own or inline). The tail is kept byte for byte at the very
 * end: rules never touch it, additions go before it, and it does not count for person, presence or lint
 * ({@code --no wrinkles} is Midjourney's negative prompt, not the subject). {@code body + tail} is the
 * prompt, so an index into the body is an index into the prompt.
 */
record PromptParts(String body, String tail) {

    /** Midjourney's parameters that take a number, as the tail reads them with a space after the dashes ("-- v 6"). */
    private static final String SPACED_NUMERIC = "(?:v|version|niji|s|stylize|chaos|c|seed|q|quality|iw|weird|w|stop|r|repeat|cw|sw|exp)";

    /**
     * Where the tail starts: the first Midjourney parameter, a {@code --name} after whitespace and followed by
     * whitespace or the end ("a woman -- smiling", "well--lit" and "X—Y" are prose). Midjourney also reads an
     * em dash for {@code --} (some keyboards substitute it), so {@code —ar} counts, for the common names only.
     * Or a line that starts an A1111 settings block, or a negative prompt written inline ("..., Fujifilm, Negative
     * prompt: plastic, cgi"), also under the labels people give it in prose ("Negative: plastic skin", "Avoid: smooth
     * skin", "Exclude: cgi", "Do not include: ..."), which takes the comma or semicolon before it along: the additions
     * go before that separator, and nothing after the label is ever read as the subject or rewritten (a removed "cgi"
     * there would ask the model for it, "plastic skin" rewritten there would ask it to avoid natural skin texture).
     * A space after the dashes ("-- ar 2:3", "-- v 6") is a parameter only with the value its common name takes (since
     * 2026-12-07; before it the additions went after "-- ar 2:3", into the aspect ratio); "a woman -- smiling" is prose.
     */
    private static final Pattern TAIL_START = Pattern.compile(
            "(?<!\\S)(?:--\\p{Alpha}[\\p{Alnum}]*|—(?:ar|aspect|v|version|style|no|stylize|s|chaos|c|seed|sref|cref|cw|sw|tile"
                    + "|niji|q|quality|iw|weird|w|p|raw|exp|oref|ow|stop|repeat|r))(?=\\s|$)"
                    + "|(?<!\\S)--[ \\t]+(?:(?:ar|aspect)[ \\t]+\\d+[ \\t]*:[ \\t]*\\d+|" + SPACED_NUMERIC + "[ \\t]+\\d+(?:\\.\\d+)?"
                    + "|style[ \\t]+(?:raw|expressive|cute|scenic|original))(?=\\s|$)"
                    + "|^[ \\t]*steps[ \\t]*:[ \\t]*\\d"
                    + "|(?<negative>(?<![\\p{L}\\p{N}])(?:(?:(?:things|what|stuff|elements|details)[ \\t]+to[ \\t]+|please[ \\t]+)?(?:avoid|exclude)"
                    + "|negative(?:[ \\t_]*prompts?)?|negatives|neg|excluding"
                    + "|unwanted|undesired|do[ \\t]+not[ \\t]+(?:include|want|show)|don['’]?t[ \\t]+(?:include|want|show))[ \\t]*:"
                    // the negative prompt named whole takes a dash or an equals sign for its colon: "negative prompt - x"
                    + "|(?<![\\p{L}\\p{N}])negative[ \\t_]*prompts?[ \\t]*(?:=|[-–—](?=[ \\t]))"
                    // or names the lines below it as their heading, without a colon: "## Negative prompt", "**Avoid**"
                    + "|^[ \\t]*(?:[#*_>•-]+[ \\t]*)?(?:negative[ \\t_]*prompts?|negatives?|(?:things[ \\t]+to[ \\t]+)?avoid|exclude)"
                    + "[ \\t]*[*_]*[ \\t]*$)",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    /**
     * A Midjourney parameter's name in the tail: "--niji" or "—niji" (a value such as "--no anime" is no name), or a common
     * name after a space ("-- niji 6", "-- no text").
     */
    private static final Pattern PARAMETER = Pattern.compile("(?<!\\S)(?:--|—)(?:[ \\t]+(?=(?:ar|aspect|style|no|" + SPACED_NUMERIC
            + ")[ \\t]))?(\\p{Alpha}\\p{Alnum}*)(?=\\s|$)", Pattern.CASE_INSENSITIVE);

    /** Midjourney's parameters whose value lists what the picture must not have. */
    private static final Set<String> EXCLUDING_PARAMETERS = Set.of("no");

    /** A negative prompt named whole ("Negative prompt:", "negative_prompt:"): Stable Diffusion's, which runs to the end. */
    private static final Pattern WHOLE_NEGATIVE_PROMPT = Pattern.compile("negative[ \\t_]*prompts?", Pattern.CASE_INSENSITIVE);
    /**
     * The stop that ends a sentence under a prose label ("Avoid: smooth skin. He should look tired."): a full stop, "!" or
     * "?" before whitespace (not the point of "1.2"), or a Chinese or Japanese stop.
     */
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?]+(?=\\s)|[。！？]+");

    static PromptParts split(String prompt) {
        Matcher m = TAIL_START.matcher(prompt);
        int from = 0;
        while (true) {
            if (!m.find(from)) {
                return new PromptParts(prompt, "");
            }
            int sentenceEnd = proseNegativeEnd(prompt, m);
            if (sentenceEnd < 0) {
                break;
            }
            from = sentenceEnd;
        }
        int start = backOverWhitespace(prompt, m.start());
        if (m.group("negative") != null) {
            start = backOverMarkup(prompt, start); // "**Negative prompt:**", "- Avoid:", "## Negative:"
            if (start > 0 && (prompt.charAt(start - 1) == ',' || prompt.charAt(start - 1) == ';')) {
                start = backOverWhitespace(prompt, start - 1);
            }
        }
        return new PromptParts(prompt.substring(0, start), prompt.substring(start));
    }

    /**
     * Where the sentence of a prose negative label ends ("Avoid: smooth skin." of "Avoid: smooth skin. He should look
     * tired."), when the prompt goes on with another sentence that is not itself a tail: that sentence is the description
     * again, and the label's sentence only is what the picture must not have ({@link #negativeSentences}). -1 when the
     * label's list runs to the end, or the match is no prose label (a parameter, a settings block, a negative prompt named
     * whole, a heading over the lines below it).
     */
    private static int proseNegativeEnd(String prompt, Matcher label) {
        if (label.group("negative") == null || prompt.charAt(label.end() - 1) != ':'
                || WHOLE_NEGATIVE_PROMPT.matcher(label.group()).find()) {
            return -1;
        }
        Matcher stop = SENTENCE_END.matcher(prompt).region(label.end(), prompt.length());
        if (!stop.find()) {
            return -1;
        }
        String rest = prompt.substring(stop.end()).strip();
        if (rest.isEmpty() || TAIL_START.matcher(rest).lookingAt()) {
            return -1;
        }
        return stop.end();
    }

    /**
     * The sentences of prose negative labels inside a body, from the label to the sentence's stop ("Avoid: smooth skin."
     * of "Portrait of a man. Avoid: smooth skin. He should look tired."): no rule reads them and nothing said in them
     * counts, as in a tail; the description goes on after them.
     */
    static List<PhraseSet.Span> negativeSentences(String body) {
        if (body.indexOf(':') < 0) { // every prose label ends with its colon; asked of every text the rules read
            return List.of();
        }
        List<PhraseSet.Span> spans = new ArrayList<>();
        Matcher m = TAIL_START.matcher(body);
        int from = 0;
        while (m.find(from)) {
            int end = proseNegativeEnd(body, m);
            if (end < 0) {
                break;
            }
            spans.add(new PhraseSet.Span(m.start(), end));
            from = end;
        }
        return spans;
    }

    /** Before the Markdown that opens a label (bold, a heading's hashes, a list bullet, a quote) and the space around it. */
    private static int backOverMarkup(String prompt, int index) {
        int i = index;
        while (i > 0 && "*_#>•- \t".indexOf(prompt.charAt(i - 1)) >= 0) {
            i--;
        }
        return backOverWhitespace(prompt, i);
    }

    private static int backOverWhitespace(String prompt, int index) {
        while (index > 0 && Character.isWhitespace(prompt.charAt(index - 1))) {
            index--;
        }
        return index;
    }

    /** The first parameter of the tail whose name (lower case, no dashes) is one of {@code names}, as written. */
    Optional<String> parameter(Set<String> names) {
        Matcher m = PARAMETER.matcher(tail);
        while (m.find()) {
            if (names.contains(m.group(1).toLowerCase(Locale.ROOT))) {
                return Optional.of(m.group());
            }
        }
        return Optional.empty();
    }

    /**
     * What the user says the picture must not have: the sentences of prose negative labels in the body ("Avoid: wrinkles."),
     * and the tail but for the Midjourney parameters other than {@code --no} ("freckles, wrinkles" of "--no freckles,
     * wrinkles --ar 9:16", all of "Negative prompt: wrinkles, pores"). Read only to leave out an addition it names.
     */
    String excluded() {
        StringBuilder out = new StringBuilder();
        for (PhraseSet.Span sentence : negativeSentences(body)) {
            out.append(body, sentence.start(), sentence.end()).append('\n');
        }
        Matcher m = PARAMETER.matcher(tail);
        int from = 0;
        boolean kept = true; // what comes before the first parameter: a negative prompt or a settings block
        while (m.find()) {
            if (kept) {
                out.append(tail, from, m.start()).append('\n');
            }
            kept = EXCLUDING_PARAMETERS.contains(m.group(1).toLowerCase(Locale.ROOT));
            from = m.end();
        }
        if (kept) {
            out.append(tail, from, tail.length());
        }
        return out.toString();
    }

    boolean hasTail() {
        return !tail.isEmpty();
    }
}
