package io.realskin.gateway.backends;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * A backend's {@code Retry-After}, as the gateway passes it on with the backend's 429 or 503 (docs/api.md, "Backends"):
 * delta-seconds only (what RealSkin's services send), held to {@link #MIN}..{@link #MAX} seconds so that no backend can
 * make a caller spin or stall. An HTTP date, a negative number, anything else or nothing is empty: the gateway's own
 * value applies (5 s for a 503, none for a 429).
 */
final class BackendRetryAfter {
    static final long MIN = 1;
    static final long MAX = 60;
    private static final Pattern DELTA_SECONDS = Pattern.compile("\\d+");

    static OptionalLong read(String header) {
        if (header == null || !DELTA_SECONDS.matcher(header.trim()).matches()) {
            return OptionalLong.empty();
        }
        String digits = header.trim();
        long seconds = digits.length() > 9 ? MAX : Long.parseLong(digits);
        return OptionalLong.of(Math.max(MIN, Math.min(MAX, seconds)));
    }

    private BackendRetryAfter() {
    }
}
