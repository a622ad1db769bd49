package io.realskin.contracts;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one grammar of every id the services exchange (tenants, jobs, images, keys, deliveries), and of the names
 * that travel with them (models, operations, plans). Checked wherever one arrives from outside, before it reaches
 * SQL: an id is 1 to 100 letters, digits, {@code _} and {@code -}, starting with a letter or digit ({@code job_4fT…},
 * {@code job_4fT…-tp}, {@code admin}); a name may also hold {@code .} and {@code /} ({@code gemini-2.5-flash-image}).
 */
public final class Identifiers {
    public static final int MAX_LENGTH = 100;
    public static final String ID_REGEX = "[A-Za-z0-9][A-Za-z0-9_-]{0,99}";
    /** What a client is told when a field is not an id (as a bean-validation message and in problem details). */
    public static final String ID_MESSAGE = "must be an id: 1 to " + MAX_LENGTH + " letters, digits, _ or -";
    public static final String NAME_REGEX = "[A-Za-z0-9][A-Za-z0-9._/-]{0,99}";
    /** Text without control characters, but for tab, line feed and carriage return (PostgreSQL cannot store NUL). */
    public static final String TEXT_REGEX = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*";
    /**
     * A name people read in a list (an API key's, a texture profile's, a tenant's): one line without control characters
     * and without the invisible characters that reorder what is shown after them or make one name look like another:
     * bidi overrides and isolates (U+202A-U+202E, U+2066-U+2069, the "Trojan Source" characters), zero-width space
     * (U+200B), word joiner (U+2060) and byte order mark (U+FEFF). Zero-width joiners stay: emoji sequences and Persian
     * and Indic words need them.
     */
    public static final String LABEL_REGEX = "[^\\x00-\\x1F\\x7F\\u200B\\u202A-\\u202E\\u2060\\u2066-\\u2069\\uFEFF]*";
    public static final String LABEL_MESSAGE = "must be one line without control characters, direction overrides or zero-width spaces";

    private static final Pattern ID = Pattern.compile(ID_REGEX);
    private static final Pattern NAME = Pattern.compile(NAME_REGEX);

    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    public static boolean isName(String value) {
        return value != null && NAME.matcher(value).matches();
    }

    /** True when the text holds a character no field may hold: C0 controls other than tab, LF and CR, and DEL. */
    public static boolean hasControlCharacters(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the text holds a UTF-16 surrogate that is not half of a pair: what JSON's {@code "\\ud800"} escape
     * reads as alone. It is no Unicode character, so it has no UTF-8 form: PostgreSQL and every UTF-8 writer store it
     * as {@code ?}, a different text from the one that was checked (RFC 8259 8.2).
     */
    public static boolean hasUnpairedSurrogates(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a pair: one character beyond the BMP, an emoji say
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** True when a request's (decoded) path or any query parameter name or value holds a control character. */
    public static boolean hasControlCharacters(String path, Map<String, List<String>> queryParameters) {
        if (hasControlCharacters(path)) {
            return true;
        }
        for (Map.Entry<String, List<String>> parameter : queryParameters.entrySet()) {
            if (hasControlCharacters(parameter.getKey()) || parameter.getValue().stream().anyMatch(Identifiers::hasControlCharacters)) {
                return true;
            }
        }
        return false;
    }

    private Identifiers() {
    }
}
