package io.realskin.texture.service;

import io.realskin.imaging.ImageRejectedException;
import io.realskin.support.problem.Problem;
import io.realskin.support.problem.ProblemTypes;
import io.realskin.texture.config.ProfileConfig;
import io.realskin.texture.config.SlotsConfig;
import io.realskin.texture.engine.TextureEngine;
import io.realskin.texture.engine.TextureProfile;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The texture profile of a stored reference photo, for the gateway's texture profiles: the skin statistics a
 * reference restore aims at (no pixels, nothing of the face's shape), measured from the tenant's blob
 * ({@link TenantBlobs}) by the engine, at most {@code realskin.texture.profile.concurrency} at once. Nothing is stored
 * here: the gateway keeps the document.
 */
@ApplicationScoped
public class ProfileService {
    private final TextureEngine engine;
    private final TenantBlobs blobs;
    private final BusySlots slots;

    public ProfileService(TextureEngine engine, TenantBlobs blobs, ProfileConfig config, SlotsConfig queue) {
        this.engine = engine;
        this.blobs = blobs;
        this.slots = new BusySlots(config.concurrency(), queue, "profile");
    }

    /**
     * The profile, or empty when the tenant has no blob under the key.
     *
     * @throws ImageRejectedException when the blob is not an image the engine reads, or over the upload limits
     * @throws io.realskin.support.problem.ProblemException 422 reference-without-face when no face has measurable skin
     */
    public Optional<TextureProfile> measure(String tenantId, String key) {
        return slots.run(tenantId, () -> blobs.read(tenantId, key, engine.limits().maxBytes()).map(this::withFace));
    }

    private TextureProfile withFace(byte[] photo) {
        TextureProfile profile = engine.measureProfile(photo);
        if (profile.faces() == 0) {
            throw Problem.of(ProblemTypes.REFERENCE_WITHOUT_FACE, TextureEngine.NO_MEASURABLE_FACE).exception();
        }
        return profile;
    }
}
