package io.realskin.gateway.rest;

import java.util.List;

/**
 * The {@code If-None-Match} precondition of a GET (RFC 9110 §13.1.2): {@code "*"} or a list of entity tags, compared
 * weakly (a {@code W/} tag matches the strong tag with the same opaque part). A field that is not valid by the grammar
 * is ignored as a whole, as if it had not been sent: its request is answered in full, never refused.
 */
public final class IfNoneMatch {
    private IfNoneMatch() {
    }

    /**
     * Whether {@code fieldLines} (every {@code If-None-Match} line of the request, in order; none when it sent none)
     * match {@code etag}, a strong tag with its quotes, of a representation that exists: then a GET is answered 304.
     */
    public static boolean matches(List<String> fieldLines, String etag) {
        if (fieldLines == null || fieldLines.isEmpty()) {
            return false;
        }
        String value = String.join(",", fieldLines).trim();
        if (value.equals("*")) {
            return true;
        }
        boolean matched = false;
        int i = 0;
        int n = value.length();
        while (i < n) {
            char c = value.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') { // empty list elements are allowed (RFC 9110 §5.6.1)
                i++;
                continue;
            }
            int start = value.startsWith("W/", i) ? i + 2 : i;
            if (start >= n || value.charAt(start) != '"') {
                return false;
            }
            int end = start + 1;
            while (end < n && value.charAt(end) != '"') {
                if (!isEtagChar(value.charAt(end))) {
                    return false;
                }
                end++;
            }
            if (end >= n) {
                return false; // no closing quote
            }
            matched |= value.regionMatches(start, etag, 0, etag.length()) && end + 1 - start == etag.length();
            i = end + 1;
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && value.charAt(i) != ',') {
                return false; // two tags without a comma between them
            }
        }
        return matched;
    }

    /** etagc: %x21 / %x23-7E / obs-text. */
    private static boolean isEtagChar(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
    }
}
