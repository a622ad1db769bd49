package io.realskin.prompt.service;

import io.realskin.contracts.PromptCharacters;
import java.text.Normalizer;
import java.util.Arrays;

/**
 * A prompt as the rules read it: a space other than the ASCII one (a no-break space from a copied web page, the
 * narrow one French typography puts before a colon, the ideographic space of a Japanese keyboard) is a space, an
 * invisible character inside or between words (zero-width space, word joiner, byte order mark, soft hyphen) is
 * nothing, and a letter typed as a base letter and a combining accent (macOS, some phones) is the one composed letter
 * (NFC), and a Latin letter or digit typed in full width is the ASCII one. None of these changes what the prompt says, and each hid a phrase from the rules ("smooth skin" with a
 * no-break space, "flawless" with a zero-width space inside). Zero-width joiners and non-joiners stay (emoji sequences,
 * Persian and Indic spelling), and so do direction marks (right-to-left text). The indices map back to the prompt as
 * sent: {@code starts[i]} is where the character at {@code i} came from, {@code ends[i]} where the character before
 * {@code i} ended, so lint findings still index the prompt the user sent. Spaces and invisible characters are
 * contracts' {@link PromptCharacters}, the reading by which a prompt that shows nothing is empty everywhere.
 */
record TypedText(String text, int[] starts, int[] ends) {

    /** From a full-width Latin letter or digit ("ｓ", U+FF53) to its ASCII one ("s"). */
    private static final int FULL_WIDTH_OFFSET = 0xFEE0;

    static TypedText of(String prompt) {
        StringBuilder text = new StringBuilder(prompt.length());
        int[] starts = new int[prompt.length() + 1];
        int[] ends = new int[prompt.length() + 1];
        int i = 0;
        while (i < prompt.length()) {
            int cp = prompt.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (PromptCharacters.isInvisible(cp)) {
                i = next;
                continue;
            }
            if (PromptCharacters.isSpace(cp)) {
                starts[text.length()] = i;
                text.append(' ');
                ends[text.length()] = next;
                i = next;
                continue;
            }
            if (isFullWidthLetterOrDigit(cp)) {
                starts[text.length()] = i;
                text.append((char) (cp - FULL_WIDTH_OFFSET));
                ends[text.length()] = next;
                i = next;
                continue;
            }
            while (next < prompt.length() && isCombining(prompt.codePointAt(next))) {
                next += Character.charCount(prompt.codePointAt(next));
            }
            String cluster = prompt.substring(i, next);
            String composed = next - i > Character.charCount(cp) ? Normalizer.normalize(cluster, Normalizer.Form.NFC) : cluster;
            for (int k = 0; k < composed.length(); k++) {
                starts[text.length()] = i;
                text.append(composed.charAt(k));
                ends[text.length()] = next;
            }
            i = next;
        }
        starts[text.length()] = prompt.length();
        return new TypedText(text.toString(), Arrays.copyOf(starts, text.length() + 1), Arrays.copyOf(ends, text.length() + 1));
    }

    /** The span of the prompt as sent that {@code [start, end)} of {@link #text} was read from. */
    int sentStart(int start) {
        return starts[start];
    }

    int sentEnd(int end) {
        return ends[end];
    }

    /**
     * A Latin letter or digit typed in full width (a Chinese, Japanese or Korean keyboard's wide mode: "ｓｍｏｏｔｈ ｓｋｉｎ",
     * "８ｋ"). Only letters and digits: the full-width comma, stops and brackets are those scripts' own punctuation.
     */
    private static boolean isFullWidthLetterOrDigit(int cp) {
        return (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A);
    }

    private static boolean isCombining(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK;
    }
}
