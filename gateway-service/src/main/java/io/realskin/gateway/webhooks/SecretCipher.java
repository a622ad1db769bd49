package io.realskin.gateway.webhooks;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.realskin.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Webhook signing secrets must be usable to sign, so they cannot be hashed like API keys: they are stored encrypted
 * with AES-256-GCM under REALSKIN_WEBHOOKS_ENCRYPTION_KEY (kept out of the database), a fresh 96-bit IV each. Created
 * at start, so that a production gateway without the key stops at once instead of at its first webhook.
 */
@Startup
@ApplicationScoped
public class SecretCipher {
    private static final Logger LOG = Logger.getLogger(SecretCipher.class);
    private static final int IV_BYTES = 12;
    private static final int TAG_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public SecretCipher(GatewayConfig config, LaunchMode mode) {
        this.key = new SecretKeySpec(keyBytes(config.webhooks().encryptionKey(), mode), "AES");
    }

    /** The configured key; in production none is an error (the gateway does not start), elsewhere the development key. */
    static byte[] keyBytes(Optional<String> configured, LaunchMode mode) {
        Optional<String> key = configured.map(String::trim).filter(k -> !k.isEmpty());
        if (key.isEmpty() && mode == LaunchMode.NORMAL) {
            throw new IllegalStateException("REALSKIN_WEBHOOKS_ENCRYPTION_KEY is not set: it encrypts the webhook signing secrets "
                    + "at rest and production mode has no default; set it to base64 of 32 random bytes (openssl rand -base64 32)");
        }
        byte[] raw;
        try {
            raw = key.map(k -> Base64.getDecoder().decode(k)).orElseGet(SecretCipher::developmentKey);
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        if (raw.length != 32) {
            throw new IllegalStateException("REALSKIN_WEBHOOKS_ENCRYPTION_KEY must be base64 of 32 bytes");
        }
        return raw;
    }

    private static byte[] developmentKey() {
        LOG.warn("REALSKIN_WEBHOOKS_ENCRYPTION_KEY is not set: webhook secrets are encrypted with the development key");
        try {
            return MessageDigest.getInstance("SHA-256").digest("realskin-development-only".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String encrypt(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(8 * TAG_BYTES, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a webhook secret", e);
        }
    }

    public String decrypt(String stored) {
        byte[] all;
        try {
            all = Base64.getDecoder().decode(stored);
        } catch (IllegalArgumentException e) {
            all = new byte[0];
        }
        // shorter than IV + tag is no value encrypt() wrote; the JCE would fail it with an unchecked
        // IllegalArgumentException or ProviderException instead of this method's one failure
        if (all.length < IV_BYTES + TAG_BYTES) {
            throw new IllegalStateException("cannot decrypt a webhook secret: the stored value is not one this gateway wrote");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(8 * TAG_BYTES, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt a webhook secret (was the encryption key changed?)", e);
        }
    }
}
