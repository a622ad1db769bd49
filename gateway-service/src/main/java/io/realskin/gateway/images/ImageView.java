package io.realskin.gateway.images;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An image as the API shows it. */
public record ImageView(String id, String contentType, int width, int height, long bytes, String sha256, Instant createdAt,
                        String url,
                        @Schema(nullable = true, description = "the job whose result this image is; null for an upload") String jobId,
                        @Schema(nullable = true, description = "the API key that uploaded the image, or submitted the job whose "
                                + "result it is; null for an image made before 2026-12-07") String createdBy) {
    static ImageView of(Image image) {
        return new ImageView(image.id(), image.contentType(), image.width(), image.height(), image.bytes(), image.sha256(),
                image.createdAt(), "/v1/images/" + image.id() + "/content", image.jobId(), image.createdBy());
    }
}
