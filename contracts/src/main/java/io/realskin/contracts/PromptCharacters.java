package io.realskin.contracts;

/**
 * What a prompt's characters show, one reading for every service that checks a prompt (prompt-service's rules and its
 * validation, the gateway's job plans). A space other than the ASCII one (a no-break space from a copied web page, the
 * narrow one of French typography, the ideographic space) reads as a space; an {@link #isInvisible invisible} character
 * inside or between words as nothing. A prompt of only these, line breaks and other format characters (joiners,
 * direction marks, which show nothing on their own) is {@link #showsNothing empty}, as one of only ASCII spaces is.
 */
public final class PromptCharacters {
    private PromptCharacters() {
    }

    /** Zero-width space, word joiner, byte order mark, soft hyphen, Mongolian vowel separator: read as nothing. */
    public static boolean isInvisible(int codePoint) {
        return codePoint == 0x200B || codePoint == 0x2060 || codePoint == 0xFEFF || codePoint == 0x00AD || codePoint == 0x180E;
    }

    /** A space of any width (Unicode's space separators, the no-break ones among them): read as the ASCII space. */
    public static boolean isSpace(int codePoint) {
        return Character.getType(codePoint) == Character.SPACE_SEPARATOR;
    }

    /** Whether the prompt is missing or shows nothing: only spaces, line breaks, invisible and other format characters. */
    public static boolean showsNothing(String prompt) {
        return prompt == null || prompt.codePoints().allMatch(c -> Character.isWhitespace(c) || isSpace(c) || isInvisible(c)
                || Character.getType(c) == Character.FORMAT);
    }
}
