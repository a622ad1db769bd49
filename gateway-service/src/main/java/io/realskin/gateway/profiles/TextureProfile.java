package io.realskin.gateway.profiles;

import java.time.Instant;

/**
 * A row of {@code texture_profiles}: the engine's statistics of a reference photo's skin, stored as a JSON document
 * under {@code blobKey}; {@code sourceImageId} is the photo it was made from, which may have been deleted since;
 * {@code createdBy} the API key that made it, and so confirmed the consent to use the photo.
 */
public record TextureProfile(String id, String tenantId, String name, String blobKey, String sourceImageId, String createdBy,
                             Instant createdAt) {
}
