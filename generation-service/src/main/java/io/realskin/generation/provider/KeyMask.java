package io.realskin.generation.provider;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks anything key-shaped in a provider's text: our key or a run of 10 of its characters, a token shaped like an
 * OpenAI ({@code sk-}), Google ({@code AIza}) or BFL ({@code bfl_}) key whoever's it is, and a key the provider masked
 * itself (OpenAI's 401 keeps the first 8 and last 4 characters around asterisks). Each becomes {@code ***}.
 */
final class KeyMask {
    /** A token as keys are spelled, with the asterisks or ellipsis a provider puts in a masked one. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_\\-*…]+");
    private static final Pattern KEY_PREFIX = Pattern.compile("(?:sk-|AIza|bfl_)[A-Za-z0-9_\\-*…]{8,}");
    private static final Pattern MASKED = Pattern.compile("[A-Za-z0-9].*\\*{3}|\\*{3}.*[A-Za-z0-9]|[A-Za-z0-9]…[A-Za-z0-9]");
    private static final int FRAGMENT = 10;

    private KeyMask() {
    }

    static String mask(String text, String key) {
        Matcher token = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (token.find()) {
            String t = token.group();
            token.appendReplacement(out, Matcher.quoteReplacement(keyShaped(t, key) ? "***" : t));
        }
        token.appendTail(out);
        return out.toString();
    }

    private static boolean keyShaped(String token, String key) {
        if (KEY_PREFIX.matcher(token).matches() || MASKED.matcher(token).find()) {
            return true;
        }
        if (key == null || key.length() < FRAGMENT) {
            return key != null && !key.isEmpty() && token.contains(key);
        }
        for (int i = 0; i + FRAGMENT <= token.length(); i++) {
            if (key.contains(token.substring(i, i + FRAGMENT))) {
                return true;
            }
        }
        return false;
    }
}
