package io.realskin.support.blob;

import io.smallrye.config.ConfigMapping;

/** {@code REALSKIN_BLOB_STORE}, {@code REALSKIN_BLOB_DIR}. */
@ConfigMapping(prefix = "realskin.blob")
public interface BlobStoreConfig {
    String store();

    String dir();
}
