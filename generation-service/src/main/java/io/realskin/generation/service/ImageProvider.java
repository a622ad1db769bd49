package io.realskin.generation.service;

import java.util.Locale;
import java.util.Optional;

/** The external image-model providers and which model ids each serves. */
public enum ImageProvider {
    OPENAI("gpt-image"),
    GEMINI("gemini", "nano-banana"),
    BFL("flux");

    private final String[] modelPrefixes;

    ImageProvider(String... modelPrefixes) {
        this.modelPrefixes = modelPrefixes;
    }

    public static Optional<ImageProvider> forModel(String model) {
        String id = model.toLowerCase(Locale.ROOT);
        for (ImageProvider provider : values()) {
            for (String prefix : provider.modelPrefixes) {
                if (id.startsWith(prefix)) {
                    return Optional.of(provider);
                }
            }
        }
        return Optional.empty();
    }
}
