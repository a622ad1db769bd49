package io.realskin.texture.service;

import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.ImageProbe;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.texture.config.PreviewConfig;
import io.realskin.contracts.Intensity;
import io.realskin.texture.engine.RestoreOptions;
import io.realskin.texture.engine.RestoreResult;
import io.realskin.texture.engine.ScoreReport;
import io.realskin.texture.engine.TextureEngine;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The front end's slider: a restored preview of an image of at most 2 MP, and the plastic-skin score. Synchronous
 * and bounded: the size is checked from the header before decoding, and at most {@code concurrency} requests
 * compute at once (the others are told to retry) so previews cannot starve the process.
 */
@ApplicationScoped
public class PreviewService {
    private final TextureEngine engine;
    private final long maxPixels;
    private final BusySlots slots;

    public PreviewService(TextureEngine engine, PreviewConfig config) {
        this.engine = engine;
        this.maxPixels = config.maxPixels();
        this.slots = new BusySlots(config.concurrency(), "preview");
    }

    /** @throws ImageRejectedException bad_image, or too_large above the preview limit */
    public RestoreResult preview(byte[] image, Intensity intensity) {
        checkSize(image);
        return slots.run(() -> engine.restore(image, RestoreOptions.defaults().withIntensity(intensity.level())
                .withAutoIntensity(intensity.auto())));
    }

    public ScoreReport analyze(byte[] image) {
        checkSize(image);
        return slots.run(() -> engine.score(image));
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
