package io.realskin.contracts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A deployment's own provider model names, {@code realskin.providers.model-names} ({@code PROVIDER_MODEL_NAMES}):
 * {@code id=providerModel} pairs, e.g. {@code nano-banana-pro=gemini-3-pro-image}, each replacing the model table's
 * {@link ImageModels.Model#providerModel()} for one model id. When a provider retires a model name, setting the new
 * one here (generation-service sends it, prompt-service shows it) needs no release (docs/generation.md, "Settings").
 * Checked at start: an unknown id, a pair without {@code =}, or a name that is not a provider model name stops the
 * service rather than sending it.
 */
public final class ProviderModelNames {
    /** A provider's model name as it goes into a URL path or a form field: letters, digits, dots, dashes, underscores. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Map<String, String> names = new LinkedHashMap<>();

    public ProviderModelNames(List<String> pairs) {
        for (String pair : pairs) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String id = eq < 0 ? "" : pair.substring(0, eq).trim();
            String name = eq < 0 ? "" : pair.substring(eq + 1).trim();
            if (ImageModels.find(id).isEmpty() || !NAME.matcher(name).matches()) {
                throw new IllegalStateException("realskin.providers.model-names: '" + pair + "' is not id=providerModel with an id of "
                        + ImageModels.ids() + " and a provider model name (letters, digits, '.', '-', '_')");
            }
            names.put(id, name);
        }
    }

    /** The name this deployment sends for the model: its own, or the table's. */
    public String of(ImageModels.Model model) {
        return names.getOrDefault(model.id(), model.providerModel());
    }

    /** The model with this deployment's provider model name. */
    public ImageModels.Model apply(ImageModels.Model model) {
        return new ImageModels.Model(model.id(), model.provider(), of(model), model.generates(), model.inpaints(),
                model.maxReferenceImages());
    }

    public Map<String, String> overrides() {
        return Map.copyOf(names);
    }
}
