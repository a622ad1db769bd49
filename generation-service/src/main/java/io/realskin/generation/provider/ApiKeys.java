package io.realskin.generation.provider;

/** A provider's API key as it may travel in a request header. */
final class ApiKeys {
    private ApiKeys() {
    }

    /**
     * The key without surrounding spaces, or null when blank.
     *
     * @throws IllegalArgumentException naming the provider, never the key, when a character of it is not visible ASCII
     *                                  (a line break, a control or non-ASCII character): no header carries it as is
     */
    static String clean(String provider, String key) {
        if (key == null) {
            return null;
        }
        for (int i = 0; i < key.length(); i++) { // before the strip: a secret file's trailing line break is refused too
            char c = key.charAt(i);
            if (c != ' ' && (c < 0x21 || c > 0x7E)) {
                throw new IllegalArgumentException("the " + provider + " API key holds a line break or another character an HTTP"
                        + " header cannot carry (at position " + (i + 1) + " of " + key.length() + "): give the key alone, as the"
                        + " provider's dashboard shows it, without a trailing line break");
            }
        }
        String stripped = key.strip();
        return stripped.isEmpty() ? null : stripped;
    }
}
