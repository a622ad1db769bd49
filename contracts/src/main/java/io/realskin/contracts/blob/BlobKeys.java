package io.realskin.contracts.blob;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Builds and checks blob keys. */
public final class BlobKeys {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*");

    /** True for a relative key without {@code ..}, empty segments or characters outside [A-Za-z0-9._-/]. */
    public static boolean isSafe(String key) {
        return key != null && key.length() <= 512 && SAFE.matcher(key).matches() && !key.contains("..");
    }

    /**
     * True for a safe key of the tenant's own: its second segment is the tenant, as every key the services write is
     * ({@code images/<tenant>/...}, {@code results/<tenant>/...}, {@code generated/<tenant>/...}, {@code profiles/<tenant>/...}).
     */
    public static boolean ownedBy(String tenantId, String key) {
        if (!isSafe(key) || tenantId == null) {
            return false;
        }
        String[] segments = key.split("/");
        return segments.length >= 3 && segments[1].equals(tenantId);
    }

    public static String require(String key) {
        if (!isSafe(key)) {
            throw new IllegalArgumentException("unsafe blob key: " + key);
        }
        return key;
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    private BlobKeys() {
    }
}
