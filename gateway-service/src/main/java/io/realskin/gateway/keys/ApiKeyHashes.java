package io.realskin.gateway.keys;

import io.realskin.contracts.blob.BlobKeys;

/** What is stored of a key: its SHA-256, and a hint that shows the user which key it is without revealing it. */
public final class ApiKeyHashes {
    public static String hash(String key) {
        return BlobKeys.sha256Hex(key);
    }

    /** e.g. {@code rsk_live_…x4Qz9a}: the prefix and the last six characters (the checksum, not secret). */
    public static String hint(String key) {
        return key.substring(0, key.indexOf('_', 4) + 1) + "…" + key.substring(key.length() - 6);
    }

    private ApiKeyHashes() {
    }
}
