package io.realskin.generation.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small parts the adapters share: host allow-list, Retry-After, reference instruction, settings without the key. */
class ProviderPartsTest {

    @Test
    void onlyTheBaseHostAndConfiguredHostsAreAllowed() {
        AllowedHosts hosts = new AllowedHosts(URI.create("https://api.bfl.ai"), List.of("*.bfl.ai", "cdn.example.org"));
        assertTrue(hosts.allows(URI.create("https://api.bfl.ai/v1/get_result?id=1")));
        assertTrue(hosts.allows(URI.create("https://api.eu2.bfl.ai/v1/get_result?id=1")), "a regional host");
        assertTrue(hosts.allows(URI.create("https://delivery-eu1.bfl.ai/results/x.png?sig=1")));
        assertTrue(hosts.allows(URI.create("https://cdn.example.org/x.png")));
        assertFalse(hosts.allows(URI.create("http://delivery-eu1.bfl.ai/x.png")), "TLS only off the base host");
        assertFalse(hosts.allows(URI.create("https://bfl.ai.evil.example/x.png")));
        assertFalse(hosts.allows(URI.create("https://evilbfl.ai/x.png")));
        assertFalse(hosts.allows(URI.create("https://user@api.bfl.ai/x")), "no credentials in URLs");
        assertFalse(hosts.allows(URI.create("https://169.254.169.254/latest/meta-data")));
        assertFalse(hosts.allows(URI.create("https://api.eu.bfl.ai:99999/v1/get_result?id=1")), "a port no request can use");
        assertTrue(hosts.allows(URI.create("https://api.eu.bfl.ai:443/v1/get_result?id=1")));
        AllowedHosts local = new AllowedHosts(URI.create("http://127.0.0.1:8099"), List.of());
        assertTrue(local.allows(URI.create("http://127.0.0.1:8099/eu2/v1/get_result?id=1")));
        assertFalse(local.allows(URI.create("http://localhost:8099/x")));
    }

    @Test
    void retryAfterReadsMillisecondsSecondsAndDates() {
        assertEquals(Duration.ofMillis(1500), RetryAfter.of(headers(Map.of("retry-after-ms", "1500", "retry-after", "2"))));
        assertEquals(Duration.ofSeconds(2), RetryAfter.of(headers(Map.of("retry-after", "2"))));
        // a date ten minutes ahead, read against the clock a moment later: whole seconds lost, never minutes
        String inTenMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusMinutes(10));
        Duration date = RetryAfter.of(headers(Map.of("retry-after", inTenMinutes)));
        assertTrue(date.toMinutes() >= 8 && date.toSeconds() <= 600, date.toString());
        assertNull(RetryAfter.of(headers(Map.of("retry-after", "soon"))));
        assertEquals(Duration.ofMillis(37_500), RetryAfter.ofProtobufDuration("37.5s"));
    }

    @Test
    void retryAfterTakesTheObsoleteDateFormsAndALongWaitStaysAWait() {
        // RFC 9110 5.6.7: a recipient must accept RFC 850's and asctime's dates beside the IMF-fixdate
        ZonedDateTime ahead = ZonedDateTime.now(java.time.ZoneOffset.UTC).plusMinutes(10);
        String rfc850 = DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", java.util.Locale.US).format(ahead);
        String asctime = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", java.util.Locale.US).format(ahead);
        for (String date : List.of(rfc850, asctime)) {
            Duration wait = RetryAfter.of(headers(Map.of("retry-after", date)));
            assertTrue(wait != null && wait.toMinutes() >= 8 && wait.toSeconds() <= 600, date + " -> " + wait);
        }
        // a wait of more than a day was read as none, and the call retried after the backoff alone
        assertEquals(Duration.ofDays(1), RetryAfter.of(headers(Map.of("retry-after", "90000"))));
        assertEquals(Duration.ofDays(1), RetryAfter.of(headers(Map.of("retry-after-ms", "90000000"))));
        String inTwoDays = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusDays(2));
        assertEquals(Duration.ofDays(1), RetryAfter.of(headers(Map.of("retry-after", inTwoDays))));
        assertNull(RetryAfter.of(headers(Map.of("retry-after", "-5"))));
    }

    @Test
    void theReferenceInstructionSaysTextureNotIdentityAndHowClosely() {
        String one = ReferenceInstruction.append("A portrait", 1, 0.6);
        assertTrue(one.startsWith("A portrait\n\nThe attached photograph is a skin texture reference (weight 0.60)"), one);
        assertTrue(one.contains("closely") && one.contains("not the identity"), one);
        assertTrue(ReferenceInstruction.append("p", 3, 0.4).contains("The 3 attached photographs") );
        assertTrue(ReferenceInstruction.append("p", 2, 0.4).contains("lightly"));
        assertEquals("p", ReferenceInstruction.append("p", 0, 0));
        byte[] photo = {1};
        assertEquals(ReferenceInstruction.append("p", 2, 0.4), ReferenceInstruction.append("p", List.of(
                new ProviderCall.Reference(photo, "image/jpeg", 0.4), new ProviderCall.Reference(photo, "image/jpeg", 0.4))),
                "one weight for them all: said once");
        String mixed = ReferenceInstruction.append("p", List.of(new ProviderCall.Reference(photo, "image/jpeg", 0.5),
                new ProviderCall.Reference(photo, "image/jpeg", 0.45), new ProviderCall.Reference(photo, "image/jpeg", 0.6)));
        assertTrue(mixed.contains("photograph 1 (weight 0.50): match moderately, photograph 2 (weight 0.45): match moderately, "
                + "photograph 3 (weight 0.60): match closely"), mixed);
        assertTrue(mixed.contains("not the identity"), mixed);
        String near = ReferenceInstruction.append("p", List.of(new ProviderCall.Reference(photo, "image/jpeg", 0.449),
                new ProviderCall.Reference(photo, "image/jpeg", 0.45)));
        assertTrue(near.contains("match lightly") && near.contains("match moderately"), "each its own word: " + near);
    }

    @Test
    void settingsNeverPrintTheKey() {
        ProviderSettings settings = ProviderSettings.defaults("openai", "sk-secret-123456", "https://api.openai.com/v1/");
        assertFalse(settings.toString().contains("sk-secret-123456"), settings.toString());
        assertEquals("https://api.openai.com/v1", settings.base());
        assertEquals("openai: x *** y", new ProviderHttp(settings).redact("openai: x sk-secret-123456 y"));
    }

    private static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(values.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                e -> List.of(e.getValue()))), (a, b) -> true);
    }
}
