package io.realskin.generation.service;

import io.realskin.contracts.ImageModels;
import io.realskin.contracts.ProviderModelNames;
import io.realskin.generation.config.GenerationConfig;
import io.realskin.generation.config.ProvidersConfig;
import io.realskin.generation.imaging.DecodeSlots;
import io.realskin.generation.provider.ImageProvider;
import io.realskin.generation.provider.ProviderHttp;
import io.realskin.generation.provider.ProviderSettings;
import io.realskin.generation.provider.bfl.BflImages;
import io.realskin.generation.provider.gemini.GeminiImages;
import io.realskin.generation.provider.openai.OpenAiAccount;
import io.realskin.generation.provider.openai.OpenAiImages;
import io.realskin.generation.resilience.Pauser;
import io.realskin.generation.resilience.ProviderGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Provider routing: a model id of the table ({@link ImageModels}) to its provider's adapter, with the provider's
 * guard (bulkhead, breaker, retries). A provider without a key has no route; SDXL-class models never have one.
 */
@ApplicationScoped
public class Providers {
    private static final Logger LOG = Logger.getLogger(Providers.class);

    /** A configured provider. */
    public record Provider(ProviderSettings settings, ImageProvider adapter, ProviderGuard guard) {
    }

    /** A model, with the provider model name this deployment sends for it, and the provider that serves it. */
    public record Route(ImageModels.Model model, Provider provider) {
    }

    private final Map<String, Provider> configured = new LinkedHashMap<>();

    private final DecodeSlots slots;
    private final ProviderModelNames names;

    @Inject
    public Providers(ProvidersConfig config, GenerationConfig generation) {
        this(Map.of(ImageModels.OPENAI, ProviderSettings.of(ImageModels.OPENAI, config.openai())
                        .withHeaders(OpenAiAccount.headers(config.openai().organization(), config.openai().project())),
                ImageModels.GOOGLE, ProviderSettings.of(ImageModels.GOOGLE, config.gemini(), config.gemini().googleApiKey()),
                ImageModels.BFL, ProviderSettings.of(ImageModels.BFL, config.bfl())), Pauser.SLEEP,
                DecodeSlots.of(generation.decodeSlots()), config.openai().endUserSecret(),
                new ProviderModelNames(config.modelNames().orElse(List.of())));
    }

    public Providers(Map<String, ProviderSettings> settings, Pauser pauser) {
        this(settings, pauser, DecodeSlots.PROCESS);
    }

    public Providers(Map<String, ProviderSettings> settings, Pauser pauser, DecodeSlots slots) {
        this(settings, pauser, slots, Optional.empty(), new ProviderModelNames(List.of()));
    }

    public Providers(Map<String, ProviderSettings> settings, Pauser pauser, DecodeSlots slots, Optional<String> endUserSecret,
                     ProviderModelNames names) {
        this.slots = slots;
        this.names = names;
        if (!names.overrides().isEmpty()) {
            LOG.infof("Provider model names set by this deployment: %s", names.overrides());
        }
        settings.forEach((name, s) -> {
            if (s.configured()) {
                ProviderHttp http = new ProviderHttp(s, slots);
                ImageProvider adapter = switch (name) {
                    case ImageModels.OPENAI -> new OpenAiImages(http, endUserSecret);
                    case ImageModels.GOOGLE -> new GeminiImages(http);
                    case ImageModels.BFL -> new BflImages(http, pauser);
                    default -> throw new IllegalArgumentException("no adapter for provider " + name);
                };
                configured.put(name, new Provider(s, adapter, new ProviderGuard(s, pauser)));
            }
        });
        LOG.infof("Image providers configured: %s", configured.isEmpty() ? "none" : new TreeSet<>(configured.keySet()));
    }

    /**
     * The route of a model of the table, when its provider is configured: the model with the provider model name this
     * deployment sends ({@code realskin.providers.model-names}, else the table's).
     */
    public Optional<Route> route(ImageModels.Model model) {
        return Optional.ofNullable(configured.get(model.provider())).map(p -> new Route(names.apply(model), p));
    }

    /** The process's image slots: the adapters read answers in them, the jobs check and composite images in them. */
    public DecodeSlots decodeSlots() {
        return slots;
    }

    public Map<String, Provider> configured() {
        return configured;
    }
}
