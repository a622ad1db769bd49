package io.realskin.prompt.service;

import io.realskin.prompt.config.ProviderSettings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.Set;
import java.util.TreeSet;

/** Which image providers this deployment has credentials for. Only names are kept; keys are dropped. */
@Singleton
public class ProviderRegistry {

    private static final Logger LOG = Logger.getLogger(ProviderRegistry.class);

    private final Set<String> configured;

    @Inject
    public ProviderRegistry(ProviderSettings settings) {
        Set<String> names = new TreeSet<>();
        settings.providers().forEach((name, provider) -> {
            if (provider.hasKey()) {
                names.add(name);
            }
        });
        this.configured = Set.copyOf(names);
        LOG.infof("Image providers configured: %s", names.isEmpty() ? "none" : names);
    }

    public ProviderRegistry(Set<String> configured) {
        this.configured = Set.copyOf(configured);
    }

    public boolean isConfigured(String provider) {
        return configured.contains(provider);
    }
}
