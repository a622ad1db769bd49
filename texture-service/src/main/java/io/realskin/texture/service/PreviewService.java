package io.realskin.texture.service;

import io.realskin.imaging.ImageInfo;
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
    private final BusySlots slots;

    public PreviewService(TextureEngine engine, PreviewConfig config, SlotsConfig queue) {
        this.engine = engine;
        this.maxPixels = config.maxPixels();
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

    private void checkSize(byte[] image) {
        ImageInfo info = ImageProbe.probe(image);
        if (info.pixels() > maxPixels) {
            throw ImageRejectedException.tooLarge("image is " + info.width() + "x" + info.height() + " = " + info.pixels()
                    + " pixels; previews take at most " + maxPixels);
        }
    }
}
