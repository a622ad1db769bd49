package io.realskin.contracts;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The API key format: {@code rsk_live_} or {@code rsk_test_}, 32 random base62 characters, then a 6-character
 * base62 CRC32 checksum of everything before it, so secret scanners can check a match offline.
 */
public final class ApiKeys {
    public static final String LIVE_PREFIX = "rsk_live_";
    public static final String TEST_PREFIX = "rsk_test_";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int RANDOM_LENGTH = 32;
    private static final int CHECKSUM_LENGTH = 6;
    public static final Pattern FORMAT = Pattern.compile("rsk_(live|test)_[0-9A-Za-z]{" + (RANDOM_LENGTH + CHECKSUM_LENGTH) + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public static String generate(boolean live) {
        StringBuilder key = new StringBuilder(live ? LIVE_PREFIX : TEST_PREFIX);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            key.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return key.append(checksum(key)).toString();
    }

    /** Format and checksum only: says nothing about whether the key exists or is valid now. */
    public static boolean isWellFormed(String key) {
        if (key == null || !FORMAT.matcher(key).matches()) {
            return false;
        }
        int split = key.length() - CHECKSUM_LENGTH;
        return checksum(key.substring(0, split)).equals(key.substring(split));
    }

    private static String checksum(CharSequence body) {
        CRC32 crc = new CRC32();
        crc.update(body.toString().getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] out = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            out[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(out);
    }

    private ApiKeys() {
    }
}
