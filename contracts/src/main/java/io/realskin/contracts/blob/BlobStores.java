package io.realskin.contracts.blob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Opens the blob store named by a service's settings ({@code REALSKIN_BLOB_STORE}, {@code REALSKIN_BLOB_DIR}). */
public final class BlobStores {
    public static BlobStore open(String kind, String dir) {
        if (!"fs".equals(kind)) {
            throw new IllegalArgumentException("REALSKIN_BLOB_STORE=" + kind + " is not supported by this build; use fs");
        }
        try {
            return new FileSystemBlobStore(Path.of(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("blob directory " + dir + " is not usable", e);
        }
    }

    private BlobStores() {
    }
}
