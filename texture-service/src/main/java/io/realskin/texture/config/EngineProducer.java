package io.realskin.texture.config;

import io.realskin.texture.engine.TextureEngine;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One engine per process: it loads OpenCV and the face models once (a model that cannot be read fails here) and is thread-safe. */
public class EngineProducer {
    @Produces
    @Singleton
    TextureEngine engine() {
        return new TextureEngine().awaitModels();
    }
}
