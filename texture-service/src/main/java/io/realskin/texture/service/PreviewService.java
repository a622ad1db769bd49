package io.realskin.texture.service;

import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.ImageProbe;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.texture.config.PreviewConfig;
import io.realskin.texture.config.SlotsConfig;
import io.realskin.contracts.Intensity;
import io.realskin.texture.engine.RestoreOptions;
import io.realskin.texture.engine.RestoreResult;
import io.realskin.texture.engine.ScoreReport;
import io.realskin.texture.engine.TextureEngine;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The front end's slider: a restored preview of an image of at most 2 MP, and the plastic-skin score. Synchronous
 * and bounded: the size is checked from the header before decoding, and at most {@code concurrency} requests
 * compute at once ({@link BusySlots}: the others wait their tenant's turn briefly, then are told to retry) so previews
 * cannot starve the process.
 */
@ApplicationScoped
public class PreviewService {
    private final TextureEngine engine;
    private final long maxPixels;
    private final ImageLimits limits;
    private final BusySlots slots;

    public PreviewService(TextureEngine engine, PreviewConfig config, SlotsConfig queue) {
        this.engine = engine;
        this.maxPixels = config.maxPixels();
        this.limits = new ImageLimits(maxPixels, ImageLimits.DEFAULT.maxBytes());
        this.slots = new BusySlots(config.concurrency(), queue, "preview");
    }

    /** @throws ImageRejectedException bad_image, or too_large above the preview limit */
    public RestoreResult preview(String tenantId, byte[] image, Intensity intensity) {
        checkSize(image);
        return slots.run(tenantId, () -> engine.restore(image, RestoreOptions.defaults().withIntensity(intensity.level())
                .withAutoIntensity(intensity.auto())));
    }

    public ScoreReport analyze(String tenantId, byte[] image) {
        checkSize(image);
        return slots.run(tenantId, () -> engine.score(image));
    }

    public long maxPixels() {
        return maxPixels;
    }

    /**
     * The preview limit from the header, before a JPEG's scans are walked: walked first (as until 2026-12-06), a small
     * JPEG whose header announces a huge frame held a request thread outside the preview slots for as long as the walk
     * over that frame took, and one with corrupt data was answered as unreadable instead of too large.
     */
    private void checkSize(byte[] image) {
        ImageProbe.probe(image, limits);
    }
}
