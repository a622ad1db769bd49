package io.realskin.generation.provider;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

/**
 * How long a provider asked us to wait: OpenAI's {@code retry-after-ms} first (milliseconds, as OpenAI's own SDKs
 * read it), then the standard {@code Retry-After} in seconds or as an HTTP date (RFC 9110 10.2.3), in any of the three
 * forms a recipient must accept (5.6.7). A wait of a day or more is a day: still a wait, which the guard finds past
 * the job's deadline (the call ends), never "no wait" (retried after the backoff alone, as it was).
 */
public final class RetryAfter {
    /** Longer waits are this: past every job's deadline. */
    static final Duration LONGEST = Duration.ofDays(1);
    /** RFC 850's date ("Sunday, 06-Nov-94 08:49:37 GMT"), a two-digit year read as at most 50 years back (5.6.7). */
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("EEEE, dd-MMM-").appendValueReduced(ChronoField.YEAR, 2, 2, LocalDate.now().minusYears(50))
            .appendPattern(" HH:mm:ss 'GMT'").toFormatter(Locale.US);
    /** C's asctime() date ("Sun Nov  6 08:49:37 1994"), in UTC. */
    private static final DateTimeFormatter ASCTIME = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("EEE MMM ppd HH:mm:ss yyyy").toFormatter(Locale.US);

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
            return millis >= 0 ? atMostADay(millis / 1000) : null;
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
            return seconds >= 0 ? atMostADay(seconds) : null;
        } catch (NumberFormatException e) {
            ZonedDateTime at = date(value.trim());
            if (at == null) {
                return null;
            }
            Duration until = Duration.between(ZonedDateTime.now(), at);
            return until.isNegative() ? Duration.ZERO : until.compareTo(LONGEST) > 0 ? LONGEST : until;
        }
    }

    /** Seconds (not negative) as a wait, a day at most. */
    private static Duration atMostADay(double seconds) {
        return seconds >= LONGEST.toSeconds() ? LONGEST : Duration.ofNanos((long) (seconds * 1e9));
    }

    /** An HTTP date in the preferred IMF-fixdate form or one of the two obsolete ones, or null. */
    private static ZonedDateTime date(String value) {
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        } catch (DateTimeParseException notImf) {
            for (DateTimeFormatter obsolete : List.of(RFC_850, ASCTIME)) {
                try {
                    return LocalDateTime.parse(value, obsolete).atZone(ZoneOffset.UTC);
                } catch (DateTimeParseException notThisOne) {
                    // the next form
                }
            }
            return null;
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
