package io.realskin.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.LaunchMode;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretCipherTest {
    @Test
    void productionWithoutAKeyRefusesToStartAndSaysWhy() {
        for (Optional<String> missing : java.util.List.of(Optional.<String>empty(), Optional.of(""), Optional.of("  "))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> SecretCipher.keyBytes(missing, LaunchMode.NORMAL));
            assertTrue(e.getMessage().contains("REALSKIN_WEBHOOKS_ENCRYPTION_KEY is not set"), e.getMessage());
        }
    }

    @Test
    void testsAndDevModeFallBackToTheDevelopmentKey() {
        assertEquals(32, SecretCipher.keyBytes(Optional.empty(), LaunchMode.TEST).length);
        assertEquals(32, SecretCipher.keyBytes(Optional.empty(), LaunchMode.DEVELOPMENT).length);
    }

    @Test
    void aKeyMustBe32BytesOfBase64() {
        byte[] key = new byte[32];
        key[0] = 7;
        assertEquals(7, SecretCipher.keyBytes(Optional.of(Base64.getEncoder().encodeToString(key)), LaunchMode.NORMAL)[0]);
        assertThrows(IllegalStateException.class, () -> SecretCipher.keyBytes(Optional.of("c2hvcnQ="), LaunchMode.NORMAL));
        assertThrows(IllegalStateException.class, () -> SecretCipher.keyBytes(Optional.of("not base64!"), LaunchMode.NORMAL));
    }
}
