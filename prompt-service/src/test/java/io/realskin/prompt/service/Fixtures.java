package io.realskin.prompt.service;

import io.realskin.contracts.prompt.ModelCatalogue;
import io.realskin.prompt.domain.Vocabulary;

import java.util.Set;

/** The production data files, wired without CDI for fast unit tests. */
final class Fixtures {

    static final String VOCABULARY = "vocabulary/prompt-vocabulary-v1.yaml";
    static final String CATALOGUE = "catalogue/models-v1.yaml";

    private static final RuleBook BOOK = RuleBook.of(YamlResources.read(VOCABULARY, Vocabulary.class));

    private Fixtures() {
    }

    static RuleBook book() {
        return BOOK;
    }

    static Vocabulary vocabulary() {
        return YamlResources.read(VOCABULARY, Vocabulary.class);
    }

    static PromptValidator validator() {
        return new PromptValidator(4000);
    }

    static PromptLinter linter() {
        return new PromptLinter(BOOK, validator());
    }

    static PromptEnhancer enhancer() {
        return enhancer(BOOK);
    }

    static PromptEnhancer enhancer(RuleBook book) {
        return new PromptEnhancer(book, new PromptLinter(book, validator()), validator());
    }

    static ModelCatalog catalog(String... configuredProviders) {
        return new ModelCatalog(YamlResources.read(CATALOGUE, ModelCatalogue.class), new ProviderRegistry(Set.of(configuredProviders)));
    }
}
