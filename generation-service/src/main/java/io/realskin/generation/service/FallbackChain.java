package io.realskin.generation.service;

import io.realskin.contracts.ImageModels;
import io.realskin.generation.config.GenerationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code realskin.generation.fallback}: {@code model>next} pairs, checked at start against the model table. */
@ApplicationScoped
public class FallbackChain {
    private final Map<String, String> next = new LinkedHashMap<>();

    @Inject
    public FallbackChain(GenerationConfig config) {
        this(config.fallback().orElse(List.of()));
    }

    public FallbackChain(List<String> pairs) {
        for (String pair : pairs) {
            String[] ab = pair.trim().split(">");
            if (ab.length != 2 || ImageModels.find(ab[0].trim()).isEmpty() || ImageModels.find(ab[1].trim()).isEmpty()) {
                throw new IllegalStateException("realskin.generation.fallback: '" + pair + "' is not model>model with models of "
                        + ImageModels.ids());
            }
            next.put(ab[0].trim(), ab[1].trim());
        }
    }

    /** The model, then each fallback in order (a model appears once, so a cycle ends). */
    public List<String> chain(String model) {
        List<String> chain = new ArrayList<>(List.of(model));
        for (String m = next.get(model); m != null && !chain.contains(m); m = next.get(m)) {
            chain.add(m);
        }
        return chain;
    }
}
