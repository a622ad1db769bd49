package io.realskin.generation.provider;

import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an error answer without the provider's error JSON said, for a FAILED message and the log: its text, redacted and
 * shortened; an HTML page (a CDN's or proxy's 502 or 504, a maintenance page) by its title alone. Its markup says
 * nothing to a tenant, and a FAILED message is shown to one.
 */
public final class ErrorBody {
    private static final Pattern TITLE = Pattern.compile("<title[^>]*>([^<]*)</title>", Pattern.CASE_INSENSITIVE);
    /** An HTML page's title is in its head: no need to search megabytes. */
    private static final int HEAD = 64 * 1024;

    private ErrorBody() {
    }

    public static String of(ProviderAnswer answer, UnaryOperator<String> redact) {
        String text = answer.text();
        String type = answer.header("content-type");
        String start = text.stripLeading();
        start = start.substring(0, Math.min(start.length(), 16)).toLowerCase(Locale.ROOT);
        // by its type, or a page sent as text/plain; an XML error document (a blob store's) is no page: told as it is
        boolean html = type != null && type.toLowerCase(Locale.ROOT).contains("html")
                || start.startsWith("<!doctype html") || start.startsWith("<html");
        if (!html) {
            return redact.apply(text);
        }
        Matcher title = TITLE.matcher(text.length() > HEAD ? text.substring(0, HEAD) : text);
        String said = title.find() ? title.group(1).strip().replaceAll("\\s+", " ") : "";
        return "an HTML page" + (said.isEmpty() ? "" : " titled '" + redact.apply(said) + "'");
    }
}
