package io.realskin.gateway.images;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /v1/images}: a page of the tenant's images, newest first, and what the tenant stores against its quota. */
public record ImagePage(List<ImageView> items, @Schema(nullable = true, description = "pass back as cursor for the next page; null on the last") String nextCursor,
                        Usage usage) {
    /** Every image of the tenant counted on its own, uploads in progress included (docs/api.md, "Storage quota"). */
    public record Usage(long usedBytes, long limitBytes, long images, long limitImages) {
    }
}
