package io.realskin.texture.service;

import io.realskin.contracts.TextureRequest;
import io.realskin.texture.engine.DecodedImage;
import io.realskin.texture.engine.ImageEncoder;
import io.realskin.texture.engine.ImageLimits;
import io.realskin.texture.engine.OpenCvLoader;
import io.realskin.texture.engine.SafeImageDecoder;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The foundation's processor: decodes the image safely (header limits first) and encodes it again in its own
 * format. It proves the pipeline end to end until the texture engine's restore takes its place.
 */
@ApplicationScoped
public class DecodeOnlyTextureProcessor implements TextureProcessor {
    private final SafeImageDecoder decoder;

    public DecodeOnlyTextureProcessor() {
        OpenCvLoader.load();
        this.decoder = new SafeImageDecoder(ImageLimits.DEFAULT);
    }

    @Override
    public TextureResult process(TextureRequest request, TextureInputs inputs, ProgressSink progress) {
        try (DecodedImage image = decoder.decode(inputs.image())) {
            progress.stage("encode", 90);
            byte[] encoded = ImageEncoder.encode(image.pixels(), image.format(), image.jpegQuality());
            return new TextureResult(encoded, image.format().contentType(), image.format().extension(),
                    image.width(), image.height(), null, null, null, null);
        }
    }
}
