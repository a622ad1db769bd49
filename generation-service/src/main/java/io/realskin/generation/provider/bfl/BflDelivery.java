package io.realskin.generation.provider.bfl;

import io.realskin.generation.provider.AllowedHosts;
import io.realskin.generation.provider.ProviderSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The hosts a BFL {@code result.sample} may be fetched from: the configured ones ({@code *.bfl.ai} by default: the
 * {@code delivery-eu1.bfl.ai}, {@code delivery-us1.bfl.ai} of BFL's integration guidelines) and the blob host BFL's
 * own endpoint reference shows in its Ready answer (black-forest-labs/skills, {@code skills/bfl-api/references/endpoints.md}).
 * Samples are fetched over TLS without the key, so this list may be wider than the polling hosts, which get the key.
 */
final class BflDelivery {
    static final List<String> DOCUMENTED = List.of("*.bfl.ai", "bfldeliveryprod.blob.core.windows.net");

    private BflDelivery() {
    }

    static AllowedHosts hosts(ProviderSettings settings) {
        List<String> all = new ArrayList<>(settings.allowedHosts());
        all.addAll(DOCUMENTED);
        return new AllowedHosts(settings.baseUrl(), all);
    }
}
