package io.realskin.texture.service;

import io.realskin.contracts.blob.BlobKeys;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.support.problem.ProblemMappers;
import io.realskin.texture.config.ThumbnailConfig;
import io.realskin.texture.engine.Thumbnailer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Optional;

/**
 * Thumbnails of stored images for the gateway (claim check: the gateway names the blob, this service reads it, so a
 * 30 MiB original never crosses the network twice). A key must be a tenant's own ({@code <kind>/<tenant>/...}, the
 * tenant the service token names). The bytes are untrusted and admitted as uploads are ({@link Thumbnailer}); at most
 * {@code realskin.texture.thumbnail.concurrency} renders at once ({@link BusySlots}). Nothing is stored here.
 */
@ApplicationScoped
public class ThumbnailService {
    private final BlobStore blobs;
    private final Thumbnailer thumbnailer = new Thumbnailer(ImageLimits.DEFAULT);
    private final BusySlots slots;

    public ThumbnailService(BlobStore blobs, ThumbnailConfig config) {
        this.blobs = blobs;
        this.slots = new BusySlots(config.concurrency(), "thumbnail");
    }

    /**
     * The thumbnail, or empty when the tenant has no blob under the key.
     *
     * @throws ImageRejectedException when the blob is not an image the engine reads, or over the upload limits
     */
    public Optional<Thumbnailer.Thumbnail> render(String tenantId, String key, int maxWidth) {
        if (!owns(tenantId, key)) {
            return Optional.empty();
        }
        return slots.run(() -> read(key).map(bytes -> thumbnailer.render(bytes, maxWidth)));
    }

    /** True for a safe key whose second segment is the tenant: images/ten_1/..., results/ten_1/..., generated/ten_1/... */
    static boolean owns(String tenantId, String key) {
        if (!BlobKeys.isSafe(key) || tenantId == null) {
            return false;
        }
        String[] segments = key.split("/");
        return segments.length >= 3 && segments[1].equals(tenantId);
    }

    private Optional<byte[]> read(String key) {
        try {
            return blobs.get(key);
        } catch (IOException e) {
            throw ProblemMappers.unavailable("blob store");
        }
    }
}
