package io.realskin.gateway.images;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What happens to stored images, for the dashboard: {@code realskin_gateway_images_deleted_total} (and of those,
 * {@code realskin_gateway_image_blobs_deleted_total}, the deletions that removed the last row of a blob and so the
 * blob) and {@code realskin_gateway_images_refused_total{reason}} (a problem type: a deletion refused as
 * {@code image-in-use}, an upload as {@code storage-quota-exceeded}). Never labelled by tenant.
 */
@ApplicationScoped
public class ImageMetrics {
    private final MeterRegistry registry;

    public ImageMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void deleted(boolean blobRemoved) {
        registry.counter("realskin.gateway.images.deleted").increment();
        if (blobRemoved) {
            registry.counter("realskin.gateway.image.blobs.deleted").increment();
        }
    }

    void refused(String reason) {
        registry.counter("realskin.gateway.images.refused", "reason", reason).increment();
    }
}
