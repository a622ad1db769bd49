package io.realskin.gateway.profiles;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /v1/texture-profiles}: a page of the tenant's profiles, newest first, without their documents. */
public record TextureProfilePage(List<TextureProfileView> items,
                                 @Schema(nullable = true, description = "pass back as cursor for the next page; null on the last") String nextCursor) {
}
