package io.realskin.texture.service;

import io.realskin.contracts.blob.BlobKeys;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.contracts.blob.BlobTooLargeException;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.support.problem.ProblemMappers;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Optional;

/**
 * A tenant's stored blobs as the gateway names them (claim check): a key is read only when it is the tenant's own,
 * {@code <kind>/<tenant>/...} with the tenant the service token names; anything else reads as missing. A blob is read
 * only up to the caller's byte limit (an image's), so a huge object costs nothing before it is refused.
 */
@ApplicationScoped
public class TenantBlobs {
    private final BlobStore blobs;

    public TenantBlobs(BlobStore blobs) {
        this.blobs = blobs;
    }

    /**
     * The bytes, or empty when the tenant has no blob under the key; 503 when the store cannot be read.
     *
     * @throws ImageRejectedException too_large, before a byte is read, for a blob of more than {@code maxBytes}
     */
    public Optional<byte[]> read(String tenantId, String key, long maxBytes) {
        if (!BlobKeys.ownedBy(tenantId, key)) {
            return Optional.empty();
        }
        try {
            return blobs.get(key, maxBytes);
        } catch (BlobTooLargeException e) {
            throw ImageRejectedException.tooLarge("the image " + e.getMessage());
        } catch (IOException e) {
            throw ProblemMappers.unavailable("blob store");
        }
    }
}
