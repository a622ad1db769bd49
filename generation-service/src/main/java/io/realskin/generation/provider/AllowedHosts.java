package io.realskin.generation.provider;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The hosts a provider may send us to (a polling URL, a result URL): its base URL's host, and the configured names
 * ({@code host} exactly, {@code *.domain} for any subdomain). Anything else, or another scheme, is refused before
 * a request leaves: a provider's answer must not make this service fetch arbitrary URLs.
 */
public final class AllowedHosts {
    private final String baseScheme;
    private final String baseHost;
    private final List<String> configured;

    public AllowedHosts(URI base, List<String> configured) {
        this.baseScheme = base.getScheme().toLowerCase(Locale.ROOT);
        this.baseHost = base.getHost().toLowerCase(Locale.ROOT);
        this.configured = configured.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
    }

    public boolean allows(URI uri) {
        if (uri == null || uri.getHost() == null || uri.getScheme() == null || uri.getRawUserInfo() != null) {
            return false;
        }
        if (uri.getPort() > 65_535) {
            return false; // no request can leave for it: the JDK fails each try as a network error, retried until the deadline
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.equals(baseHost)) {
            return scheme.equals(baseScheme) || scheme.equals("https");
        }
        if (!scheme.equals("https")) {
            return false; // configured delivery hosts are real hosts: TLS only
        }
        for (String allowed : configured) {
            if (allowed.startsWith("*.") ? host.endsWith(allowed.substring(1)) : host.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    /** @throws ProviderFailure rejected, naming the host, when the URI is not allowed */
    public URI require(String url, String what) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProviderFailure.rejected(what + " is not a URL");
        }
        if (!allows(uri)) {
            throw ProviderFailure.rejected(what + " names host " + uri.getHost() + ", which is not an allowed host of this provider");
        }
        return uri;
    }
}
