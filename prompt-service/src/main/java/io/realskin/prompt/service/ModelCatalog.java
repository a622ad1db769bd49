package io.realskin.prompt.service;

import io.realskin.contracts.ProviderModelNames;
import io.realskin.prompt.config.PromptSettings;
import io.realskin.contracts.prompt.ImageModel;
import io.realskin.contracts.prompt.ModelCatalogue;
import io.realskin.prompt.domain.PromptProblems;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The image-model catalogue from its versioned data file, each model marked available when its provider is configured. */
@Singleton
@Startup
public class ModelCatalog {

    private final String version;
    private final List<ImageModel> models;

    @Inject
    public ModelCatalog(PromptSettings settings, ProviderRegistry providers) {
        this(YamlResources.read(settings.catalogue(), ModelCatalogue.class), providers,
                new ProviderModelNames(settings.providerModelNames().orElse(List.of())));
    }

    public ModelCatalog(ModelCatalogue data, ProviderRegistry providers) {
        this(data, providers, new ProviderModelNames(List.of()));
    }

    /** With this deployment's provider model names ({@code PROVIDER_MODEL_NAMES}) in place of the file's. */
    public ModelCatalog(ModelCatalogue data, ProviderRegistry providers, ProviderModelNames names) {
        check(data);
        this.version = data.version();
        this.models = data.models().stream()
                .map(m -> m.withAvailable(providers.isConfigured(m.provider())))
                .map(m -> m.withProviderModel(names.overrides().getOrDefault(m.id(), m.providerModel())))
                .sorted(Comparator.comparingInt(ImageModel::skinRealismRank))
                .toList();
    }

    /** All models, best skin realism first. */
    public ModelCatalogue catalogue() {
        return new ModelCatalogue(version, models);
    }

    public List<ImageModel> models() {
        return models;
    }

    /** The model with this id; an unknown id is a client error naming the known ones. */
    public ImageModel find(String id) {
        return models.stream()
                .filter(m -> m.id().equals(id))
                .findFirst()
                .orElseThrow(() -> PromptProblems.unknownValue("model", id, models.stream().map(ImageModel::id).toList()));
    }

    private static void check(ModelCatalogue data) {
        if (data.version() == null || data.models().isEmpty()) {
            throw new IllegalStateException("Invalid model catalogue: version and models are required");
        }
        Set<String> ids = new HashSet<>();
        Set<Integer> ranks = new HashSet<>();
        for (ImageModel m : data.models()) {
            if (m.id() == null || m.provider() == null || m.planRequired() == null || m.displayName() == null) {
                throw new IllegalStateException("Invalid model catalogue entry: " + m);
            }
            if (!ids.add(m.id()) || !ranks.add(m.skinRealismRank())) {
                throw new IllegalStateException("Duplicate model id or skin rank in catalogue: " + m.id());
            }
        }
    }
}
