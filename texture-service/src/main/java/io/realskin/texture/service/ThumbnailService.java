package io.realskin.texture.service;

import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.texture.config.SlotsConfig;
import io.realskin.texture.config.ThumbnailConfig;
import io.realskin.texture.engine.Thumbnailer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Thumbnails of stored images for the gateway (claim check: the gateway names the blob, this service reads it, so a
 * 30 MiB original never crosses the network twice), read through {@link TenantBlobs}. The bytes are untrusted and
 * admitted as uploads are ({@link Thumbnailer}); at most {@code realskin.texture.thumbnail.concurrency} renders at once
 * ({@link BusySlots}, tenants waiting in turn). Nothing is stored here.
 */
@ApplicationScoped
public class ThumbnailService {
    private final TenantBlobs blobs;
    private final Thumbnailer thumbnailer = new Thumbnailer(ImageLimits.DEFAULT);
    private final BusySlots slots;

    public ThumbnailService(TenantBlobs blobs, ThumbnailConfig config, SlotsConfig queue) {
        this.blobs = blobs;
        this.slots = new BusySlots(config.concurrency(), queue, "thumbnail");
    }

    /**
     * The thumbnail, or empty when the tenant has no blob under the key.
     *
     * @throws ImageRejectedException when the blob is not an image the engine reads, or over the upload limits
     */
    public Optional<Thumbnailer.Thumbnail> render(String tenantId, String key, int maxWidth) {
        return slots.run(tenantId, () -> blobs.read(tenantId, key, ImageLimits.DEFAULT.maxBytes()).map(bytes -> thumbnailer.render(bytes, maxWidth)));
    }
}
