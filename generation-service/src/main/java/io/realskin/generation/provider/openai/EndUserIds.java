package io.realskin.generation.provider.openai;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code user} OpenAI's Images API takes ("A unique identifier representing your end-user, which can help OpenAI to
 * monitor and detect abuse", generations and edits alike) for a tenant: an HMAC-SHA256 of the tenant id, so OpenAI can
 * tell one tenant's requests from another's, and a moderation hit counts against that tenant rather than the whole
 * organization, without learning who it is. Keyed by {@code realskin.providers.openai.end-user-secret} when set, else by
 * the API key (stable until the key is rotated; OpenAI, which holds the key, could then test guessed tenant ids).
 */
final class EndUserIds {
    private final SecretKeySpec key;

    EndUserIds(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** "rs-" and 32 hex digits (128 bits of the HMAC): 35 characters; null for no tenant. */
    String of(String tenant) {
        if (tenant == null || tenant.isEmpty()) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(tenant.getBytes(StandardCharsets.UTF_8));
            return "rs-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
