package io.realskin.gateway.images;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.realskin.support.fair.FairPermits;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What happens to stored images, for the dashboard: {@code realskin_gateway_images_deleted_total} (and of those,
 * {@code realskin_gateway_image_blobs_deleted_total}, the deletions that removed the last row of a blob and so the
 * blob) and {@code realskin_gateway_images_refused_total{reason}} (a problem type: a deletion refused as
 * {@code image-in-use}, an upload as {@code storage-quota-exceeded}); {@code realskin_gateway_image_thumbnails_total{outcome}}:
 * a thumbnail answered from the blob store ({@code stored}), rendered by texture-service ({@code rendered}), answered by
 * waiting for the same thumbnail's render already running ({@code joined}), or refused because every render slot of the
 * replica stayed busy, or its tenant had its share waiting ({@code busy}); {@code realskin_gateway_image_thumbnail_renders_waiting}:
 * thumbnails waiting for a render slot now; {@code realskin_gateway_image_reservations_expired_total} and
 * {@code realskin_gateway_image_reservations_expired_bytes_total}: uploads' reservations of quota left past their lease
 * (a gateway died mid-upload) that the sweep gave back; {@code realskin_gateway_image_blobs_left_total}: blobs of such
 * uploads no image row names that the sweep failed to remove, left for an operator (the WARN names each key); made at
 * start, at 0, for the alert ImageBlobsLeft (increase() sees nothing of a counter that first appears at 1). Never
 * labelled by tenant.
 */
@Startup
@ApplicationScoped
public class ImageMetrics {
    static final String THUMBNAIL_STORED = "stored";
    static final String THUMBNAIL_RENDERED = "rendered";
    static final String THUMBNAIL_JOINED = "joined";
    static final String THUMBNAIL_BUSY = "busy";
    private final MeterRegistry registry;

    public ImageMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.counter("realskin.gateway.image.blobs.left");
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

    void reservationsExpired(long reservations, long bytes) {
        registry.counter("realskin.gateway.image.reservations.expired").increment(reservations);
        registry.counter("realskin.gateway.image.reservations.expired.bytes").increment(bytes);
    }

    /** A blob no image row names that the reservation sweep failed to remove: nothing tries again, an operator removes it. */
    void blobLeft() {
        registry.counter("realskin.gateway.image.blobs.left").increment();
    }

    void thumbnailRendersWaiting(FairPermits renders) {
        registry.gauge("realskin.gateway.image.thumbnail.renders.waiting", renders, FairPermits::waiting);
    }

    void thumbnail(String outcome) {
        registry.counter("realskin.gateway.image.thumbnails", "outcome", outcome).increment();
    }
}
