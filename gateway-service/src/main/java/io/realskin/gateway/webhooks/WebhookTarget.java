package io.realskin.gateway.webhooks;

import java.net.InetAddress;
import java.net.URI;

/**
 * A webhook URL that passed the webhook URL policy, with the address it was checked at: the delivery connects there
 * (the URL's host still names the receiver in the Host header, TLS SNI and certificate check), so a DNS answer that
 * changes after the check cannot redirect it inside. {@code pinned} is null for an allowed host.
 */
public record WebhookTarget(URI uri, InetAddress pinned) {
}
