package io.realskin.contracts.blob;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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

    /**
     * What the services keep per tenant, each under {@code <kind>/<tenant>/} (the kind in lower case): the gateway's
     * uploads and profiles, texture-service's results and completion records, generation-service's images. A new kind
     * of tenant blob is a constant here, so that {@link #tenantPrefixes} (an erasure) finds it.
     */
    public enum Kind {
        IMAGES, RESULTS, GENERATED, PROFILES;

        /** {@code <kind>/<tenant>/<name>}. */
        public String key(String tenantId, String name) {
            return prefix(tenantId) + name;
        }

        /**
         * {@code <kind>/<tenant>/}; a tenant id that is not one safe segment (never one the gateway makes, but a worker
         * keys what a request names) stands as the first 32 hex digits of its SHA-256.
         */
        public String prefix(String tenantId) {
            String tenant = isSafe(tenantId) && !tenantId.contains("/") ? tenantId : sha256Hex(tenantId).substring(0, 32);
            return name().toLowerCase(Locale.ROOT) + "/" + tenant + "/";
        }
    }

    /** The gateway's thumbnails: {@code thumbnails/<source blob key>/<width>}. */
    public static final String THUMBNAILS = "thumbnails/";

    /**
     * Every prefix under which the services keep a tenant's blobs: each {@link Kind}'s, and their thumbnails.
     * generation-service's journals are keyed by a hash of the tenant and the job ({@code generation/<hash>/}), under
     * no tenant's prefix.
     */
    public static List<String> tenantPrefixes(String tenantId) {
        if (!isSafe(tenantId) || tenantId.contains("/")) {
            throw new IllegalArgumentException("not a tenant id: " + tenantId);
        }
        return Stream.of(Kind.values()).map(kind -> kind.prefix(tenantId))
                .flatMap(prefix -> Stream.of(prefix, THUMBNAILS + prefix))
                .toList();
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
