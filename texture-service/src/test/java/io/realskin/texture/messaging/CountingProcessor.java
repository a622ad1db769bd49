package io.realskin.texture.messaging;

import io.realskin.contracts.TextureRequest;
import io.realskin.texture.service.EngineTextureProcessor;
import io.realskin.texture.service.TextureProcessor;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;

/** The engine, counted, for every test of this module: a test sees whether a job ran the engine. */
@Alternative
@Priority(1)
@Singleton
public class CountingProcessor implements TextureProcessor {
    static final AtomicInteger RUNS = new AtomicInteger();

    private final EngineTextureProcessor engine;

    public CountingProcessor(EngineTextureProcessor engine) {
        this.engine = engine;
    }

    @Override
    public TextureResult process(TextureRequest request, TextureInputs inputs, ProgressSink progress) {
        RUNS.incrementAndGet();
        return engine.process(request, inputs, progress);
    }
}
