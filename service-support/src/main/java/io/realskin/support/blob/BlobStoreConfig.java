package io.realskin.support.blob;

import io.smallrye.config.ConfigMapping;

/** {@code REALSKIN_BLOB_STORE} ({@code fs} or {@code s3}), {@code REALSKIN_BLOB_DIR} for fs. */
@ConfigMapping(prefix = "realskin.blob")
public interface BlobStoreConfig {
    String store();

    String dir();
}
