package io.realskin.prompt.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the prompt tools ({@code realskin.prompt.*}). */
@ConfigMapping(prefix = "realskin.prompt")
public interface PromptSettings {

    /** Vocabulary YAML: a class-path resource, or a file with a {@code file:} prefix. */
    @WithDefault("vocabulary/prompt-vocabulary-v1.yaml")
    String vocabulary();

    /**
     * This deployment's provider model names, {@code id=providerModel} pairs ({@code PROVIDER_MODEL_NAMES}, the variable
     * generation-service reads as {@code realskin.providers.model-names}): {@code GET /models} shows the name that is sent.
     */
    java.util.Optional<java.util.List<String>> providerModelNames();

    /** Model catalogue YAML: a class-path resource, or a file with a {@code file:} prefix. */
    @WithDefault("catalogue/models-v1.yaml")
    String catalogue();

    /** Longest prompt accepted, in characters. */
    @WithDefault("4000")
    int maxLength();
}
