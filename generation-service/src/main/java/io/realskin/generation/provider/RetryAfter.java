package io.realskin.generation.provider;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How long a provider asked us to wait: OpenAI's {@code retry-after-ms} first (milliseconds, as OpenAI's own SDKs
 * read it), then the standard {@code Retry-After} in seconds or as an HTTP date (RFC 9110 10.2.3).
 */
public final class RetryAfter {
    private RetryAfter() {
    }

    /** The wait, or null when the answer names none (or nonsense). */
    public static Duration of(HttpHeaders headers) {
        Duration ms = parseMillis(headers.firstValue("retry-after-ms").orElse(null));
        return ms != null ? ms : parse(headers.firstValue("retry-after").orElse(null));
    }

    static Duration parseMillis(String value) {
        try {
            double millis = value == null ? -1 : Double.parseDouble(value.trim());
            return millis >= 0 && millis < 86_400_000 ? Duration.ofNanos((long) (millis * 1_000_000)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Seconds (a number, as {@code Retry-After} or a body's {@code retry_after} give them) or an HTTP date; null otherwise. */
    public static Duration parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(value.trim());
            return seconds >= 0 && seconds < 86_400 ? Duration.ofNanos((long) (seconds * 1e9)) : null;
        } catch (NumberFormatException e) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** Google's {@code google.rpc.RetryInfo.retryDelay} ("37s", "1.5s"), or null. */
    public static Duration ofProtobufDuration(String value) {
        if (value == null || !value.endsWith("s")) {
            return null;
        }
        return parse(value.substring(0, value.length() - 1));
    }
}
