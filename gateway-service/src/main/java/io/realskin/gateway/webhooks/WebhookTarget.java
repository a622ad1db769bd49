package io.realskin.gateway.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;

/**
 * A webhook URL that passed the webhook URL policy, with the address it was checked at: the delivery connects there
 * (the URL's host still names the receiver in the Host header, TLS SNI and certificate check), so a DNS answer that
 * changes after the check cannot redirect it inside. {@code pinned} is null for an allowed host.
 */
public record WebhookTarget(URI uri, InetAddress pinned) {
    /** The port a call to the URL connects to: its own, else its scheme's (443, 80); -1 for another scheme without one. */
    static int portOf(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "https" -> 443;
            case "http" -> 80;
            default -> -1;
        };
    }
}
