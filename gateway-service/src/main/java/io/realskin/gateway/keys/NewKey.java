package io.realskin.gateway.keys;

/** A key just created: as stored, and the key itself, which exists only in this object and the answer made of it. */
public record NewKey(StoredKey stored, String key) {
}
