package io.realskin.gateway.images;

import java.time.Instant;

/** An image as the API shows it. */
public record ImageView(String id, String contentType, int width, int height, long bytes, String sha256, Instant createdAt,
                        String url) {
    static ImageView of(Image image) {
        return new ImageView(image.id(), image.contentType(), image.width(), image.height(), image.bytes(), image.sha256(),
                image.createdAt(), "/v1/images/" + image.id() + "/content");
    }
}
