package io.realskin.gateway.webhooks;

import io.quarkus.runtime.LaunchMode;
import io.realskin.gateway.config.TestGatewayConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretCipherTest {
    private static final int IV_BYTES = 12;
    private static final int TAG_BYTES = 16;
    private static final String SECRET = "whsec_MfKQ9r8xYz";

    private static SecretCipher cipher(byte[] key) {
        return new SecretCipher(TestGatewayConfig.with(Map.of("realskin.webhooks.encryption-key",
                Base64.getEncoder().encodeToString(key))), LaunchMode.NORMAL);
    }

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i);
        }
        return key;
    }

    private final SecretCipher cipher = cipher(key(1));

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
        assertThrows(IllegalStateException.class,
                () -> SecretCipher.keyBytes(Optional.of(Base64.getEncoder().encodeToString(new byte[33])), LaunchMode.NORMAL));
        assertThrows(IllegalStateException.class,
                () -> SecretCipher.keyBytes(Optional.of(Base64.getEncoder().encodeToString(new byte[16])), LaunchMode.NORMAL),
                "AES-128 is not the AES-256 the docs promise");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", SECRET, "ключ 秘密 🔑 é", "a\u0000b\nc"})
    void whatIsEncryptedDecryptsToTheSameText(String plain) {
        String stored = cipher.encrypt(plain);
        assertEquals(plain, cipher.decrypt(stored));
        assertEquals(IV_BYTES + plain.getBytes(StandardCharsets.UTF_8).length + TAG_BYTES, Base64.getDecoder().decode(stored).length,
                "IV, ciphertext and a 128-bit tag");
    }

    @Test
    void aLongSecretRoundTrips() {
        String plain = "x".repeat(100_000);
        assertEquals(plain, cipher.decrypt(cipher.encrypt(plain)));
    }

    @Test
    void theStoredFormHoldsNothingOfTheSecret() {
        byte[] stored = Base64.getDecoder().decode(cipher.encrypt(SECRET));
        String asText = new String(stored, StandardCharsets.ISO_8859_1);
        assertFalse(asText.contains("whsec_"), "the plaintext is not in the stored bytes");
        assertFalse(cipher.encrypt(SECRET).contains("whsec_"));
    }

    @Test
    void everyEncryptionHasItsOwnNonce() {
        int n = 2_000;
        Set<ByteBuffer> ivs = new HashSet<>();
        Set<String> stored = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String s = cipher.encrypt(SECRET);
            stored.add(s);
            ivs.add(ByteBuffer.wrap(Arrays.copyOf(Base64.getDecoder().decode(s), IV_BYTES)));
        }
        assertEquals(n, ivs.size(), "a repeated GCM nonce under one key leaks the XOR of two secrets");
        assertEquals(n, stored.size(), "the same secret never encrypts to the same value twice");
    }

    static IntStream everyByteOfAStoredSecret() {
        return IntStream.range(0, IV_BYTES + SECRET.length() + TAG_BYTES);
    }

    @ParameterizedTest
    @MethodSource("everyByteOfAStoredSecret")
    void aChangeToAnyByteIsDetected(int index) {
        byte[] stored = Base64.getDecoder().decode(cipher.encrypt(SECRET));
        stored[index] ^= 0x01;
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> cipher.decrypt(Base64.getEncoder().encodeToString(stored)));
        assertTrue(e.getMessage().startsWith("cannot decrypt a webhook secret"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, IV_BYTES - 1, IV_BYTES, IV_BYTES + TAG_BYTES - 1})
    void aStoredValueCutShortIsRefusedLikeATamperedOne(int length) {
        byte[] stored = Base64.getDecoder().decode(cipher.encrypt(SECRET));
        String cut = Base64.getEncoder().encodeToString(Arrays.copyOf(stored, length));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cipher.decrypt(cut));
        assertTrue(e.getMessage().startsWith("cannot decrypt a webhook secret"), e.getMessage());
    }

    @Test
    void aStoredValueThatIsNoBase64IsRefusedLikeATamperedOne() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cipher.decrypt("not base64!"));
        assertTrue(e.getMessage().startsWith("cannot decrypt a webhook secret"), e.getMessage());
    }

    @Test
    void anotherKeyCannotDecryptAndTheSameKeyCanAfterARestart() {
        String stored = cipher.encrypt(SECRET);
        assertEquals(SECRET, cipher(key(1)).decrypt(stored), "a new instance with the same key (a restart, another replica)");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cipher(key(2)).decrypt(stored));
        assertTrue(e.getMessage().contains("was the encryption key changed?"), e.getMessage());
    }

    @Test
    void theDevelopmentKeyIsNotAProductionKey() {
        SecretCipher development = new SecretCipher(TestGatewayConfig.with(Map.of()), LaunchMode.TEST);
        String stored = development.encrypt(SECRET);
        assertEquals(SECRET, new SecretCipher(TestGatewayConfig.with(Map.of()), LaunchMode.DEVELOPMENT).decrypt(stored));
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(stored));
    }
}
