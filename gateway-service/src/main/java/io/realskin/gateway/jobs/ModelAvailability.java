package io.realskin.gateway.jobs;

import io.realskin.contracts.prompt.ImageModel;
import io.realskin.gateway.backends.PromptClient;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.problems.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Whether this deployment can run a model, as prompt-service's catalogue says ({@code available}: its provider has a
 * key; the keys themselves are generation-service's and prompt-service's, never the gateway's). The catalogue is the
 * same for every tenant and changes only when those services restart, so one copy is kept per replica for
 * {@code realskin.jobs.model-catalogue-ttl}. Fails open: a catalogue that cannot be read, or a model it does not list,
 * refuses nothing, and generation-service's {@code provider_not_configured} stays the last word. Blocking.
 */
@ApplicationScoped
public class ModelAvailability {
    private static final Logger LOG = Logger.getLogger(ModelAvailability.class);

    /** The catalogue's models by id (empty: unknown), and until when this copy holds. */
    private record Known(Map<String, ImageModel> models, long expiresAtNanos) {
    }

    private final PromptClient prompts;
    private final long ttlNanos;
    private final boolean refuse;
    private volatile Known known;

    public ModelAvailability(PromptClient prompts, GatewayConfig config) {
        this.prompts = prompts;
        this.ttlNanos = config.jobs().modelCatalogueTtl().toNanos();
        this.refuse = config.jobs().refuseUnavailableModels();
    }

    /** Throws 409 model-unavailable when the catalogue says the model's provider is not configured here. */
    void require(String tenantId, String modelId) {
        if (!refuse) {
            return;
        }
        ImageModel model = models(tenantId).get(modelId);
        if (model != null && !model.available()) {
            throw Problems.modelUnavailable(modelId, model.provider());
        }
    }

    private Map<String, ImageModel> models(String tenantId) {
        Known now = known;
        if (now != null && now.expiresAtNanos() - System.nanoTime() > 0) {
            return now.models();
        }
        Map<String, ImageModel> models;
        try {
            models = prompts.models(tenantId).models().stream()
                    .collect(Collectors.toMap(ImageModel::id, Function.identity(), (first, second) -> first));
        } catch (RuntimeException e) {
            LOG.warnf("model catalogue unreadable (%s): jobs are not checked for their model's provider until it is", e.getMessage());
            models = Map.of();
        }
        known = new Known(models, System.nanoTime() + ttlNanos);
        return models;
    }
}
