package io.realskin.generation.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** How an error answer without the provider's error JSON is told in a FAILED message. */
class ErrorBodyTest {
    private static final UnaryOperator<String> REDACT = text -> text.replace("sk-secret", "***");

    private static String told(String contentType, String body) {
        HttpHeaders headers = HttpHeaders.of(contentType == null ? Map.of() : Map.of("content-type", List.of(contentType)), (k, v) -> true);
        return ErrorBody.of(new ProviderAnswer(502, headers, body.getBytes(StandardCharsets.UTF_8), 0), REDACT);
    }

    @Test
    void anHtmlPageIsToldByItsTitleWhateverItsType() {
        assertEquals("an HTML page titled 'Bad gateway'", told("text/html", "<html><head><TITLE> Bad\n gateway </TITLE></head><body>x</body></html>"));
        assertEquals("an HTML page titled 'Bad gateway'", told("text/plain", "\n<!DOCTYPE html><title>Bad gateway</title><p>x</p>"));
        assertEquals("an HTML page", told("text/html; charset=utf-8", "<html><body><h1>502</h1></body></html>"), "no title: no markup either");
        assertEquals("an HTML page titled 'key *** refused'", told("text/html", "<html><title>key sk-secret refused</title></html>"));
    }

    @Test
    void anyOtherBodyIsToldAsItIsRedacted() {
        String xml = "<?xml version=\"1.0\"?><Error><Code>ServerBusy</Code></Error>";
        assertEquals(xml, told("application/xml", xml), "an XML error document is no HTML page");
        assertEquals("upstream connect error, key ***", told(null, "upstream connect error, key sk-secret"));
    }
}
